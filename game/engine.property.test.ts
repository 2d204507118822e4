/**
 * The engine under random event sequences (fast-check): whatever arrives, in whatever order, a refused
 * event leaves the room untouched, scores are never negative, a vote is counted at most once and only
 * from a judge of the round on one of its images, and a reveal's tallies add up to the votes cast.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ballotEntries, eachBallot, votesCast } from './ballots';
import { type GameEvent, createRoom, realsWanted, reduce } from './engine';
import { IMAGE_BYTES, encodePixels } from './protocol';
import { seededRng } from './rng';
import type { Room } from './state';

const HOST = 'host-token-0123456789';
const px = (v: number) => encodePixels(new Uint8Array(IMAGE_BYTES).fill(v));

type Action =
  | { a: 'join'; nick: string | null }
  | { a: 'rejoin' | 'disconnect' | 'kick'; who: number }
  | { a: 'vote'; who: number; img: number; verdict: 'real' | 'fake'; forged: boolean }
  | { a: 'host'; type: 'start' | 'advance' | 'end' | 'swap'; wrongToken: boolean }
  | { a: 'pause' | 'lock'; on: boolean }
  | { a: 'extend'; seconds: number }
  | { a: 'fakes'; roundOffset: number; count: number; exact: boolean }
  | { a: 'trained'; roundOffset: number }
  | { a: 'tick'; ms: number }
  | { a: 'hostLeft' | 'hostBack' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ a: fc.constant('join' as const), nick: fc.option(fc.constantFrom('Ada', 'Bo', 'ada', 'Cy'), { nil: null }) }) },
  fc.record({ a: fc.constantFrom('rejoin' as const, 'disconnect' as const, 'kick' as const), who: fc.nat(8) }),
  {
    weight: 6,
    arbitrary: fc.record({ a: fc.constant('vote' as const), who: fc.nat(8), img: fc.nat(8), verdict: fc.constantFrom('real' as const, 'fake' as const), forged: fc.boolean() }),
  },
  { weight: 3, arbitrary: fc.record({ a: fc.constant('host' as const), type: fc.constantFrom<'start' | 'advance' | 'end' | 'swap'>('start', 'advance', 'advance', 'advance', 'advance', 'advance', 'swap', 'end'), wrongToken: fc.boolean() }) },
  // Mostly unpausing and unlocking: a room paused for good (or locked before anyone joined) tests little.
  { weight: 2, arbitrary: fc.record({ a: fc.constantFrom('pause' as const, 'lock' as const), on: fc.constantFrom(false, false, false, true) }) },
  fc.record({ a: fc.constant('extend' as const), seconds: fc.integer({ min: 5, max: 60 }) }),
  { weight: 2, arbitrary: fc.record({ a: fc.constant('fakes' as const), roundOffset: fc.constantFrom(0, 0, 0, -1, 1), count: fc.integer({ min: 1, max: 8 }), exact: fc.boolean() }) },
  fc.record({ a: fc.constant('trained' as const), roundOffset: fc.integer({ min: -1, max: 1 }) }),
  { weight: 2, arbitrary: fc.record({ a: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 90_000 }) }) },
  fc.record({ a: fc.constantFrom('hostLeft' as const, 'hostBack' as const) }),
);

function invariants(room: Room) {
  const ids = room.players.map((p) => p.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(room.players.map((p) => p.token)).size).toBe(ids.length);
  for (const p of room.players) {
    expect(p.score).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(p.score)).toBe(true);
  }
  const phase = room.phase;
  if (phase.kind === 'judging' || phase.kind === 'reveal') {
    const images = new Set(phase.images.map((i) => i.id));
    expect(images.size).toBe(phase.images.length);
    expect([...eachBallot(phase.ballots)]).toHaveLength(phase.eligible.length);
    for (const [playerId, byImage] of ballotEntries(phase)) {
      if (phase.kind === 'judging') expect(phase.eligible).toContain(playerId);
      for (const imageId of Object.keys(byImage)) expect(images.has(imageId)).toBe(true);
    }
  }
  if (phase.kind === 'reveal') {
    const counted = phase.results.tallies.reduce((s, t) => s + t.realVotes + t.fakeVotes, 0);
    expect(counted).toBe(votesCast(phase.ballots));
  }
}

describe('the engine under random event sequences', () => {
  it('keeps its invariants, and a refused event changes nothing', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(fc.integer(), fc.array(action, { minLength: 1, maxLength: 200 }), (seed, actions) => {
        const rng = seededRng(seed);
        let now = 1_000_000;
        let room = createRoom({ pin: '123456', hostToken: HOST, settings: { imagesPerRound: 4, roundsPerLevel: 2, teams: seed % 3 === 0 } }, { now });
        const tokens: string[] = [];
        let n = 0;
        // A class that has joined and started, then anything at all: random sequences from an empty lobby rarely get to a round.
        const opening: Action[] = [
          { a: 'join', nick: null },
          { a: 'join', nick: 'Ada' },
          { a: 'join', nick: null },
          { a: 'host', type: 'start', wrongToken: false },
          { a: 'host', type: 'advance', wrongToken: false },
          { a: 'fakes', roundOffset: 0, count: 1, exact: true },
        ];
        for (const act of [...opening, ...actions]) {
          const token = (who: number) => tokens[who % Math.max(1, tokens.length)] ?? 'no-such-token-000000';
          const round = room.phase.kind === 'generating' || room.phase.kind === 'training' ? room.phase.round : room.round;
          let event: GameEvent;
          switch (act.a) {
            case 'join':
              event = { type: 'join', playerId: `p${n}`, token: `token-${n}-abcdefghijkl`, nickname: act.nick ?? undefined };
              break;
            case 'rejoin':
              event = { type: 'rejoin', token: token(act.who) };
              break;
            case 'disconnect':
              event = { type: 'disconnect', playerId: `p${act.who}` };
              break;
            case 'kick':
              event = { type: 'kick', hostToken: HOST, playerId: `p${act.who}` };
              break;
            case 'vote': {
              const images = room.phase.kind === 'judging' ? room.phase.images : [];
              const imageId = act.forged || images.length === 0 ? `forged${act.img}` : images[act.img % images.length].id;
              event = { type: 'vote', token: token(act.who), imageId, verdict: act.verdict };
              break;
            }
            case 'host':
              event = { type: act.type, hostToken: act.wrongToken ? 'not-the-host-token-x' : HOST } as GameEvent;
              break;
            case 'pause':
              event = { type: 'pause', hostToken: HOST, paused: act.on };
              break;
            case 'lock':
              event = { type: 'lock', hostToken: HOST, locked: act.on };
              break;
            case 'extend':
              event = { type: 'extend', hostToken: HOST, seconds: act.seconds };
              break;
            case 'fakes':
              event = {
                type: 'fakes',
                hostToken: HOST,
                round: round + act.roundOffset,
                images: Array.from({ length: act.exact && room.phase.kind === 'generating' ? room.phase.pool : act.count }, (_, i) => px(i)),
                reals: Array.from({ length: realsWanted(room) }, (_, i) => px(200 + i)),
              };
              break;
            case 'trained':
              event = {
                type: 'trained',
                hostToken: HOST,
                round: round + act.roundOffset,
                report: { dSteps: 1, gSteps: 1, dLoss: 1, gLoss: 1, humanLoss: 0, dReal: 0.5, dFake: 0.5, stepsPerSec: 1, ms: 1, backend: 'cpu', checksumBefore: 0, checksumAfter: 1 },
              };
              break;
            case 'tick':
              now += act.ms;
              event = { type: 'tick' };
              break;
            default:
              event = { type: act.a };
          }
          const before = room;
          const before2 = structuredClone(room);
          const result = reduce(room, event, { now, rng });
          if (result.error) {
            expect(result.state).toBe(before);
            expect(result.effects).toEqual([]);
            expect(room).toEqual(before2);
          } else {
            if (event.type === 'join') {
              tokens.push(event.token);
              n++;
            }
            room = result.state;
          }
          invariants(room);
          reached.add(room.phase.kind);
        }
      }),
      { numRuns: 300 },
    );
    // The sequences do get somewhere: rounds are judged and revealed, not just refused.
    expect(reached).toContain('judging');
    expect(reached).toContain('reveal');
  });
});
