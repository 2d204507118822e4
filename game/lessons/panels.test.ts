import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CARDS, getCard } from './cards';
import { FIELD_PANEL, planPanels, sourceLabel } from './panels';
import { detectionVerdict } from './verdict';
import { COMPARISON_IDS, LESSON_DATA_FIELDS, type LessonData, type LessonExamples } from './types';
import { IMAGE_BYTES, decodePixels } from '../protocol';
import { translator } from '@/app/i18n/translator';

const examples: LessonExamples = {
  version: 1,
  about: 'test',
  runs: {
    main: { source: 'example', losses: [{ d: 1, g: 1 }], samples: ['x'], latentDim: 64 },
    badLr: { source: 'example', losses: [{ d: 9, g: 9 }] },
  },
};

describe('planPanels', () => {
  it('maps every LessonData field to a panel', () => {
    for (const f of LESSON_DATA_FIELDS) expect(FIELD_PANEL[f], f).toBeDefined();
  });

  it('prefers the room\u2019s data, panel by panel', () => {
    const live: LessonData = { source: 'live', losses: [{ d: 0.5, g: 2 }] };
    const panels = planPanels(getCard('T08')!, live, examples);
    expect(panels.map((p) => [p.kind, p.data?.source])).toEqual([
      ['losses', 'live'],
      ['dTrace', undefined],
      ['samples', 'example'],
    ]);
  });

  it('falls back to the card\u2019s own example run, then to the main run', () => {
    const t08 = planPanels(getCard('T08')!, null, examples);
    expect(t08.find((p) => p.kind === 'losses')!.data).toBe(examples.runs.badLr);
    expect(t08.find((p) => p.kind === 'samples')!.data).toBe(examples.runs.main);
  });

  it('says when nobody has the data yet instead of inventing it', () => {
    const t09 = planPanels(getCard('T09')!, null, examples);
    expect(t09.find((p) => p.kind === 'histogram')!.data).toBeNull();
  });

  it('treats an empty array as missing', () => {
    const panels = planPanels(getCard('T06')!, { source: 'live', losses: [] }, examples);
    expect(panels[0].data?.source).toBe('example');
  });

  it('puts a card\u2019s comparison first, from the examples, and says when it is not recorded', () => {
    const side = (label: string) => ({ label, images: ['a', 'b'] });
    const comparison = { caption: 'two shipped checkpoints', left: side('MLP generator'), right: side('DCGAN generator') };
    const withCmp: LessonExamples = { ...examples, comparisons: { mlpVsDcgan: comparison } };
    const live: LessonData = { source: 'live', samples: ['room'] };
    const t12 = planPanels(getCard('T12')!, live, withCmp);
    expect(t12.map((p) => p.kind)).toEqual(['compare', 'samples', 'facts']);
    expect(t12[0]).toMatchObject({ comparison, data: { source: 'example', caption: 'two shipped checkpoints' } });
    // The room's own samples still fill the samples panel beside it.
    expect(t12[1].data).toBe(live);
    // Not recorded: an empty panel that says so, never the other comparison.
    const t14 = planPanels(getCard('T14')!, null, withCmp);
    expect(t14[0]).toMatchObject({ kind: 'compare', data: null });
    expect(t14[0].comparison).toBeUndefined();
    // Cards without one have no compare panel.
    expect(planPanels(getCard('T06')!, null, withCmp).some((p) => p.kind === 'compare')).toBe(false);
  });

  it('labels the source plainly', () => {
    expect(sourceLabel(translator('en', 'panels'), { source: 'live' })).toBe("Your room's data");
    expect(sourceLabel(translator('en', 'panels'), { source: 'example' })).toMatch(/^Example data from GAN Arena's own training run/);
  });
});

describe('detectionVerdict', () => {
  it('says the room could not tell when the fooled rate interval reaches chance from above', () => {
    const v = detectionVerdict(translator('en', 'verdict'), { source: 'live', fooledRate: 0.55, fooledInterval: { low: 0.41, high: 0.68 }, realErrorRate: 0.4, judgments: 120 });
    expect(v.couldTell).toBe(false);
    expect(v.headline).toBe('Your room could not tell real from fake.');
    expect(v.detail).toContain('55% of the time (95% interval 41%–68%)');
    expect(v.detail).toContain('Real images were called fake 40%');
  });

  it('says could not reliably tell when the interval straddles 50%', () => {
    const v = detectionVerdict(translator('en', 'verdict'), { source: 'live', fooledRate: 0.42, fooledInterval: { low: 0.3, high: 0.55 } });
    expect(v.couldTell).toBe(false);
    expect(v.headline).toMatch(/could not reliably tell/);
  });

  it('says the room could tell when even the interval\u2019s top is below chance', () => {
    const v = detectionVerdict(translator('en', 'verdict'), { source: 'live', fooledRate: 0.1, fooledInterval: { low: 0.05, high: 0.18 } });
    expect(v.couldTell).toBe(true);
    expect(v.headline).toBe('Your room could still tell real from fake, most of the time.');
  });

  it('names a machine judge as such, and admits when there is nothing to say', () => {
    expect(detectionVerdict(translator('en', 'verdict'), { source: 'example', judge: 'discriminator', fooledRate: 0.6 }).headline).toMatch(/^The example run\u2019s discriminator could not tell/);
    expect(detectionVerdict(translator('en', 'verdict'), { source: 'live' }).couldTell).toBeNull();
  });
});

describe('public/lessons/examples.json', () => {
  const file = path.join(__dirname, '../../public/lessons/examples.json');
  it.skipIf(!existsSync(file))('is a small, well-formed recording of real runs', () => {
    const text = readFileSync(file, 'utf8');
    expect(text.length).toBeLessThan(300 * 1024);
    const ex = JSON.parse(text) as LessonExamples;
    expect(ex.version).toBe(1);
    expect(ex.runs.main.source).toBe('example');
    for (const run of Object.values(ex.runs)) {
      for (const img of [...(run!.samples ?? []), ...(run!.interpolation ?? []), ...(run!.realSamples ?? [])]) {
        expect(decodePixels(img).length).toBe(IMAGE_BYTES);
      }
      for (const l of run!.losses ?? []) expect(Number.isFinite(l.d) && Number.isFinite(l.g)).toBe(true);
    }
    // The side-by-side comparisons: both recorded, labelled, 12 decodable images a side.
    for (const id of COMPARISON_IDS) {
      const c = ex.comparisons?.[id];
      expect(c, id).toBeDefined();
      expect(c!.caption.length).toBeGreaterThan(10);
      for (const side of [c!.left, c!.right]) {
        expect(side.label.length).toBeGreaterThan(0);
        expect(side.images).toHaveLength(12);
        for (const img of side.images) expect(decodePixels(img).length).toBe(IMAGE_BYTES);
      }
    }
    // Every card's panels can be filled from the examples, except what only a game has (its rounds)
    // and what needs the classifier (histogram, FID), which the recorder adds when the classifier exists.
    for (const card of CARDS) {
      for (const p of planPanels(card, null, ex)) if (!['histogram', 'fid', 'timeline'].includes(p.kind)) expect(p.data, `${card.id} ${p.kind}`).not.toBeNull();
    }
    expect(ex.runs.main.timeline, 'a training run has no rounds to put on a timeline').toBeUndefined();
  });
});

describe('chart summaries', async () => {
  const { summariseDTrace, summariseHistogram, summariseLosses } = await import('./summaries');
  const t = translator('en', 'charts');
  it('describes curves and bars in words', () => {
    expect(summariseLosses(t, [{ d: 1.4, g: 0.7 }, { d: 1.1, g: 1.2 }], 400)).toBe("Over 400 steps, D's loss went from 1.40 to 1.10 and G's loss from 0.70 to 1.20.");
    expect(summariseDTrace(t, [{ real: 0.9, fake: 0.1 }, { real: 0.6, fake: 0.45 }])).toMatch(/from 0.90 to 0.60.*from 0.10 to 0.45.*approach 0.5/);
    // A critic's raw scores have no balance point at 0.5.
    expect(summariseDTrace(t, [{ real: 3.2, fake: -2.5 }, { real: 1.1, fake: 0.4 }], false)).toMatch(/from 3.20 to 1.10.*no fixed scale/);
    const h = summariseHistogram(t, { counts: [0, 70, 0, 0, 0, 0, 0, 30, 0, 0], classNames: '0123456789'.split('') });
    expect(h).toContain('1 (70%) and 7 (30%)');
    expect(h).toContain('Never drawn: 0, 2, 3, 4, 5, 6, 8, 9.');
    expect(summariseLosses(t, [])).toBe('No training steps yet.');
    expect(summariseHistogram(t, { counts: [0, 0, 5], classNames: ['a', 'b', 'c'] })).toMatch(/^Of 5 samples, every one was classed as c \(100%\)\. Never drawn: a, b\./);
  });

  it('says it in Spanish, with Spanish numbers', () => {
    const es = translator('es', 'charts');
    const write = (v: number, d: number) => new Intl.NumberFormat('es', { minimumFractionDigits: d, maximumFractionDigits: d }).format(v);
    expect(summariseLosses(es, [{ d: 1.4, g: 0.7 }, { d: 1.1, g: 1.2 }], 400, false, undefined, write)).toBe('En 400 pasos, la pérdida de D pasó de 1,40 a 1,10 y la de G de 0,70 a 1,20.');
    expect(detectionVerdict(translator('es', 'verdict'), { source: 'live', fooledRate: 0.55, fooledInterval: { low: 0.41, high: 0.68 } }).headline).toBe('Tu sala no pudo distinguir lo real de lo falso.');
  });
});
