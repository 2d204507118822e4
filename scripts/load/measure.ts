/**
 * The load benchmark's pure arithmetic: percentiles of vote-ack latencies, the relative change of a
 * figure, when each vote of a round falls, when each room starts, and the search for the largest number
 * of rooms that still meets the targets. No I/O here, so every piece has a unit test (measure.test.ts).
 */

/** A random number in [0, 1), injectable so tests are exact. */
export type Random = () => number;

/**
 * The p-th percentile of ascending `sorted` values by the nearest rank above p% of them (p = 100: the
 * largest), or null when there are none. Not interpolated: every figure printed is a latency that was measured.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  if (!(p >= 0 && p <= 100)) throw new Error(`a percentile is between 0 and 100, not ${p}`);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export interface AckSummary {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** p50/p95/p99/max of unsorted latencies (ms), to 0.1 ms. */
export function ackSummary(latencies: readonly number[]): AckSummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => {
    const v = percentile(sorted, p);
    return v === null ? null : Math.round(v * 10) / 10;
  };
  return { p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

/** (after − before) / before as a signed percentage string ("+12.5%"), or null when either is missing or before is 0. */
export function relativeChange(before: number | null, after: number | null): string | null {
  if (before === null || after === null || before === 0) return null;
  const pct = ((after - before) / before) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

/**
 * When a player casts each of `count` votes, ms after seeing the round's images: independent uniform
 * moments within [0, windowMs), in the order they happen. A phone player judges at their own pace, so
 * the votes of a room are spread over the round, not bunched at its start.
 */
export function voteTimes(count: number, windowMs: number, random: Random = Math.random): number[] {
  if (!(windowMs > 0)) throw new Error(`the voting window must be positive, not ${windowMs} ms`);
  return Array.from({ length: count }, () => random() * windowMs).sort((a, b) => a - b);
}

/**
 * When each of `rooms` rooms starts its game, ms from the first: spread evenly over `spreadMs` (in a
 * random order) so classes are not in lockstep, as on a real server where teachers start when they
 * start. With spreadMs 0 every room starts at once (the burst scenarios).
 */
export function startOffsets(rooms: number, spreadMs: number, random: Random = Math.random): number[] {
  const slots = Array.from({ length: rooms }, (_, i) => (rooms > 1 ? (i * spreadMs) / rooms : 0));
  // Fisher–Yates, so which room gets which slot is random while the slots stay evenly spaced.
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  return slots;
}

/** One measured step of the capacity search: how many rooms, and whether they met every target. */
export interface Probe {
  rooms: number;
  ok: boolean;
}

export interface SearchOptions {
  /** The first number of rooms tried. */
  start: number;
  /** Never try more than this many. */
  max: number;
  /** Stop bisecting once the gap between the largest pass and the smallest fail is at most this share of the pass (min 1 room). */
  resolution: number;
}

/**
 * The next number of rooms to try, or null when the search is over. Upward first, doubling from
 * `start` while every step passes (up to `max`); after the first failure, bisection between the
 * largest number that passed (0 if none) and the smallest that failed, until they are within
 * `resolution` of each other. Steps are taken in order and never repeated.
 */
export function nextRooms(probes: readonly Probe[], opts: SearchOptions): number | null {
  if (!(opts.start >= 1 && opts.max >= opts.start)) throw new Error(`need 1 ≤ start ≤ max, got start ${opts.start}, max ${opts.max}`);
  if (!probes.length) return opts.start;
  const { pass, fail } = bounds(probes);
  if (fail === null) {
    if (pass >= opts.max) return null;
    return Math.min(opts.max, pass * 2);
  }
  const gap = Math.max(1, Math.floor(pass * opts.resolution));
  if (fail - pass <= gap) return null;
  return Math.floor((pass + fail) / 2);
}

/** The largest number of rooms that passed below the smallest that failed (0 if none), and that failure (null if none). */
export function bounds(probes: readonly Probe[]): { pass: number; fail: number | null } {
  const fails = probes.filter((p) => !p.ok).map((p) => p.rooms);
  const fail = fails.length ? Math.min(...fails) : null;
  const passes = probes.filter((p) => p.ok && (fail === null || p.rooms < fail)).map((p) => p.rooms);
  return { pass: passes.length ? Math.max(...passes) : 0, fail };
}
