/**
 * Turns a session's rows into what the dashboard shows and what the CSV exports hold. Pure.
 */
import { heatOf } from '../../game/giveaway';
import type { GiveawayHeat, ResultKind, Spot } from '../../game/protocol';
import { type Cell, csvFile, toCsv } from './csv';
import type { SessionDetail } from './sessions';
import { type CardResult, type MachineMetrics, type Realism, type RosterEntry, checkResults, entropyBits, metricsByLevel, realismByLevel, roster } from './stats';

export interface LevelReport {
  level: number;
  realism: Realism;
  metrics: (MachineMetrics & { round: number; entropy: number | null }) | null;
  /** Generated images shown in the level's last round, and a few real ones for comparison. */
  fakes: { imageId: string; pixels: string }[];
  reals: { imageId: string; pixels: string }[];
}

export interface RoundPoint {
  round: number;
  level: number;
  fooledRate: number | null;
  dLoss: number | null;
  gLoss: number | null;
  dReal: number | null;
  dFake: number | null;
}

/** A fake the class marked giveaways on, and where their taps fell (game/giveaway.ts). */
export interface GiveawayReport {
  round: number;
  level: number;
  imageId: string;
  pixels: string;
  /** Players who called it fake, and how many of them said what gave it away. */
  fakeVotes: number;
  heat: GiveawayHeat;
}

export interface SessionReport {
  levels: number[];
  roster: RosterEntry[];
  cards: CardResult[];
  perLevel: LevelReport[];
  rounds: RoundPoint[];
  /** Every fake with at least one giveaway tap, round by round in screen order. */
  giveaways: GiveawayReport[];
  totals: { players: number; votes: number; accuracy: number | null };
}

/** The fakes of a session that players who called them fake marked, with the class's taps binned like the projector's. */
export function giveawaysOf(d: Pick<SessionDetail, 'images' | 'votes' | 'rounds'>): GiveawayReport[] {
  const spots = new Map<string, Spot[]>();
  const fakeVotes = new Map<string, number>();
  const key = (round: number, imageId: string) => `${round}/${imageId}`;
  for (const v of d.votes) {
    if (v.truth !== 'fake' || v.verdict !== 'fake') continue;
    const k = key(v.round, v.imageId);
    fakeVotes.set(k, (fakeVotes.get(k) ?? 0) + 1);
    if (!v.spot) continue;
    const list = spots.get(k);
    if (list) list.push(v.spot);
    else spots.set(k, [v.spot]);
  }
  const levelOf = new Map(d.rounds.map((r) => [r.round, r.level]));
  return d.images.flatMap((img) => {
    const k = key(img.round, img.imageId);
    const heat = img.truth === 'fake' ? heatOf(spots.get(k) ?? []) : null;
    if (!heat) return [];
    return [{ round: img.round, level: levelOf.get(img.round) ?? 0, imageId: img.imageId, pixels: img.pixels, fakeVotes: fakeVotes.get(k) ?? 0, heat }];
  });
}

const SAMPLES = 8;

export function buildReport(d: SessionDetail): SessionReport {
  const levels = [...new Set(d.rounds.map((r) => r.level))].sort((a, b) => a - b);
  const realism = realismByLevel(d.votes, levels);
  const metrics = metricsByLevel(d.summaries);
  const perLevel = levels.map((level, i) => {
    const lastRound = Math.max(...d.rounds.filter((r) => r.level === level).map((r) => r.round));
    const inLevel = d.images.filter((img) => d.rounds.find((r) => r.round === img.round)?.level === level);
    const pick = (truth: 'real' | 'fake', preferRound: number) => {
      const last = inLevel.filter((img) => img.truth === truth && img.round === preferRound);
      const rest = inLevel.filter((img) => img.truth === truth && img.round !== preferRound).reverse();
      return [...last, ...rest].slice(0, SAMPLES).map(({ imageId, pixels }) => ({ imageId, pixels }));
    };
    const m = metrics.get(level);
    return {
      level,
      realism: realism[i],
      metrics: m ? { ...m, entropy: m.histogram ? entropyBits(m.histogram.counts) : null } : null,
      fakes: pick('fake', lastRound),
      reals: pick('real', lastRound).slice(0, 4),
    };
  });
  const reportOf = new Map(d.summaries.map((s) => [s.round, (s.report ?? null) as Record<string, unknown> | null]));
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const rounds = d.rounds.map((r) => {
    const rep = reportOf.get(r.round) ?? null;
    return {
      round: r.round,
      level: r.level,
      fooledRate: r.fooledRate,
      dLoss: num(rep?.dLoss),
      gLoss: num(rep?.gLoss),
      dReal: num(rep?.dReal),
      dFake: num(rep?.dFake),
    };
  });
  const correct = d.votes.filter((v) => v.verdict === v.truth).length;
  return {
    levels,
    roster: roster(d.players, d.votes, levels),
    cards: checkResults(d.answers),
    perLevel,
    rounds,
    giveaways: giveawaysOf(d),
    totals: { players: d.players.length, votes: d.votes.length, accuracy: d.votes.length ? correct / d.votes.length : null },
  };
}

const round3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

export function playersCsv(d: SessionDetail): string {
  const r = buildReport(d);
  const header = [
    'player_id',
    'nickname',
    'score',
    'best_streak',
    'judged',
    'correct',
    'accuracy',
    'mean_answer_ms',
    ...r.levels.map((l) => `level_${l}_accuracy`),
  ];
  const rows: Cell[][] = r.roster.map((p) => [
    p.id,
    p.nickname,
    p.score,
    p.bestStreak,
    p.judged,
    p.correct,
    round3(p.accuracy),
    p.meanAnswerMs === null ? null : Math.round(p.meanAnswerMs),
    ...p.perLevel.map((l) => round3(l.accuracy)),
  ]);
  return toCsv(header, rows);
}

export function votesCsv(d: SessionDetail): string {
  const nick = new Map(d.players.map((p) => [p.id, p.nickname]));
  const header = ['round', 'level', 'image_id', 'truth', 'player_id', 'nickname', 'verdict', 'correct', 'voted_at', 'answer_ms', 'giveaway_x', 'giveaway_y'];
  const rows: Cell[][] = d.votes.map((v) => [
    v.round,
    v.level,
    v.imageId,
    v.truth,
    v.playerId,
    nick.get(v.playerId) ?? '',
    v.verdict,
    v.verdict === v.truth,
    v.at.toISOString(),
    v.answerMs,
    v.spot ? round3(v.spot.x) : null,
    v.spot ? round3(v.spot.y) : null,
  ]);
  return toCsv(header, rows);
}

/**
 * A session's CSV as a download: the file (with its byte-order mark), its name and the response
 * headers. One export for the teacher's dashboard route and the host's results route.
 */
export function csvExport(d: SessionDetail, kind: ResultKind): { body: string; headers: Record<string, string> } {
  const date = d.session.createdAt.toISOString().slice(0, 10);
  return {
    body: csvFile((kind === 'players' ? playersCsv : votesCsv)(d)),
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="gan-arena-${d.session.pin}-${date}-${kind}.csv"`,
      'cache-control': 'no-store',
    },
  };
}
