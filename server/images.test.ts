import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodePixels } from '../game/protocol';
import { seededRng } from '../game/rng';
import { decodeImageSet, imageAt } from '../ml/format';
import { fileImages } from './images';

describe('real images for a round', () => {
  const set = decodeImageSet(new Uint8Array(readFileSync(path.join(process.cwd(), 'public/data/digits.bin'))));
  const heldOut = (label?: number) => {
    const out = new Set<string>();
    for (let i = Math.floor(set.count * 0.9); i < set.count; i++) if (label === undefined || set.labels[i] === label) out.add(encodePixels(imageAt(set, i)));
    return out;
  };

  it('come from the held-out tail, of one class when a conditional level asks', () => {
    const images = fileImages();
    const any = images.draw('digits', 20, seededRng(1));
    const tail = heldOut();
    expect(any.every((p) => tail.has(p))).toBe(true);
    const sevens = heldOut(7);
    const drawn = images.draw('digits', 20, seededRng(2), 7);
    expect(drawn).toHaveLength(20);
    expect(drawn.every((p) => sevens.has(p))).toBe(true);
    expect(() => images.draw('digits', 1, seededRng(3), 42)).toThrow(/class 42/);
  });
});
