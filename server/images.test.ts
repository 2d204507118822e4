import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodePixels } from '../game/protocol';
import { seededRng } from '../game/rng';
import { readSplit } from '../ml/dataset-files';
import { DATASETS, EVAL_HELD_OUT, decodeImageSet, imageAt } from '../ml/format';
import { fileImages, pickUnshown } from './images';

const encodedSet = (set: ReturnType<typeof readSplit>) => new Set(Array.from({ length: set.count }, (_, i) => encodePixels(imageAt(set, i))));

describe('real images for a round', () => {
  const heldOut = readSplit('digits', 'heldout');

  it('come from the held-out split, of one class when a conditional level asks', () => {
    const images = fileImages();
    const any = images.draw('digits', 20, seededRng(1));
    expect(any.pixels).toHaveLength(20);
    any.indices.forEach((i, k) => expect(any.pixels[k]).toBe(encodePixels(imageAt(heldOut, i))));
    const drawn = images.draw('digits', 20, seededRng(2), 7);
    expect(drawn.indices.every((i) => heldOut.labels[i] === 7)).toBe(true);
    expect(() => images.draw('digits', 1, seededRng(3), 42)).toThrow(/class 42/);
  });

  it('are never among the images a browser can download, and every class has at least 500', () => {
    for (const dataset of DATASETS) {
      const held = readSplit(dataset, 'heldout');
      const perClass = new Array<number>(held.classes).fill(0);
      for (const l of held.labels) perClass[l]++;
      expect(Math.min(...perClass), `${dataset}: the smallest class`).toBeGreaterThanOrEqual(500);
      const heldKeys = encodedSet(held);
      expect(heldKeys.size, `${dataset}: no image twice`).toBe(held.count);
      // Every dataset file under public/, whatever its name.
      const dir = path.join(process.cwd(), 'public/data');
      for (const f of readdirSync(dir).filter((f) => f.endsWith('.bin'))) {
        const pub = decodeImageSet(new Uint8Array(readFileSync(path.join(dir, f))));
        let found = 0;
        for (let i = 0; i < pub.count; i++) if (heldKeys.has(encodePixels(imageAt(pub, i)))) found++;
        expect(found, `${dataset}: held-out images in public/data/${f}`).toBe(0);
      }
    }
  });

  it('keep the classifier’s test set at the head of the held-out split', () => {
    // scripts/train-classifier.ts reports its accuracy on these; ml/classifier.test.ts checks them.
    expect(heldOut.count).toBeGreaterThan(EVAL_HELD_OUT);
    expect(readSplit('digits', 'train').count).toBe(9000);
  });

  it('do not repeat within a room until the pool is spent, then come back oldest first', () => {
    const images = fileImages();
    const shown: number[] = [];
    const sevens = Array.from({ length: heldOut.count }, (_, i) => i).filter((i) => heldOut.labels[i] === 7);
    const rng = seededRng(5);
    // 500 sevens in rounds of 16, as a "draw a 7" level with the largest settings would ask: none twice.
    while (shown.length < 496) shown.push(...images.draw('digits', 16, rng, 7, shown).indices);
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown.every((i) => heldOut.labels[i] === 7)).toBe(true);
    const rest = sevens.filter((i) => !shown.includes(i));
    const more = images.draw('digits', rest.length + 3, rng, 7, shown).indices;
    expect(new Set(more).size).toBe(more.length);
    expect(more.slice(0, rest.length).sort()).toEqual([...rest].sort());
    expect(more.slice(rest.length)).toEqual(shown.slice(0, 3));
  });
});

describe('pickUnshown', () => {
  it('picks distinct images outside the shown ones', () => {
    const pool = [1, 2, 3, 4, 5, 6];
    const got = pickUnshown(pool, 3, seededRng(1), [1, 2, 3]);
    expect([...got].sort()).toEqual([4, 5, 6]);
    expect(pickUnshown(pool, 2, seededRng(1), [9, 1, 2, 3, 4, 5, 6])).toEqual([1, 2]);
    expect(() => pickUnshown(pool, 7, seededRng(1))).toThrow(/pool has 6/);
  });
});
