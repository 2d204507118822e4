/**
 * Abuse limits: token buckets per socket (votes, joins), a throttle on failed PIN guesses per
 * address, one on rooms created per address, and one on teacher sign-ins per email and per address.
 * Time comes in as an argument so the tests need no sleeps. Addresses are counted by addressKey
 * (server/client-address.ts).
 */
import { ErrorCode, type GameError } from '../game/protocol';
import { addressKey } from './client-address';

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

  /** Gives back a token (taken by a peek, or for an action that did not happen). */
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

  /** Gives back a token taken for `key` (an attempt that turned out not to count). */
  refund(key: string): void {
    this.buckets.get(key)?.refund();
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

/**
 * Rooms created per address: a room holds memory and may upload checkpoints, and a script made 200
 * in 3 s. `perTenMinutes` rooms at once, then one every 10 minutes / perTenMinutes. A school behind
 * one NAT address shares it: ROOM_CREATION_LIMIT raises it.
 */
export const roomCreationBucket = (perTenMinutes: number): BucketSpec => ({ capacity: perTenMinutes, perSecond: perTenMinutes / 600 });
export const DEFAULT_ROOM_CREATION_LIMIT = 20;

/** ROOM_CREATION_LIMIT (rooms per address per 10 minutes, a positive integer), or the default. */
export function roomCreationLimitFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.ROOM_CREATION_LIMIT);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_ROOM_CREATION_LIMIT;
}

export interface Limits {
  vote: BucketSpec;
  join: BucketSpec;
  /** Failed joins with unknown PINs, per address. */
  pinGuess: BucketSpec;
  /** Rooms created, per address. */
  roomCreation: BucketSpec;
}
export const LIMITS: Limits = {
  vote: VOTE_BUCKET,
  join: JOIN_BUCKET,
  pinGuess: PIN_GUESS_BUCKET,
  roomCreation: roomCreationBucket(DEFAULT_ROOM_CREATION_LIMIT),
};

/** What a client did too fast, and how many seconds until it may try again. */
export interface TooFast {
  what: string;
  retryAfter: number;
}

/**
 * Per-client token buckets on votes and joins (forgotten with the client: a WeakMap), and the
 * PIN-guessing and room-creation throttles per address.
 */
export class ClientLimits<Client extends object> {
  private readonly perClient = new WeakMap<Client, { vote: TokenBucket; join: TokenBucket }>();
  private readonly pinGuesses: KeyedBuckets;
  private readonly roomsCreated: KeyedBuckets;

  constructor(private readonly limits: Limits) {
    this.pinGuesses = new KeyedBuckets(limits.pinGuess);
    this.roomsCreated = new KeyedBuckets(limits.roomCreation);
  }

  /** Spends a token for the action; null when it may go ahead. A rejoin is a join with a player token. */
  check(client: Client, address: string, action: 'vote' | 'join' | 'rejoin', now: number): TooFast | null {
    let buckets = this.perClient.get(client);
    if (!buckets) this.perClient.set(client, (buckets = { vote: new TokenBucket(this.limits.vote, now), join: new TokenBucket(this.limits.join, now) }));
    if (action === 'vote') return buckets.vote.take(now) ? null : { what: 'votes', retryAfter: buckets.vote.retryAfter() };
    if (!buckets.join.take(now)) return { what: 'joins', retryAfter: buckets.join.retryAfter() };
    // An address that keeps missing PINs may not join anyone's game for a while. Rejoining with a token
    // still works: a made-up token learns nothing (it is answered exactly as a missing game) and counts as a miss.
    const key = addressKey(address);
    if (action === 'join' && !this.pinGuesses.allowed(key, now)) {
      return { what: 'game PINs that do not exist', retryAfter: this.pinGuesses.retryAfter(key) };
    }
    return null;
  }

  /** The refusal for a client event sent too fast (votes, joins and room creation are limited), or null. */
  refusal(client: Client, address: string, event: string, payload: unknown, now: number): GameError | null {
    if (event === 'host:create') {
      // Taken now, not once the room exists, so creations sent all at once cannot all pass; given back if none is made.
      const key = addressKey(address);
      if (this.roomsCreated.take(key, now)) return null;
      const wait = Math.max(1, Math.ceil(this.roomsCreated.retryAfter(key)));
      return { code: ErrorCode.RateLimited, message: `too many games created from this address; try again in ${wait} s` };
    }
    // A giveaway mark is written like a vote, so it spends from the votes' bucket.
    const voting = event === 'player:vote' || event === 'player:flag';
    if (!voting && event !== 'player:join') return null;
    const rejoin = typeof payload === 'object' && payload !== null && 'playerToken' in payload;
    const tooFast = this.check(client, address, voting ? 'vote' : rejoin ? 'rejoin' : 'join', now);
    if (!tooFast) return null;
    return { code: ErrorCode.RateLimited, message: `too many ${tooFast.what} too fast; try again in ${Math.max(1, Math.ceil(tooFast.retryAfter))} s` };
  }

