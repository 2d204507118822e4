import { describe, expect, it } from 'vitest';
import { CARDS, CARD_IDS, cardsByGroup, getCard, responsibleUseCards } from './cards';
import { LESSON_DATA_FIELDS, LESSON_GROUPS } from './types';

const TOPICS = Array.from({ length: 20 }, (_, i) => `T${String(i + 1).padStart(2, '0')}`);

describe('the card library', () => {
  it('has a card for every curriculum topic T01–T20', () => {
    for (const t of TOPICS) expect(CARDS.some((c) => c.topic === t && c.id === t), `card ${t}`).toBe(true);
  });

  it('names each card by its topic, with unique ids', () => {
    expect(new Set(CARD_IDS).size).toBe(CARDS.length);
    for (const c of CARDS) {
      expect(TOPICS).toContain(c.topic);
      expect(c.id).toMatch(new RegExp(`^${c.topic}[a-z]?$`));
      expect(getCard(c.id)).toBe(c);
    }
  });

  it('gives every card a title, summary, body and a valid check question', () => {
    for (const c of CARDS) {
      expect(c.title.length, c.id).toBeGreaterThan(3);
      expect(c.summary.length, c.id).toBeGreaterThan(10);
      expect(c.body.length, c.id).toBeGreaterThan(0);
      const q = c.check;
      expect(q.choices.length, c.id).toBeGreaterThanOrEqual(3);
      expect(q.choices.length, c.id).toBeLessThanOrEqual(4);
      expect(Number.isInteger(q.answer) && q.answer >= 0 && q.answer < q.choices.length, c.id).toBe(true);
      expect(new Set(q.choices).size, `${c.id} has duplicate choices`).toBe(q.choices.length);
      expect(q.explanation.length, c.id).toBeGreaterThan(20);
    }
  });

  it('spreads the authored position of the right answer evenly (always tapping one letter must not pay)', () => {
    // Per number of choices k: no position holds more than ceil(n/k) + 1 of the n cards.
    const byK = new Map<number, number[]>();
    for (const c of CARDS) {
      const k = c.check.choices.length;
      const counts = byK.get(k) ?? new Array<number>(k).fill(0);
      counts[c.check.answer]++;
      byK.set(k, counts);
    }
    for (const [k, counts] of byK) {
      const n = counts.reduce((a, b) => a + b, 0);
      expect(Math.max(...counts), `answer positions for ${k}-choice cards: ${counts.join('/')}`).toBeLessThanOrEqual(Math.ceil(n / k) + 1);
    }
    // And over the whole library: always answering the same letter scores at most about a third.
    const letters = [0, 1, 2, 3].map((i) => CARDS.filter((c) => c.check.answer === i).length);
    expect(Math.max(...letters) / CARDS.length, `answers per letter ${letters.join('/')}`).toBeLessThanOrEqual(1 / 3);
  });

  // The right choice of every card, in a few words. Reordering choices without moving the answer
  // index (or rewriting the right choice without this table) fails here, so the index, the choice
  // and the explanation cannot drift apart silently.
  const RIGHT: Record<string, RegExp> = {
    T01: /generator that draws/,
    T02: /flow back through D into G/,
    T03: /VAE is scored on rebuilding/,
    T04: /^The generator\u2019s weights$/,
    T05: /confident mistakes cost most/,
    T06: /strong gradients early/,
    T07: /take turns; during each G step D\u2019s weights are frozen/,
    T08: /D is winning/,
    T09: /^Mode collapse/,
    T10: /near chance, but with this few votes/,
    T11: /D also sees the label/,
    T12: /^A transposed convolution$/,
    T13: /gradient towards 1/,
    T14: /real images becomes 0\.9 instead of 1/,
    T15: /^Rescale them to \[−1, 1\]$/,
    T16: /dismiss a real recording/,
    T16b: /Ask the teacher first/,
    T16c: /trained against any detector/,
    T17: /^Something in between/,
    T18: /^D\(x\) on both reals and fakes drifts towards 0\.5$/,
    T19: /details are invented/,
    T20: /removing noise step by step/,
  };

  it('points every answer index at the choice its explanation argues for', () => {
    expect(Object.keys(RIGHT).sort()).toEqual([...CARD_IDS].sort());
    for (const c of CARDS) {
      const q = c.check;
      const matching = q.choices.map((text, i) => (RIGHT[c.id].test(text) ? i : -1)).filter((i) => i >= 0);
      expect(matching, `${c.id}: the right choice is matched once, at the answer index`).toEqual([q.answer]);
      expect(q.explanation.trim().length, c.id).toBeGreaterThan(20);
      // The explanation must not name a position ("B is right"): positions will be shuffled per room.
      expect(q.explanation, c.id).not.toMatch(/\b(answer|option|choice) [A-D1-4]\b|\b[A-D]\) /);
    }
  });

  it('shows both kinds of judging error wherever it talks about HYPE', () => {
    for (const id of ['T10', 'T16']) for (const f of ['fakeErrorRate', 'realErrorRate'] as const) expect(getCard(id)!.live, id).toContain(f);
  });

  it('asks only for fields that exist in LessonData', () => {
    for (const c of CARDS) for (const f of c.live) expect(LESSON_DATA_FIELDS, `${c.id}.live`).toContain(f);
  });

  it('shows live data where the curriculum lists some (all but T03 and T19 and the consent card)', () => {
    const textOnly = CARDS.filter((c) => c.live.length === 0).map((c) => c.id);
    expect(textOnly.sort()).toEqual(['T03', 'T16b', 'T19']);
  });

  it('has at least three responsible-use cards, covering misuse, consent/disclosure and detection', () => {
    const r = responsibleUseCards();
    expect(r.length).toBeGreaterThanOrEqual(3);
    const text = r.map((c) => `${c.title} ${c.summary}`.toLowerCase()).join(' | ');
    for (const word of ['deepfake', 'consent', 'disclosure', 'detection']) expect(text).toContain(word);
  });

  it('lets the deepfakes card show the room\u2019s measured inability to tell', () => {
    const t16 = getCard('T16')!;
    for (const f of ['fooledRate', 'fooledInterval', 'fakeErrorRate', 'realErrorRate'] as const) expect(t16.live).toContain(f);
  });

  it('typesets the required mathematics', () => {
    const tex = CARDS.flatMap((c) => c.body.map((b) => (b.kind === 'math' ? b.tex : ''))).join('\n');
    expect(tex).toMatch(/\\min_G \\max_D/); // minimax value function
    expect(tex).toMatch(/\\log D\(x\) \+ \\log\\big\(1 - D\(G\(z\)\)\\big\)/); // BCE for D
    expect(tex).toMatch(/-\\,\\mathbb\{E\}_\{z\}\\big\[\\log D\(G\(z\)\)\\big\]/); // non-saturating G loss
    expect(tex).toMatch(/\\nabla_\{\\hat\{x\}\} C/); // WGAN-GP penalty
    expect(tex).toMatch(/w_i \\,\\mathrm\{BCE\}\\big\(D\(x_i\),\\, 1 - h_i\\big\)/); // human-alignment term
  });

  it('keeps inline math balanced so KaTeX never sees half a formula', () => {
    for (const c of CARDS) {
      const texts = [...c.body.flatMap((b) => (b.kind === 'p' ? [b.text] : b.kind === 'list' ? b.items : [])), c.check.prompt, ...c.check.choices, c.check.explanation];
      for (const t of texts) expect((t.match(/\$/g) ?? []).length % 2, `${c.id}: ${t}`).toBe(0);
    }
  });

  it('groups every card into a known group', () => {
    const grouped = cardsByGroup();
    expect(grouped.flatMap((g) => g.cards).length).toBe(CARDS.length);
    for (const g of grouped) expect(LESSON_GROUPS).toContain(g.group);
  });

  it('is JSON-serialisable as it stands', () => {
    expect(JSON.parse(JSON.stringify(CARDS))).toEqual(CARDS);
  });
});
