/**
 * Flag the giveaway: a player who called an image fake may tap the spot that gave it away, and at the
 * reveal the projector shows the class's taps on each fake as a heat map. Pure: the taps are binned
 * into a small grid here, once per reveal, so what goes to the projector (and what the teacher's page
 * draws) has the same small size whether ten or two thousand players tapped.
 */
import { type Judged, eachBallot } from './ballots';
import type { GiveawayHeat, Spot } from './protocol';
import type { RoundImage } from './state';

/** Bins per side: 14 on a 28-pixel image, a bin per 2 × 2 pixels, about what a fingertip can pick out. */
export const GIVEAWAY_BINS = 14;

/** The row-major bin a spot falls in; a spot on the right or bottom edge (1) falls in the last bin. */
export function binOf(spot: Spot, bins = GIVEAWAY_BINS): number {
  const col = Math.min(bins - 1, Math.max(0, Math.floor(spot.x * bins)));
  const row = Math.min(bins - 1, Math.max(0, Math.floor(spot.y * bins)));
  return row * bins + col;
}

/** Taps binned into a bins × bins grid; null when there are none. */
export function heatOf(spots: Iterable<Spot>, bins = GIVEAWAY_BINS): GiveawayHeat | null {
  const counts = new Array<number>(bins * bins).fill(0);
  let taps = 0;
  for (const s of spots) {
    counts[binOf(s, bins)]++;
    taps++;
  }
  return taps ? { bins, counts, taps } : null;
}

/**
 * The class's taps on each fake of a judged round: only fakes, only the taps of players who called that
 * image fake. imageId → heat, for the fakes that got at least one tap.
 */
export function roundGiveaways(images: readonly RoundImage[], phase: Judged): Record<string, GiveawayHeat> {
  const fakes = new Set(images.filter((img) => img.truth === 'fake').map((img) => img.id));
  const spots = new Map<string, Spot[]>();
  for (const ballot of eachBallot(phase.ballots)) {
    for (const id in ballot) {
      const v = ballot[id];
      if (!v.spot || v.verdict !== 'fake' || !fakes.has(id)) continue;
      let list = spots.get(id);
      if (!list) spots.set(id, (list = []));
      list.push(v.spot);
    }
  }
  const out: Record<string, GiveawayHeat> = {};
  for (const img of images) {
    const heat = heatOf(spots.get(img.id) ?? []);
    if (heat) out[img.id] = heat;
  }
  return out;
}

export interface Hotspot {
  /** The bin's centre, as a spot. */
  x: number;
  y: number;
  count: number;
}

/** The `k` bins with the most taps, most first (ties: the one nearer the top left first); empty bins never. */
export function hotspots(heat: GiveawayHeat, k = 3): Hotspot[] {
  const { bins, counts } = heat;
  return counts
    .map((count, i) => ({ count, i }))
    .filter((b) => b.count > 0)
    .sort((a, b) => b.count - a.count || a.i - b.i)
    .slice(0, k)
    .map(({ count, i }) => ({ x: ((i % bins) + 0.5) / bins, y: (Math.floor(i / bins) + 0.5) / bins, count }));
}

export const REGIONS = ['top-left', 'top', 'top-right', 'left', 'centre', 'right', 'bottom-left', 'bottom', 'bottom-right'] as const;
export type Region = (typeof REGIONS)[number];

/** Which ninth of the image a spot is in, for saying where the taps fell in words, not only in colour. */
export function regionOf(spot: Spot): Region {
  const third = (v: number) => Math.min(2, Math.max(0, Math.floor(v * 3)));
  return REGIONS[third(spot.y) * 3 + third(spot.x)];
}

/** The ninth of the image with the most taps (each bin counted where its centre is; ties: the first in REGIONS); null without taps. */
export function hottestRegion(heat: GiveawayHeat): Region | null {
  const { bins, counts } = heat;
  const byRegion = new Array<number>(REGIONS.length).fill(0);
  counts.forEach((n, i) => {
    if (n) byRegion[REGIONS.indexOf(regionOf({ x: ((i % bins) + 0.5) / bins, y: (Math.floor(i / bins) + 0.5) / bins }))] += n;
  });
  const most = Math.max(...byRegion);
  return most > 0 ? REGIONS[byRegion.indexOf(most)] : null;
}

/**
 * A smooth heat field from the bins for drawing: each bin's count spread as a gaussian of `sigma` bins,
 * sampled on a `size` × `size` grid, scaled so the hottest point is 1. Row-major; all zeros without taps.
 */
export function heatField(heat: GiveawayHeat, size: number, sigma = 1.2): Float32Array {
  const field = new Float32Array(size * size);
  const { bins, counts } = heat;
  const twoS2 = 2 * sigma * sigma;
  const reach = Math.ceil(3 * sigma);
  for (let b = 0; b < counts.length; b++) {
    const n = counts[b];
    if (!n) continue;
    const bx = (b % bins) + 0.5;
    const by = Math.floor(b / bins) + 0.5;
    // Only the pixels within three sigmas of the bin: the rest would add next to nothing.
    const x0 = Math.max(0, Math.floor(((bx - reach) / bins) * size));
    const x1 = Math.min(size - 1, Math.ceil(((bx + reach) / bins) * size));
    const y0 = Math.max(0, Math.floor(((by - reach) / bins) * size));
    const y1 = Math.min(size - 1, Math.ceil(((by + reach) / bins) * size));
    for (let py = y0; py <= y1; py++) {
      const dy = ((py + 0.5) / size) * bins - by;
      for (let px = x0; px <= x1; px++) {
        const dx = ((px + 0.5) / size) * bins - bx;
        field[py * size + px] += n * Math.exp(-(dx * dx + dy * dy) / twoS2);
      }
    }
  }
  let max = 0;
  for (const v of field) max = Math.max(max, v);
  if (max > 0) for (let i = 0; i < field.length; i++) field[i] /= max;
  return field;
}
