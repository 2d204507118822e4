/**
 * A small seeded PRNG (mulberry32) with a normal sampler. Training batches and latents come from
 * here rather than tf.random* so that a seed means the same numbers on every backend, and so the
 * state can be saved in a checkpoint and resumed exactly.
 */
export class Rng {
  private s: number;
  /** A cached second Box-Muller sample; NaN when empty. */
  private spare = Number.NaN;

  constructor(seed = 1) {
    if (!Number.isFinite(seed)) throw new Error(`Rng seed must be a finite number, got ${seed}`);
    this.s = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new Error(`Rng.int needs a positive integer bound, got ${n}`);
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const v = this.spare;
      this.spare = Number.NaN;
      return v;
    }
    // 1 - next() is in (0, 1], so the log is finite.
    const r = Math.sqrt(-2 * Math.log(1 - this.next()));
    const theta = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  normals(n: number): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normal();
    return out;
  }

  /** Serialisable state, for checkpoints. */
  get state(): { s: number; spare: number | null } {
    return { s: this.s, spare: Number.isNaN(this.spare) ? null : this.spare };
  }

  set state(st: { s: number; spare: number | null }) {
    this.s = st.s >>> 0;
    this.spare = st.spare ?? Number.NaN;
  }
}
