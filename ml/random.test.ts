import { describe, expect, it } from 'vitest';
import { Rng } from './random';

describe('Rng', () => {
  it('repeats a seed and differs across seeds', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const xa = [a.next(), a.next(), a.normal()];
    expect([b.next(), b.next(), b.normal()]).toEqual(xa);
    expect(c.next()).not.toBe(xa[0]);
  });

  it('draws normals with mean ~0 and variance ~1', () => {
    const xs = new Rng(7).normals(20000);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('resumes from a saved state', () => {
    const a = new Rng(5);
    a.normal();
    const st = a.state;
    const next = [a.normal(), a.next()];
    const b = new Rng(0);
    b.state = st;
    expect([b.normal(), b.next()]).toEqual(next);
  });

  it('rejects bad bounds', () => {
    expect(() => new Rng(1).int(0)).toThrow(/positive integer/);
  });
});
