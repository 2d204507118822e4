import { describe, expect, it } from 'vitest';
import { type Probe, ackSummary, bounds, nextRooms, percentile, relativeChange, startOffsets, voteTimes } from './measure';

/** A deterministic "random" that returns the given values in turn. */
const seq = (...xs: number[]) => {
  let i = 0;
  return () => xs[i++ % xs.length];
};

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100

  it('takes the value at the nearest rank above p% of the values', () => {
    expect(percentile(hundred, 50)).toBe(51);
    expect(percentile(hundred, 95)).toBe(96);
    expect(percentile(hundred, 99)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
  });

  it('gives the largest value for p = 100 and for a single value', () => {
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });

  it('is null with no values and refuses a p outside 0..100', () => {
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 101)).toThrow(/between 0 and 100/);
    expect(() => percentile([1], Number.NaN)).toThrow(/between 0 and 100/);
  });
});

describe('ackSummary', () => {
  it('sorts, rounds to 0.1 ms and names the percentiles', () => {
    const lat = [30.04, 10.26, 20, ...Array.from({ length: 97 }, () => 5)];
    expect(ackSummary(lat)).toEqual({ p50: 5, p95: 5, p99: 30, max: 30 });
    expect(ackSummary([10.26, 2])).toEqual({ p50: 10.3, p95: 10.3, p99: 10.3, max: 10.3 });
  });

  it('is all null with no acknowledged vote', () => {
    expect(ackSummary([])).toEqual({ p50: null, p95: null, p99: null, max: null });
  });
});

describe('relativeChange', () => {
  it('is signed, in percent, to one decimal', () => {
    expect(relativeChange(100, 112.5)).toBe('+12.5%');
    expect(relativeChange(200, 150)).toBe('-25.0%');
    expect(relativeChange(80, 80)).toBe('+0.0%');
  });

  it('is null when a figure is missing or the baseline is 0', () => {
    expect(relativeChange(null, 5)).toBeNull();
    expect(relativeChange(5, null)).toBeNull();
    expect(relativeChange(0, 5)).toBeNull();
  });
});

describe('voteTimes', () => {
  it('places each vote at random within the window, in the order they happen', () => {
    expect(voteTimes(3, 19_000, seq(0.5, 0, 0.75))).toEqual([0, 9500, 14_250]);
  });

  it('spreads votes over the whole window rather than bunching them', () => {
    const t = voteTimes(6000, 19_000);
    expect(t.every((x, i) => x >= 0 && x < 19_000 && (i === 0 || x >= t[i - 1]))).toBe(true);
    // Each quarter of the round gets about a quarter of the votes (6,000 draws: ±15% is > 6 standard deviations).
    for (let q = 0; q < 4; q++) {
      const n = t.filter((x) => x >= q * 4750 && x < (q + 1) * 4750).length;
      expect(n).toBeGreaterThan(1500 * 0.85);
      expect(n).toBeLessThan(1500 * 1.15);
    }
  });

  it('refuses an empty window', () => {
    expect(() => voteTimes(2, 0)).toThrow(/positive/);
  });
});

describe('startOffsets', () => {
  it('spaces the rooms evenly over the spread, in a shuffled order', () => {
    const offsets = startOffsets(4, 20_000, seq(0.99, 0.0, 0.5));
    expect([...offsets].sort((a, b) => a - b)).toEqual([0, 5000, 10_000, 15_000]);
    expect(offsets).not.toEqual([0, 5000, 10_000, 15_000]);
  });

  it('starts every room at once with no spread, and one room at 0', () => {
    expect(startOffsets(3, 0)).toEqual([0, 0, 0]);
    expect(startOffsets(1, 30_000)).toEqual([0]);
  });
});

describe('capacity search', () => {
  const opts = { start: 5, max: 400, resolution: 0.1 };
  /** Runs the search against a server that holds exactly `capacity` rooms; returns the rooms tried. */
  const run = (capacity: number, o = opts) => {
    const probes: Probe[] = [];
    for (let rooms = nextRooms(probes, o); rooms !== null; rooms = nextRooms(probes, o)) {
      expect(probes.some((p) => p.rooms === rooms), `${rooms} tried twice`).toBe(false);
      probes.push({ rooms, ok: rooms <= capacity });
      expect(probes.length).toBeLessThan(30);
    }
    return { tried: probes.map((p) => p.rooms), found: bounds(probes).pass };
  };

  it('doubles from the start while steps pass, then bisects to within 10%', () => {
    const { tried, found } = run(67);
    expect(tried).toEqual([5, 10, 20, 40, 80, 60, 70, 65]);
    expect(found).toBe(65);
    expect((67 - found) / 67).toBeLessThan(0.1);
  });

  it('finds an exact small capacity, and zero when even one room fails', () => {
    expect(run(3).found).toBe(3);
    expect(run(3).tried).toEqual([5, 2, 3, 4]);
    expect(run(0)).toEqual({ tried: [5, 2, 1], found: 0 });
  });

  it('stops at the maximum when everything passes', () => {
    expect(run(10_000, { start: 5, max: 30, resolution: 0.1 })).toEqual({ tried: [5, 10, 20, 30], found: 30 });
  });

  it('trusts the smallest failure: a larger step that passed by luck does not raise the figure', () => {
    expect(bounds([{ rooms: 20, ok: false }, { rooms: 40, ok: true }, { rooms: 10, ok: true }])).toEqual({ pass: 10, fail: 20 });
    expect(nextRooms([{ rooms: 20, ok: false }, { rooms: 40, ok: true }, { rooms: 10, ok: true }], opts)).toBe(15);
  });

  it('refuses a start above the maximum', () => {
    expect(() => nextRooms([], { start: 10, max: 5, resolution: 0.1 })).toThrow(/start ≤ max/);
  });
});
