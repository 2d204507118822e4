import { describe, expect, it } from 'vitest';
import { CARDS } from './cards';
import { CARD_TEXT_ES } from './es';
import { type CardText, cardText, localizeCard } from './localize';
import { loadCards } from './localized';

/** Inline TeX between single dollar signs, in order: a translation keeps every formula as it is. */
const inlineTex = (s: string) => [...s.matchAll(/\$([^$]+)\$/g)].map((m) => m[1]);
/** Every string of a card's words, each with where it sits. */
function strings(text: CardText): [string, string][] {
  const out: [string, string][] = [['title', text.title], ['summary', text.summary]];
  text.body.forEach((b, i) => {
    if (typeof b === 'string') out.push([`body ${i}`, b]);
    else if (Array.isArray(b)) b.forEach((item, j) => out.push([`body ${i}.${j}`, item]));
    else if (b.caption !== undefined) out.push([`body ${i} caption`, b.caption]);
  });
  out.push(['prompt', text.check.prompt], ['explanation', text.check.explanation]);
  text.check.choices.forEach((c, j) => out.push([`choice ${j}`, c]));
  return out;
}

describe('Spanish lesson cards', () => {
  it('translate every card, and no card that does not exist', () => {
    expect(Object.keys(CARD_TEXT_ES).sort()).toEqual(CARDS.map((c) => c.id).sort());
  });

  it.each(CARDS.map((c) => [c.id, c] as const))('%s keeps the English structure, formulas, panels and answer', (_, card) => {
    const es = localizeCard(card, CARD_TEXT_ES[card.id]);
    expect(es.id).toBe(card.id);
    expect(es.check.answer).toBe(card.check.answer);
    expect(es.check.choices).toHaveLength(card.check.choices.length);
    expect(es.live).toEqual(card.live);
    expect(es.example).toBe(card.example);
    expect(es.compare).toBe(card.compare);
    expect(es.group).toBe(card.group);
    expect(es.body.map((b) => b.kind)).toEqual(card.body.map((b) => b.kind));
    expect(es.body.map((b) => (b.kind === 'math' ? b.tex : null))).toEqual(card.body.map((b) => (b.kind === 'math' ? b.tex : null)));
    const en = strings(cardText(card));
    const tr = strings(CARD_TEXT_ES[card.id]);
    expect(tr.map(([where]) => where)).toEqual(en.map(([where]) => where));
    tr.forEach(([where, text], i) => {
      expect(inlineTex(text), `${card.id} ${where}: inline formulas`).toEqual(inlineTex(en[i][1]));
      // Identical only where the words are formulas, names or numbers that read the same in both.
      if (text === en[i][1]) expect(text.replace(/\$[^$]+\$/g, '').replace(/[^a-záéíóúñ]/gi, ''), `${card.id} ${where} is untranslated`).toMatch(/^(Minimax|DCGAN|WGANGP)?$/);
    });
  });

  it('are what loadCards gives for Spanish, and English stays the cards themselves', async () => {
    expect(await loadCards('en')).toBe(CARDS);
    const es = await loadCards('es');
    expect(es.map((c) => c.id)).toEqual(CARDS.map((c) => c.id));
    expect(es.find((c) => c.id === 'T09')?.title).toBe('Colapso de modos');
  });
});

describe('localizeCard', () => {
  const card = CARDS.find((c) => c.body.some((b) => b.kind === 'list'))!;
  it('refuses a translation with a block missing, naming the card', () => {
    const text = cardText(card);
    expect(() => localizeCard(card, { ...text, body: text.body.slice(1) })).toThrow(card.id);
  });
  it('refuses a list with another number of items', () => {
    const text = cardText(card);
    const i = card.body.findIndex((b) => b.kind === 'list');
    const body = text.body.map((b, j) => (j === i ? ['one'] : b));
    expect(() => localizeCard(card, { ...text, body })).toThrow(`block ${i + 1}`);
  });
});
