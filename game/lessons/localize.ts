/**
 * A lesson card in another language: the translation holds only the words (title, summary, each
 * block's text, the question), block for block; everything else (ids, formulas, panels, the right
 * answer) is the English card's, so a translation cannot change what a card teaches or checks.
 */
import type { LessonBlock, LessonCard } from './types';

/** A block's words: a paragraph's text, a list's items, a formula's caption (its TeX is never translated). */
export type BlockText = string | string[] | { caption?: string };

export interface CardText {
  title: string;
  summary: string;
  body: BlockText[];
  check: { prompt: string; choices: string[]; explanation: string };
}

/** The words of a card, in the shape a translation gives them. */
export function cardText(card: LessonCard): CardText {
  return {
    title: card.title,
    summary: card.summary,
    body: card.body.map((b) => (b.kind === 'p' ? b.text : b.kind === 'list' ? [...b.items] : b.caption === undefined ? {} : { caption: b.caption })),
    check: { prompt: card.check.prompt, choices: [...card.check.choices], explanation: card.check.explanation },
  };
}

function localizeBlock(block: LessonBlock, text: BlockText, where: string): LessonBlock {
  switch (block.kind) {
    case 'p':
      if (typeof text !== 'string') throw new Error(`${where}: a paragraph needs a string`);
      return { kind: 'p', text };
    case 'list':
      if (!Array.isArray(text) || text.length !== block.items.length) throw new Error(`${where}: a list of ${block.items.length} items`);
      return { kind: 'list', items: text };
    case 'math':
      if (typeof text !== 'object' || Array.isArray(text) || (text.caption === undefined) !== (block.caption === undefined)) {
        throw new Error(`${where}: a formula, with a caption where the English has one`);
      }
      return text.caption === undefined ? { kind: 'math', tex: block.tex } : { kind: 'math', tex: block.tex, caption: text.caption };
  }
}

/** The card with the translation's words; throws, naming the place, where the shapes differ. */
export function localizeCard(card: LessonCard, text: CardText): LessonCard {
  if (text.body.length !== card.body.length) throw new Error(`${card.id}: ${card.body.length} blocks, the translation has ${text.body.length}`);
  if (text.check.choices.length !== card.check.choices.length) throw new Error(`${card.id}: ${card.check.choices.length} choices`);
  return {
    ...card,
    title: text.title,
    summary: text.summary,
    body: card.body.map((b, i) => localizeBlock(b, text.body[i], `${card.id} block ${i + 1}`)),
    check: { ...card.check, prompt: text.check.prompt, choices: text.check.choices, explanation: text.check.explanation },
  };
}
