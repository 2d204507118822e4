/**
 * The lesson cards' inline markup, parsed into a small tree: **bold**, *italic* and TeX between
 * single dollar signs. Maths is found first at every level, so an asterisk inside $…$ is never
 * emphasis, and emphasis may hold maths: `**the gradient $\nabla L$**` is bold with maths inside.
 * Markup that does not close is kept as plain text, so a stray `*` or `$` shows as itself.
 */

export type InlineNode =
  | { kind: 'text'; text: string }
  | { kind: 'math'; tex: string }
  | { kind: 'strong'; children: InlineNode[] }
  | { kind: 'em'; children: InlineNode[] };

/** Index just past the maths that starts at `i` (a `$`), or -1 when it does not close. */
function mathEnd(s: string, i: number): number {
  const j = s.indexOf('$', i + 1);
  return j > i + 1 ? j + 1 : -1;
}

/** Where `marker` next occurs at or after `from`, skipping maths; -1 if nowhere. */
function findClose(s: string, from: number, marker: '**' | '*'): number {
  for (let k = from; k < s.length; k++) {
    if (s[k] === '$') {
      const end = mathEnd(s, k);
      if (end > 0) {
        k = end - 1;
        continue;
      }
    }
    if (marker === '**' && s.startsWith('**', k)) return k;
    if (marker === '*' && s[k] === '*') {
      if (s[k + 1] === '*') {
        // A bold span inside italics: step over it whole.
        const close = findClose(s, k + 2, '**');
        if (close > k + 2) {
          k = close + 1;
          continue;
        }
      }
      if (k > from && !/\s/.test(s[k - 1])) return k;
    }
  }
  return -1;
}

export function parseInline(s: string): InlineNode[] {
  const out: InlineNode[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '$') {
      const end = mathEnd(s, i);
      if (end > 0) {
        flush();
        out.push({ kind: 'math', tex: s.slice(i + 1, end - 1) });
        i = end;
        continue;
      }
    } else {
      // ** is bold; a single * opens italics only before a non-space (so "2 * 3" stays text).
      const mark = s.startsWith('**', i) ? '**' : c === '*' && i + 1 < s.length && !/\s/.test(s[i + 1]) ? '*' : null;
      const from = i + (mark?.length ?? 0);
      const close = mark ? findClose(s, from, mark) : -1;
      if (mark && close > from) {
        flush();
        out.push({ kind: mark === '**' ? 'strong' : 'em', children: parseInline(s.slice(from, close)) });
        i = close + mark.length;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return out;
}

/** The text a reader sees, markup removed and maths kept as its TeX (for tests and checks). */
export function plainText(nodes: InlineNode[]): string {
  return nodes.map((n) => (n.kind === 'text' ? n.text : n.kind === 'math' ? n.tex : plainText(n.children))).join('');
}
