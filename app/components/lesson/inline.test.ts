import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { CARDS } from '@/game/lessons/cards';
import { parseInline, plainText, type InlineNode } from './inline';

describe('parseInline', () => {
  it('reads plain text as one text node', () => {
    expect(parseInline('just words')).toEqual([{ kind: 'text', text: 'just words' }]);
  });

  it('reads bold, italic and maths', () => {
    expect(parseInline('a **b** *c* $d$')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'strong', children: [{ kind: 'text', text: 'b' }] },
      { kind: 'text', text: ' ' },
      { kind: 'em', children: [{ kind: 'text', text: 'c' }] },
      { kind: 'text', text: ' ' },
      { kind: 'math', tex: 'd' },
    ]);
  });

  it('renders bold that contains maths as bold with the maths inside (T08, T14)', () => {
    expect(parseInline('**Adam\u2019s $\\beta_1$** (0.5)')).toEqual([
      { kind: 'strong', children: [{ kind: 'text', text: 'Adam\u2019s ' }, { kind: 'math', tex: '\\beta_1' }] },
      { kind: 'text', text: ' (0.5)' },
    ]);
    expect(parseInline('**Adam with $\\beta_1 = 0.5$**, LeakyReLU')[0]).toEqual({
      kind: 'strong',
      children: [{ kind: 'text', text: 'Adam with ' }, { kind: 'math', tex: '\\beta_1 = 0.5' }],
    });
  });

  it('never reads an asterisk inside maths as emphasis', () => {
    expect(parseInline('the best $D^*$ and $D^*(x)$ *here*')).toEqual([
      { kind: 'text', text: 'the best ' },
      { kind: 'math', tex: 'D^*' },
      { kind: 'text', text: ' and ' },
      { kind: 'math', tex: 'D^*(x)' },
      { kind: 'text', text: ' ' },
      { kind: 'em', children: [{ kind: 'text', text: 'here' }] },
    ]);
    expect(parseInline('**bold $a*b$ still bold**')).toEqual([
      { kind: 'strong', children: [{ kind: 'text', text: 'bold ' }, { kind: 'math', tex: 'a*b' }, { kind: 'text', text: ' still bold' }] },
    ]);
  });

  it('keeps markup that never closes as plain text', () => {
    expect(parseInline('5 * 3 and **open')).toEqual([{ kind: 'text', text: '5 * 3 and **open' }]);
    expect(parseInline('costs $5 only')).toEqual([{ kind: 'text', text: 'costs $5 only' }]);
  });

  it('allows italics inside bold and bold inside italics', () => {
    expect(parseInline('**a *b* c**')).toEqual([
      { kind: 'strong', children: [{ kind: 'text', text: 'a ' }, { kind: 'em', children: [{ kind: 'text', text: 'b' }] }, { kind: 'text', text: ' c' }] },
    ]);
    expect(parseInline('*a **b** c*')).toEqual([
      { kind: 'em', children: [{ kind: 'text', text: 'a ' }, { kind: 'strong', children: [{ kind: 'text', text: 'b' }] }, { kind: 'text', text: ' c' }] },
    ]);
  });

  it('leaves no raw ** or unmatched $ in any lesson card text', () => {
    const leftover = (nodes: InlineNode[]): string[] =>
      nodes.flatMap((n) => (n.kind === 'text' ? (/\*\*|\$/.test(n.text) ? [n.text] : []) : n.kind === 'math' ? [] : leftover(n.children)));
    for (const c of CARDS) {
      const texts = [...c.body.flatMap((b) => (b.kind === 'p' ? [b.text] : b.kind === 'list' ? b.items : [])), c.check.prompt, ...c.check.choices, c.check.explanation];
      for (const t of texts) {
        const nodes = parseInline(t);
        expect(leftover(nodes), `${c.id}: ${t}`).toEqual([]);
        expect(plainText(nodes).length, c.id).toBeGreaterThan(0);
      }
    }
  });

  it('gives KaTeX only formulas it can typeset (no red error text on a card)', () => {
    const math = (nodes: InlineNode[]): string[] => nodes.flatMap((n) => (n.kind === 'math' ? [n.tex] : n.kind === 'text' ? [] : math(n.children)));
    for (const c of CARDS) {
      const texts = [...c.body.flatMap((b) => (b.kind === 'p' ? [b.text] : b.kind === 'list' ? b.items : [])), c.check.prompt, ...c.check.choices, c.check.explanation];
      for (const t of texts) for (const m of math(parseInline(t))) expect(() => katex.renderToString(m, { throwOnError: true, strict: 'ignore' }), `${c.id}: $${m}$`).not.toThrow();
      for (const b of c.body) if (b.kind === 'math') expect(() => katex.renderToString(b.tex, { displayMode: true, throwOnError: true, strict: 'ignore' }), `${c.id}: ${b.tex}`).not.toThrow();
    }
  });
});
