/**
 * The dashboard's figures, computed from plain rows: no database, no I/O, so each is unit-tested.
 */
import type { Hype, Interval, Spot } from '../../game/protocol';
import { type Rng, seededRng } from '../../game/rng';
import { type JudgeTally, bootstrapProportion, hypeInfinity } from '../../game/stats';

export interface VoteRow {
  playerId: string;
  round: number;
  level: number;
  imageId: string;
  truth: 'real' | 'fake';
  verdict: 'real' | 'fake';
  /** Milliseconds from the round's start to the vote, on the server's clock. */
  answerMs: number;
  /** On a fake vote: the giveaway the player marked (game/giveaway.ts); null or absent when none. */
  spot?: Spot | null;
}

export interface PlayerRow {
  id: string;
  nickname: string;
  score: number;
  bestStreak: number;
}

export interface AnswerRow {
  playerId: string;
  cardId: string;
  choice: number;
  correct: boolean;
}

const ratio = (num: number, den: number): number | null => (den ? num / den : null);

export interface LevelAccuracy {
  level: number;
  judged: number;
  correct: number;
  accuracy: number | null;
}

export interface RosterEntry extends PlayerRow {
  judged: number;
  correct: number;
  accuracy: number | null;
  /** Mean time from the round's start to each of the player's votes. */
  meanAnswerMs: number | null;
  perLevel: LevelAccuracy[];
}

/** One entry per player, highest score first; levels lists every level the room played. */
export function roster(players: readonly PlayerRow[], votes: readonly VoteRow[], levels: readonly number[]): RosterEntry[] {
  const mine = new Map<string, VoteRow[]>(players.map((p) => [p.id, []]));
  for (const v of votes) mine.get(v.playerId)?.push(v);
  return players
    .map((p) => {
      const vs = mine.get(p.id)!;
      const correct = vs.filter((v) => v.verdict === v.truth).length;
      const perLevel = levels.map((level) => {
        const lv = vs.filter((v) => v.level === level);
        const c = lv.filter((v) => v.verdict === v.truth).length;
        return { level, judged: lv.length, correct: c, accuracy: ratio(c, lv.length) };
      });
      return {
        ...p,
        judged: vs.length,
        correct,
        accuracy: ratio(correct, vs.length),
        meanAnswerMs: ratio(
          vs.reduce((s, v) => s + v.answerMs, 0),
          vs.length,
        ),
        perLevel,
      };
    })
    .sort((a, b) => b.score - a.score || a.nickname.localeCompare(b.nickname));
}

export interface Realism {
  level: number;
  /** Votes on generated images, and how many called them real (the room was fooled). */
  fakeVotes: number;
  fakeErrors: number;
  fakeErrorRate: number | null;
  fakeInterval: Interval | null;
  /** Votes on real images, and how many called them fake. */
  realVotes: number;
  realErrors: number;
  realErrorRate: number | null;
  realInterval: Interval | null;
  /** Overall error pooled over votes: 0.5 means the room could not tell at all. */
  errorRate: number | null;
  /**
   * HYPE∞: each judge's error rate over the level's images they judged, averaged over judges, with a
   * 95% interval that resamples judges (the vote intervals above treat a judge's votes as independent).
   */
  hype: Hype;
}

/**
 * The room's human realism per level: error rates on fakes and reals pooled over votes, with
 * percentile-bootstrap 95% intervals, and HYPE∞ per judge. Seeded so a page shows the same interval
 * every time it is opened.
 */
export function realismByLevel(votes: readonly VoteRow[], levels: readonly number[], rng: Rng = seededRng(7)): Realism[] {
  return levels.map((level) => {
    const lv = votes.filter((v) => v.level === level);
    const outcomes = (truth: 'real' | 'fake') => lv.filter((v) => v.truth === truth).map((v) => (v.verdict !== v.truth ? 1 : 0) as 0 | 1);
    const onFakes = outcomes('fake');
    const onReals = outcomes('real');
    const sum = (xs: (0 | 1)[]) => xs.reduce<number>((s, x) => s + x, 0);
    return {
      level,
      fakeVotes: onFakes.length,
      fakeErrors: sum(onFakes),
      fakeErrorRate: ratio(sum(onFakes), onFakes.length),
      fakeInterval: bootstrapProportion(onFakes, rng),
      realVotes: onReals.length,
      realErrors: sum(onReals),
      realErrorRate: ratio(sum(onReals), onReals.length),
      realInterval: bootstrapProportion(onReals, rng),
      errorRate: ratio(sum(onFakes) + sum(onReals), lv.length),
      hype: hypeInfinity(judgeTallies(lv), rng),
    };
  });
}

