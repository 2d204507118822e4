/**
 * Abuse limits: token buckets per socket (votes, joins) and a throttle on failed PIN guesses per
 * address. Time comes in as an argument so the tests need no sleeps.
 */

export interface BucketSpec {
  /** Most actions allowed in a burst. */
  capacity: number;
  /** Tokens added back per second. */
  perSecond: number;
}

/** A token bucket: `take(now)` spends one token and says whether there was one. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly spec: BucketSpec,
    now: number,
  ) {
    this.tokens = spec.capacity;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.spec.capacity, this.tokens + (Math.max(0, now - this.last) / 1000) * this.spec.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Seconds until the next token. */
  retryAfter(): number {
    return Math.max(0, (1 - this.tokens) / this.spec.perSecond);
  }

  /** Gives back a token taken by a peek. */
  refund(): void {
    this.tokens = Math.min(this.spec.capacity, this.tokens + 1);
  }

  idleFor(now: number): number {
    return now - this.last;
  }
}

/**
 * A vote per image and round is all a player needs: 24 images is the largest round, so a burst of
 * 30 and 10 a second afterwards never slows a human, and stops a script flooding the server.
 */
export const VOTE_BUCKET: BucketSpec = { capacity: 30, perSecond: 10 };
/** Joining (or rejoining) is rare: a flaky phone reconnects a few times, a script joins thousands. */
export const JOIN_BUCKET: BucketSpec = { capacity: 5, perSecond: 0.5 };
/** Failed joins with an unknown PIN from one address: a class mistyping now and then, not a sweep of the PIN space. */
export const PIN_GUESS_BUCKET: BucketSpec = { capacity: 20, perSecond: 0.2 };

/** Buckets keyed by something (an address), forgotten once full again so the map cannot grow without bound. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  private lastSweep = 0;

  constructor(private readonly spec: BucketSpec) {}

  /** Whether `key` still has a token (does not spend it). */
  allowed(key: string, now: number): boolean {
    const b = this.buckets.get(key);
    if (!b) return true;
    // Peek: take and give back.
    const ok = b.take(now);
    if (ok) b.refund();
    return ok;
  }

  take(key: string, now: number): boolean {
    this.sweep(now);
    let b = this.buckets.get(key);
    if (!b) {
      b = new TokenBucket(this.spec, now);
      this.buckets.set(key, b);
    }
    return b.take(now);
  }

  retryAfter(key: string): number {
    return this.buckets.get(key)?.retryAfter() ?? 0;
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number) {
    const full = (this.spec.capacity / this.spec.perSecond) * 1000;
    if (now - this.lastSweep < Math.min(full, 60_000)) return;
    this.lastSweep = now;
    for (const [key, b] of this.buckets) if (b.idleFor(now) >= full) this.buckets.delete(key);
  }
}
