import { beforeEach, describe, expect, it } from 'vitest';
import { hostView } from '@/game/views';
import { harness, px } from '@/game/test-harness';
import type { HostView } from '@/game/protocol';
import { REAL_IMAGES_PER_LEVEL, collectRealImages, useHost } from './store';

function viewAt(level: number, phase: HostView['phase']): HostView {
  const h = harness({ roundsPerLevel: 1 }, ['collapse', 'fixit']);
  return { ...hostView(h.state, h.now), level, phase };
}
const training = (level: number) => viewAt(level, { kind: 'training', round: level, progress: null, knobs: null });
const reveal = (level: number, images: { pixels: string; truth: 'real' | 'fake' }[]) =>
  viewAt(level, {
    kind: 'reveal', round: level, fooledRate: null, fooledInterval: null, mostFooling: null, until: 0,
    images: images.map((im, i) => ({ id: `im${i}x`, realVotes: 0, fakeVotes: 0, ...im })),
  });

describe('the host store keeps each level’s losses apart', () => {
  beforeEach(() => useHost.getState().reset());

  it('tags the trainer’s appended losses with the level and loss training now', () => {
    const s = () => useHost.getState();
    s().set({ view: training(1) });
    // What app/host/trainer.ts does on every step today: append an untagged sample through set().
    s().set({ losses: [...s().losses, { step: s().losses.length + 1, d: 1.3, g: 0.7 }] });
    s().set({ view: training(2) });
    s().recordLoss({ dLoss: -4, gLoss: 3 });
    expect(s().losses).toEqual([
      { step: 1, d: 1.3, g: 0.7, level: 1, loss: 'nonsaturating' },
      { step: 2, d: -4, g: 3, level: 2, loss: 'wgan-gp' },
    ]);
  });

  it('collects the real images of each level’s reveals, once each, up to a row’s worth', () => {
    const s = () => useHost.getState();
    s().set({ view: reveal(1, [{ pixels: px(1), truth: 'real' }, { pixels: px(2), truth: 'fake' }]) });
    s().set({ view: reveal(1, [{ pixels: px(1), truth: 'real' }, { pixels: px(3), truth: 'real' }]) });
    s().set({ view: reveal(2, [{ pixels: px(4), truth: 'real' }]) });
    expect(s().realImages).toEqual({ 1: [px(1), px(3)], 2: [px(4)] });
    const many = Array.from({ length: 20 }, (_, i) => ({ pixels: px(i + 10), truth: 'real' as const }));
    expect(collectRealImages({}, reveal(1, many))[1]).toHaveLength(REAL_IMAGES_PER_LEVEL);
    // Other phases leave them alone.
    expect(collectRealImages({ 1: [px(1)] }, training(1))).toEqual({ 1: [px(1)] });
  });
});
