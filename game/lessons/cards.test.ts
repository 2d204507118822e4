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

  it('does not always put the right answer in the same place', () => {
    expect(new Set(CARDS.map((c) => c.check.answer)).size).toBeGreaterThan(1);
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
