/**
 * Card text: **bold**, *italic* and inline TeX between $…$, plus display math blocks.
 * KaTeX renders to an HTML string; throwOnError is off so a typo shows red TeX, never a blank card.
 */
import katex from 'katex';
import type { ReactNode } from 'react';

function tex(source: string, displayMode: boolean): string {
  return katex.renderToString(source, { displayMode, throwOnError: false, strict: 'ignore', output: 'htmlAndMathml' });
}

function emphasis(text: string, key: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/g).map((part, i) => {
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4) return <strong key={`${key}-${i}`} className="font-bold text-white">{part.slice(2, -2)}</strong>;
    if (part.startsWith('*') && part.endsWith('*') && part.length > 2) return <em key={`${key}-${i}`}>{part.slice(1, -1)}</em>;
    return part;
  });
}

export function InlineText({ text }: { text: string }) {
  const parts = text.split(/(\$[^$]+\$)/g);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith('$') && part.endsWith('$') && part.length > 2 ? (
          <span key={i} dangerouslySetInnerHTML={{ __html: tex(part.slice(1, -1), false) }} />
        ) : (
          emphasis(part, String(i))
        ),
      )}
    </>
  );
}

export function MathBlock({ source, caption, compact }: { source: string; caption?: string; compact?: boolean }) {
  return (
    <figure className="my-1">
      <div
        className={`overflow-x-auto overflow-y-hidden rounded-xl border border-edge bg-ink/60 px-3 py-2 text-center ${compact ? 'text-[0.85em]' : 'text-[1.05em]'}`}
        dangerouslySetInnerHTML={{ __html: tex(source, true) }}
      />
      {caption && <figcaption className="mt-1 text-center text-[0.8em] text-slate-400">{caption}</figcaption>}
    </figure>
  );
}