/** Each judge's votes in a level, split by truth, in the order judges first voted. */
function judgeTallies(votes: readonly VoteRow[]): JudgeTally[] {
  const byJudge = new Map<string, JudgeTally>();
  for (const v of votes) {
    let t = byJudge.get(v.playerId);
    if (!t) byJudge.set(v.playerId, (t = { fakeJudged: 0, fakeCalledReal: 0, realJudged: 0, realCalledFake: 0 }));
    if (v.truth === 'fake') {
      t.fakeJudged++;
      if (v.verdict === 'real') t.fakeCalledReal++;
    } else {
      t.realJudged++;
      if (v.verdict === 'fake') t.realCalledFake++;
    }
  }
  return [...byJudge.values()];
}

export interface CardResult {
  cardId: string;
  answered: number;
  correct: number;
  rate: number | null;
  /** choice index → how many picked it */
  choices: Record<number, number>;
}

export function checkResults(answers: readonly AnswerRow[]): CardResult[] {
  const byCard = new Map<string, CardResult>();
  for (const a of answers) {
    const r = byCard.get(a.cardId) ?? { cardId: a.cardId, answered: 0, correct: 0, rate: null, choices: {} };
    r.answered++;
    if (a.correct) r.correct++;
    r.choices[a.choice] = (r.choices[a.choice] ?? 0) + 1;
    byCard.set(a.cardId, r);
  }
  return [...byCard.values()].map((r) => ({ ...r, rate: ratio(r.correct, r.answered) })).sort((a, b) => a.cardId.localeCompare(b.cardId));
}

export interface MachineMetrics {
  fid: number | null;
  /** Counts of generated samples per class, as the project's classifier sees them. */
  histogram: { counts: number[]; classNames: string[] | null } | null;
}

/**
 * Reads the optional machine metrics a training report may carry (the ml side adds them when the
 * classifier is loaded). Tolerant of the field names on purpose: the report is stored as JSON and
 * older rows may predate them.
 */
export function machineMetrics(report: unknown): MachineMetrics {
  const r = (report ?? {}) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const fid = num(r.fid) ?? num(r.frechet) ?? num(r.frechetDistance);
  const raw = r.histogram ?? r.classHistogram;
  let histogram: MachineMetrics['histogram'] = null;
  if (Array.isArray(raw) && raw.every((x) => typeof x === 'number')) histogram = { counts: raw, classNames: null };
  else if (raw && typeof raw === 'object' && Array.isArray((raw as { counts?: unknown }).counts)) {
    const h = raw as { counts: unknown[]; classNames?: unknown };
    if (h.counts.every((x) => typeof x === 'number')) {
      const names = Array.isArray(h.classNames) && h.classNames.every((x) => typeof x === 'string') ? (h.classNames as string[]) : null;
      histogram = { counts: h.counts as number[], classNames: names };
    }
  }
  return { fid, histogram };
}

/** Shannon entropy of a histogram in bits: log2(10) ≈ 3.32 is every class equally, 0 is total collapse. */
export function entropyBits(counts: readonly number[]): number | null {
  const total = counts.reduce((s, c) => s + c, 0);
  if (!total) return null;
  const h = -counts.reduce((s, c) => (c > 0 ? s + (c / total) * Math.log2(c / total) : s), 0);
  return h + 0; // no -0 for a single class

}

/** The last report in each level that carries machine metrics. */
export function metricsByLevel(summaries: readonly { level: number; round: number; report: unknown }[]): Map<number, MachineMetrics & { round: number }> {
  const out = new Map<number, MachineMetrics & { round: number }>();
  for (const s of [...summaries].sort((a, b) => a.round - b.round)) {
    const m = machineMetrics(s.report);
    if (m.fid !== null || m.histogram) out.set(s.level, { ...m, round: s.round });
  }
  return out;
}

export const percent = (x: number | null, digits = 0): string => (x === null ? '–' : `${(x * 100).toFixed(digits)}%`);
export const seconds = (ms: number | null): string => (ms === null ? '–' : `${(ms / 1000).toFixed(1)} s`);
