import { describe, expect, it } from 'vitest';
import { hostView } from '../views';
import { HOST, harness } from '../test-harness';
import { roomLessonData } from './room';
import { LESSON_DATA_FIELDS } from './types';

describe("the room's own lesson data", () => {
  it('is null before anything happened, then carries the room’s realism, timeline and pictures', () => {
    const h = harness({ roundsPerLevel: 1 });
    h.join();
    expect(roomLessonData(hostView(h.state, h.now), [])).toBeNull();
    h.startRound();
    for (const img of h.images()) h.vote(0, img.id, 'real');
    h.send({ type: 'advance', hostToken: HOST });
    const report = {
      dSteps: 2, gSteps: 2, dLoss: 1, gLoss: 1, humanLoss: 0.3, dReal: 0.6, dFake: 0.4, stepsPerSec: 5, ms: 800,
      backend: 'webgl' as const, checksumBefore: 1, checksumAfter: 2, fid: 42, histogram: { counts: [1, 0, 0, 0, 0, 0, 0, 9, 0, 0], classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] },
    };
    h.send({ type: 'trained', hostToken: HOST, round: 1, report });
    const data = roomLessonData(hostView(h.state, h.now), [{ d: 1, g: 2 }, { d: 0.9, g: 1.8 }], {
      samplesOverTime: [{ step: 4, image: 'x' }],
      interpolation: ['a', 'b', 'c'],
    })!;
    expect(data.source).toBe('live');
    // Everyone said "real": every fake fooled the room, every real was right.
    expect(data.fooledRate).toBe(1);
    expect(data.realErrorRate).toBe(0);
    expect(data.judgments).toBe(6);
    expect(data.dTrace).toEqual([{ real: 0.6, fake: 0.4 }]);
    expect(data.fid).toBe(42);
    expect(data.histogram?.counts[7]).toBe(9);
    expect(data.layerSizes).toEqual([32, 64, 128, 256, 784]);
    expect(data.interpolation).toHaveLength(3);
    expect(data.timeline).toHaveLength(1);
    for (const key of Object.keys(data)) if (key !== 'source' && key !== 'caption') expect(LESSON_DATA_FIELDS).toContain(key);
  });
});
