'use client';
/**
 * Card text: **bold**, *italic* and inline TeX between $…$ (parsed by ./inline), plus display maths.
 * KaTeX renders to an HTML string; throwOnError is off so a typo shows red TeX, never a blank card.
 *
 * Display maths never scrolls and is never clipped: nobody can scroll a projector. A formula wider
 * than its box is scaled down to fit (./mathFit), and if it would have to shrink below a readable
 * size it wraps at its = and + signs instead. Long formulas are also written as aligned lines in
 * the card data, so they rarely need either.
 */
import katex from 'katex';
import { useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { parseInline, type InlineNode } from './inline';
import { MIN_MATH_SCALE, fitScale } from './mathFit';

function tex(source: string, displayMode: boolean): string {
  return katex.renderToString(source, { displayMode, throwOnError: false, strict: 'ignore', output: 'htmlAndMathml' });
}

function render(nodes: InlineNode[], key: string): ReactNode[] {
  return nodes.map((n, i) => {
    const k = `${key}-${i}`;
    switch (n.kind) {
      case 'text':
        return n.text;
      case 'math':
        return <span key={k} dangerouslySetInnerHTML={{ __html: tex(n.tex, false) }} />;
      case 'strong':
        return (
          <strong key={k} className="font-bold text-white">
            {render(n.children, k)}
          </strong>
        );
      case 'em':
        return <em key={k}>{render(n.children, k)}</em>;
    }
  });
}

export function InlineText({ text }: { text: string }) {
  const nodes = useMemo(() => parseInline(text), [text]);
  return <>{render(nodes, 'i')}</>;
}

/** Scales the formula in `box` so its one-line width fits the box; below MIN_MATH_SCALE it wraps. */
function fitMath(box: HTMLElement) {
  const inner = box.firstElementChild as HTMLElement | null;
  const katexEl = inner?.querySelector<HTMLElement>('.katex-display > .katex');
  const line = katexEl?.querySelector<HTMLElement>('.katex-html');
  if (!inner || !katexEl || !line) return;
  inner.style.fontSize = '';
  katexEl.style.whiteSpace = 'nowrap'; // measure the formula on one line
  const scale = fitScale(inner.clientWidth, line.scrollWidth);
  katexEl.style.whiteSpace = '';
  inner.style.fontSize = scale < 1 ? `${scale}em` : '';
}

export function MathBlock({ source, caption, compact }: { source: string; caption?: string; compact?: boolean }) {
  const html = useMemo(() => tex(source, true), [source]);
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    let width = -1;
    const refit = () => {
      if (el.clientWidth === width) return;
      width = el.clientWidth;
      fitMath(el);
    };
    refit();
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(refit);
    ro?.observe(el);
    // KaTeX's fonts may arrive after the first layout and change the formula's width.
    let live = true;
    void document.fonts?.ready.then(() => {
      if (live) fitMath(el);
    });
    return () => {
      live = false;
      ro?.disconnect();
    };
  }, [html]);
  return (
    <figure className="my-1 min-w-0">
      <div
        ref={box}
        data-math-block
        data-min-scale={MIN_MATH_SCALE}
        className={`rounded-xl border border-edge bg-ink/60 px-3 py-2 text-center ${compact ? 'text-[0.85em]' : 'text-[1.05em]'} [&_.katex-display]:my-2 [&_.katex-display>.katex]:whitespace-normal`}
      >
        <div dangerouslySetInnerHTML={{ __html: html }} />
      </div>
      {caption && <figcaption className="mt-1 text-center text-[0.8em] text-slate-400">{caption}</figcaption>}
    </figure>
  );
}
