/**
 * Which data panels a card shows, and whose data fills each: the room's own when it has the
 * fields, otherwise the recorded example run. Decided per panel, so a card can show the room's
 * loss curve next to an example histogram, each honestly labelled.
 */
import type { T } from '@/app/i18n/types';
import type { Comparison, ComparisonId, LessonCard, LessonData, LessonDataField, LessonExamples } from './types';

/** `compare`: two labelled sample strips side by side, from examples.json `comparisons` (card.compare). */
export const PANEL_KINDS = ['compare', 'detection', 'losses', 'dTrace', 'histogram', 'fid', 'samples', 'realSamples', 'samplesOverTime', 'interpolation', 'timeline', 'facts'] as const;
export type PanelKind = (typeof PANEL_KINDS)[number];

/** The panel each field is drawn in. */
export const FIELD_PANEL: Readonly<Record<LessonDataField, Exclude<PanelKind, 'compare'>>> = {
  fooledRate: 'detection', fooledInterval: 'detection', fakeErrorRate: 'detection', realErrorRate: 'detection', judgments: 'detection', judge: 'detection',
  losses: 'losses', lossKind: 'losses', dTrace: 'dTrace', histogram: 'histogram', fid: 'fid',
  samples: 'samples', conditionalClass: 'samples', realSamples: 'realSamples', samplesOverTime: 'samplesOverTime',
  interpolation: 'interpolation', timeline: 'timeline',
  latentDim: 'facts', layerSizes: 'facts', batchSize: 'facts', stepsThisRound: 'facts', judgingSteps: 'facts', backend: 'facts', gradientNorm: 'facts',
};

/** The fields whose presence means a source can fill the panel. */
const PANEL_NEEDS: Readonly<Record<Exclude<PanelKind, 'compare'>, readonly LessonDataField[]>> = {
  detection: ['fooledRate', 'fakeErrorRate', 'realErrorRate'],
  losses: ['losses'],
  dTrace: ['dTrace'],
  histogram: ['histogram'],
  fid: ['fid'],
  samples: ['samples'],
  realSamples: ['realSamples'],
  samplesOverTime: ['samplesOverTime'],
  interpolation: ['interpolation'],
  timeline: ['timeline'],
  facts: ['latentDim', 'layerSizes', 'batchSize', 'stepsThisRound', 'backend', 'gradientNorm'],
};

export interface Panel {
  kind: PanelKind;
  /** The card's fields drawn in this panel, in the card's order. */
  fields: LessonDataField[];
  /**
   * Null when neither the room nor the examples have it yet: the screen says so. For `compare`,
   * the recorded comparison's source and caption (always example data: a room plays one model).
   */
  data: LessonData | null;
  /** The two strips of a `compare` panel, and which recorded comparison they are. */
  comparison?: Comparison;
  compareId?: ComparisonId;
}

function has(data: LessonData | null | undefined, field: LessonDataField): boolean {
  const v = data?.[field];
  if (v === undefined || v === null) return false;
  return Array.isArray(v) ? v.length > 0 : true;
}

function canFill(data: LessonData | null | undefined, kind: Exclude<PanelKind, 'compare'>, fields: LessonDataField[]): boolean {
  // Facts: any one of the card's own fact fields is enough; other panels need their main field.
  const needs = kind === 'facts' ? fields : PANEL_NEEDS[kind];
  return needs.some((f) => has(data, f));
}

/** A card's comparison panel: first, since the card's text is about it. */
function comparePanel(card: LessonCard, examples: LessonExamples | null): Panel[] {
  if (!card.compare) return [];
  const comparison = examples?.comparisons?.[card.compare];
  if (!comparison) return [{ kind: 'compare', fields: [], data: null }];
  return [{ kind: 'compare', fields: [], data: { source: 'example', caption: comparison.caption }, comparison, compareId: card.compare }];
}

export function planPanels(card: LessonCard, live: LessonData | null, examples: LessonExamples | null): Panel[] {
  const byKind = new Map<Exclude<PanelKind, 'compare'>, LessonDataField[]>();
  for (const f of card.live) {
    const k = FIELD_PANEL[f];
    byKind.set(k, [...(byKind.get(k) ?? []), f]);
  }
  const preferred = examples?.runs[card.example ?? 'main'];
  const fallback = examples?.runs.main;
  return [
    ...comparePanel(card, examples),
    ...[...byKind].map(([kind, fields]) => {
      const data = [live, preferred, fallback].find((d) => canFill(d, kind, fields)) ?? null;
      return { kind, fields, data };
    }),
  ];
}

/** The label every panel carries, so nobody mistakes a stock run for their own game. */
export function sourceLabel(t: T<'panels'>, data: LessonData): string {
  return data.source === 'live' ? t('live') : t('example');
}
