import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientLimits, DEFAULT_ROOM_CREATION_LIMIT, KeyedBuckets, TokenBucket, roomCreationBucket, roomCreationLimitFromEnv } from './rate-limit';

describe('token buckets', () => {
  it('allows a burst up to capacity, then one per refill interval', () => {
    const b = new TokenBucket({ capacity: 3, perSecond: 2 }, 0);
    expect([b.take(0), b.take(0), b.take(0), b.take(0)]).toEqual([true, true, true, false]);
    expect(b.retryAfter()).toBeCloseTo(0.5);
    expect(b.take(499)).toBe(false);
    expect(b.take(500)).toBe(true);
    expect(b.take(10_000)).toBe(true);
  });

  it('never lets more through than capacity plus what the elapsed time refilled', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 300 }),
        (capacity, perSecond, gaps) => {
          const b = new TokenBucket({ capacity, perSecond }, 0);
          let now = 0;
          let allowed = 0;
          for (const g of gaps) {
            now += g;
            if (b.take(now)) allowed++;
          }
          expect(allowed).toBeLessThanOrEqual(capacity + Math.floor((now / 1000) * perSecond) + 1);
        },
      ),
    );
  });

  it('keys buckets apart, peeks without spending, and forgets idle keys', () => {
    const k = new KeyedBuckets({ capacity: 2, perSecond: 1 });
    expect(k.take('a', 0)).toBe(true);
    expect(k.take('a', 0)).toBe(true);
    expect(k.allowed('a', 0)).toBe(false);
    expect(k.take('a', 0)).toBe(false);
    expect(k.allowed('b', 0)).toBe(true);
    expect(k.allowed('a', 1000)).toBe(true);
    expect(k.allowed('a', 1000)).toBe(true);
    expect(k.take('b', 0)).toBe(true);
    expect(k.size).toBe(2);
    k.take('c', 120_000);
    expect(k.size).toBe(1);
  });
});

describe('the room creation limit', () => {
  it('reads ROOM_CREATION_LIMIT as rooms per address per 10 minutes, and falls back to the default for anything else', () => {
    expect(roomCreationLimitFromEnv({} as NodeJS.ProcessEnv)).toBe(DEFAULT_ROOM_CREATION_LIMIT);
    expect(roomCreationLimitFromEnv({ ROOM_CREATION_LIMIT: '5000' } as unknown as NodeJS.ProcessEnv)).toBe(5000);
    for (const bad of ['0', '-3', '2.5', 'many', '']) expect(roomCreationLimitFromEnv({ ROOM_CREATION_LIMIT: bad } as unknown as NodeJS.ProcessEnv)).toBe(DEFAULT_ROOM_CREATION_LIMIT);
    // 20 at once, and 20 more over the next 10 minutes.
    const b = new TokenBucket(roomCreationBucket(20), 0);
    expect(Array.from({ length: 21 }, () => b.take(0)).filter(Boolean)).toHaveLength(20);
    expect(b.take(29_999)).toBe(false);
    expect(b.take(30_001)).toBe(true); // (a millisecond over: the refill is a float)
  });
});

describe('per-client limits', () => {
  it('counts giveaway marks against the same bucket as votes: a flood of marks is refused like a flood of votes', () => {
    const limits = new ClientLimits<object>({ vote: { capacity: 3, perSecond: 1 }, join: { capacity: 1, perSecond: 1 }, pinGuess: { capacity: 1, perSecond: 1 }, roomCreation: { capacity: 1, perSecond: 1 } });
    const socket = {};
    const sent = ['player:vote', 'player:flag', 'player:flag', 'player:flag', 'player:vote'].map((e) => limits.refusal(socket, '1.2.3.4', e, {}, 0)?.code ?? 'ok');
    expect(sent).toEqual(['ok', 'ok', 'ok', 'rate_limited', 'rate_limited']);
    expect(limits.refusal(socket, '1.2.3.4', 'player:flag', {}, 1000)).toBeNull();
  });
});
