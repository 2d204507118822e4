/** Randomness is passed in (ctx.rng) so the engine stays pure and its tests deterministic. */
export type Rng = () => number;

/** mulberry32: small, fast, good enough for games and tests. Not for secrets. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(rng: Rng, maxExclusive: number): number {
  return Math.floor(rng() * maxExclusive);
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[randomInt(rng, items.length)];
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** An opaque id: nothing in it says anything about what it names. */
export function randomId(rng: Rng, length = 10): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ID_ALPHABET[randomInt(rng, ID_ALPHABET.length)];
  return s;
}

export function randomPin(rng: Rng): string {
  // 100000..999999: six digits with no leading zero, so nobody has to type one.
  return String(100_000 + randomInt(rng, 900_000));
}