  /** A room creation that made no room (refused, or failed) does not count against the address. */
  noRoomCreated(address: string) {
    this.roomsCreated.refund(addressKey(address));
  }

  /** A join answered "no such game" (a PIN that does not exist, or a token the game does not know): counts against the address. */
  missedPin(address: string, now: number) {
    this.pinGuesses.take(addressKey(address), now);
  }
}

/**
 * Failed teacher sign-ins: 5 per email and 20 per address in a burst, then one more per 3 minutes and
 * per 45 s (the burst back in 15 minutes). Enough for a teacher who mistypes, and it turns an online
 * guessing attack from scrypt's ~5 guesses a second into 480 a day per address.
 */
export const SIGNIN_PER_EMAIL: BucketSpec = { capacity: 5, perSecond: 5 / 900 };
export const SIGNIN_PER_ADDRESS: BucketSpec = { capacity: 20, perSecond: 20 / 900 };
/** New accounts per address: a staff room signing up together fits; a script filling the table does not. */
export const SIGNUP_PER_ADDRESS: BucketSpec = { capacity: 10, perSecond: 10 / 3600 };

/** Seconds to wait before trying again. */
export type Attempt = { ok: true; didNotCount(): void } | { ok: false; retryAfter: number };

/**
 * Sign-in and sign-up attempts. An attempt spends its tokens before the passphrase is checked, so 80
 * guesses sent at once are refused too, not only the ones after the first failure; a sign-in that
 * succeeds gives them back.
 */
export class AuthLimits {
  private readonly perEmail: KeyedBuckets;
  private readonly perAddress: KeyedBuckets;
  private readonly signUps: KeyedBuckets;

  constructor(
    private readonly clock: () => number = Date.now,
    specs: { perEmail?: BucketSpec; perAddress?: BucketSpec; signUps?: BucketSpec } = {},
  ) {
    this.perEmail = new KeyedBuckets(specs.perEmail ?? SIGNIN_PER_EMAIL);
    this.perAddress = new KeyedBuckets(specs.perAddress ?? SIGNIN_PER_ADDRESS);
    this.signUps = new KeyedBuckets(specs.signUps ?? SIGNUP_PER_ADDRESS);
  }

  signIn(email: string, address: string): Attempt {
    const now = this.clock();
    const key = addressKey(address);
    const byEmail = this.perEmail.take(email, now);
    const byAddress = this.perAddress.take(key, now);
    if (byEmail && byAddress) {
      return {
        ok: true,
        didNotCount: () => {
          this.perEmail.refund(email);
          this.perAddress.refund(key);
        },
      };
    }
    if (byEmail) this.perEmail.refund(email);
    if (byAddress) this.perAddress.refund(key);
    const waits = [!byEmail && this.perEmail.retryAfter(email), !byAddress && this.perAddress.retryAfter(key)].filter((x): x is number => x !== false);
    return { ok: false, retryAfter: Math.max(1, Math.ceil(Math.max(...waits))) };
  }

  signUp(address: string): Attempt {
    const key = addressKey(address);
    if (this.signUps.take(key, this.clock())) return { ok: true, didNotCount: () => this.signUps.refund(key) };
    return { ok: false, retryAfter: Math.max(1, Math.ceil(this.signUps.retryAfter(key))) };
  }
}

const AUTH_LIMITS = Symbol.for('gan-arena.auth-limits');
type Holder = { [AUTH_LIMITS]?: AuthLimits };

/** The process's sign-in limits, on globalThis: Next's route bundles and the server share one. Tests install their own. */
export function authLimits(): AuthLimits {
  return ((globalThis as Holder)[AUTH_LIMITS] ??= new AuthLimits());
}

export function installAuthLimits(limits: AuthLimits): void {
  (globalThis as Holder)[AUTH_LIMITS] = limits;
}
