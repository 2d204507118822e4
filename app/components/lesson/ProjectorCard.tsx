'use client';
/**
 * A lesson card made for a projector: one card per screen, its text on the left and its data and
 * question on the right, never scrolled (nobody can scroll a projector). Everything is sized in em
 * from one viewport-based font size (.projector in globals.css), so a card looks the same at
 * 1366×768 as at 1920×1080, only bigger. A card whose text or panels do not fit is split into steps:
 * the page measures every paragraph, formula and list item in an invisible copy of the column and
 * packs them into pages (./paginate); the caller's "next" walks through them.
 * Below the lg breakpoint (a phone) the card is one scrolling column, as a phone expects.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import 'katex/dist/katex.min.css';
import { useTranslations } from 'use-intl';
import { groupKey } from '../../i18n/groups';
import { planPanels, type Panel } from '@/game/lessons/panels';
import type { LessonCard as Card, LessonData, LessonExamples } from '@/game/lessons/types';
import { LessonPanel } from './Panels';
import { InlineText, MathBlock } from './RichText';
import { paginate, stepView, type Measured } from './paginate';
import { useLessonExamples } from './useLessonExamples';

/** The smallest piece of text a page may start with: a paragraph, a formula or one list item. */
interface Unit {
  block: number;
  item?: number;
}

function unitsOf(card: Card): Unit[] {
  return card.body.flatMap((b, block) => (b.kind === 'list' ? b.items.map((_, item) => ({ block, item })) : [{ block }]));
}

/** Renders units in order, regrouping consecutive items of one list into a single <ul>. */
function Units({ card, units, measure }: { card: Card; units: Unit[]; measure?: boolean }) {
  const out: ReactNode[] = [];
  for (let i = 0; i < units.length; ) {
    const u = units[i];
    const b = card.body[u.block];
    const at = measure ? i : undefined;
    if (b.kind === 'list') {
      const items: { unit: number; item: number }[] = [];
      while (i < units.length && units[i].block === u.block) items.push({ unit: i, item: units[i++].item! });
      out.push(
        <ul key={`l${u.block}-${items[0].item}`} className="ml-[1.1em] flex list-disc flex-col gap-[0.3em] marker:text-accent">
          {items.map(({ unit, item }) => (
            <li key={item} data-unit={measure ? unit : undefined}>
              <InlineText text={b.items[item]} />
            </li>
          ))}
        </ul>,
      );
      continue;
    }
    out.push(
      b.kind === 'p' ? (
        <p key={`p${u.block}`} data-unit={at}>
          <InlineText text={b.text} />
        </p>
      ) : (
        <div key={`m${u.block}`} data-unit={at} className="min-w-0">
          <MathBlock source={b.tex} caption={b.caption} />
        </div>
      ),
    );
    i++;
  }
  return <>{out}</>;
}

/**
 * The card's question as the room sees it on the big screen: the prompt, to read and discuss
 * together. Everyone picks from the choices on their own device, so the choices stay off the
 * projector and leave its height to the text and the room's data.
 */
export function ProjectorQuestion({ card, note }: { card: Card; note?: ReactNode }) {
  const t = useTranslations('lesson');
  return (
    <section aria-labelledby={`pq-${card.id}`} className="shrink-0 rounded-[0.5em] border-2 border-accent/70 bg-panel px-[0.5em] py-[0.35em] leading-snug" data-testid="projector-question">
      <h3 id={`pq-${card.id}`} className="flex flex-wrap items-baseline justify-between gap-x-[0.6em] text-[0.6em] font-bold uppercase tracking-wider text-accent">
        <span>{t('checkOnDevice')}</span>
        {note}
      </h3>
      <p className="text-[0.85em] font-bold text-white">
        <InlineText text={card.check.prompt} />
      </p>
    </section>
  );
}

/** Tops and heights of `[data-unit]` / `[data-panel]` children, relative to the layer. */
function measureLayer(layer: HTMLElement | null, selector: string): Measured[] {
  if (!layer) return [];
  const origin = layer.getBoundingClientRect().top;
  return [...layer.querySelectorAll<HTMLElement>(selector)].map((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top - origin, height: r.height };
  });
}

function useWide(): boolean {
  const [wide, setWide] = useState(true);
  useEffect(() => {
    const q = window.matchMedia('(min-width: 1024px)');
    const update = () => setWide(q.matches);
    update();
    q.addEventListener('change', update);
    return () => q.removeEventListener('change', update);
  }, []);
  return wide;
}

export interface ProjectorCardProps {
  card: Card;
  data: LessonData | null;
  /** Recorded example runs; undefined fetches them, null shows only live data. */
  examples?: LessonExamples | null;
  /** Which step of the card to show (clamped); the caller owns it so its "next" can move on. */
  step: number;
  /** Told how many steps the card has at this screen size, whenever that changes. */
  onSteps?: (steps: number) => void;
  /** Beside the question's heading (e.g. how many have answered). */
  questionNote?: ReactNode;
  /** The navigation bar under the card. */
  footer?: ReactNode;
}

export function ProjectorCard({ card, data, examples, step, onSteps, questionNote, footer }: ProjectorCardProps) {
  const t = useTranslations('lesson');
  const tg = useTranslations('lessonGroups');
  const fetched = useLessonExamples(examples === undefined && card.live.length > 0);
  const ex = examples === undefined ? (fetched ?? null) : examples;
  const loading = examples === undefined && fetched === undefined && card.live.length > 0;
  const panels = useMemo(() => planPanels(card, data, ex), [card, data, ex]);
  const units = useMemo(() => unitsOf(card), [card]);
  const wide = useWide();

  const textBox = useRef<HTMLDivElement>(null);
  const textLayer = useRef<HTMLDivElement>(null);
  const panelBox = useRef<HTMLDivElement>(null);
  const panelLayer = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<{ text: number[][]; panels: number[][]; scales: number[] } | null>(null);

  const measure = useCallback(() => {
    if (!wide || !textBox.current || !panelBox.current) return setPages(null);
    const text = paginate(measureLayer(textLayer.current, '[data-unit]'), textBox.current.clientHeight);
    const boxes = measureLayer(panelLayer.current, '[data-panel]');
    const room = panelBox.current.clientHeight;
    const pan = panels.length ? paginate(boxes, room) : [[]];
    // A panel taller than the whole column on its own (the detection panel on a short screen) is
    // drawn a little smaller rather than cut off: its text is data labels, not the card's body.
    const scales = pan.map((page) => {
      if (page.length === 0) return 1;
      const need = boxes[page[page.length - 1]].top + boxes[page[page.length - 1]].height - boxes[page[0]].top;
      return need > room ? Math.max(0.7, Math.floor((room / need) * 100) / 100 - 0.02) : 1;
    });
    const next = { text, panels: pan, scales };
    setPages((old) => (JSON.stringify(old) === JSON.stringify(next) ? old : next));
  }, [wide, panels.length]);

  useLayoutEffect(() => {
    measure();
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => measure());
    // The boxes for the space available; the layers' contents for blocks that change height (a chart
    // drawn, a formula scaled once its fonts arrive).
    for (const el of [textBox.current, panelBox.current, textLayer.current?.firstElementChild, panelLayer.current?.firstElementChild]) if (el) ro?.observe(el);
    // KaTeX's fonts may arrive after the first layout and change a formula's height.
    let live = true;
    void document.fonts?.ready.then(() => live && measure());
    return () => {
      live = false;
      ro?.disconnect();
    };
  }, [measure, card, panels]);

  const textPages = pages?.text ?? [units.map((_, i) => i)];
  const panelPages = pages?.panels ?? [panels.map((_, i) => i)];
  const view = stepView(step, textPages.length, panelPages.length);
  useEffect(() => onSteps?.(view.steps), [onSteps, view.steps]);

  const shownUnits = wide ? textPages[view.text].map((i) => units[i]).filter(Boolean) : units;
  const scale = wide ? (pages?.scales[view.panels] ?? 1) : 1;
  const shownPanels: Panel[] = wide ? panelPages[view.panels].map((i) => panels[i]).filter(Boolean) : panels;
  const cols = panels.length ? 'lg:grid-cols-2' : 'lg:grid-cols-[3fr_2fr]';

  return (
    <article
      className={`projector flex w-full flex-col gap-[0.5em] bg-ink p-[0.7em] ${wide ? 'h-dvh overflow-hidden' : 'min-h-dvh'}`}
      aria-labelledby={`card-${card.id}-title`}
      data-card={card.id}
      data-step={view.step}
      data-steps={view.steps}
    >
      <header className="flex shrink-0 flex-wrap items-baseline gap-x-[0.5em] gap-y-[0.2em]">
        <span className="rounded-[0.3em] bg-accent px-[0.3em] font-mono font-black text-ink" aria-label={t('topic', { topic: card.topic })}>
          {card.id}
        </span>
        <h2 id={`card-${card.id}-title`} className="text-[1.35em] font-black leading-tight text-white">
          {card.title}
        </h2>
        <span className="text-[0.6em] uppercase tracking-wider text-slate-300">{tg(groupKey(card.group))}</span>
        {view.steps > 1 && (
          <span className="ml-auto text-[0.6em] font-bold text-slate-300" data-testid="card-step">
            {t('part', { step: view.step + 1, steps: view.steps })}
          </span>
        )}
      </header>

      <div className={`grid min-h-0 flex-1 gap-[1em] ${cols}`}>
        <div ref={textBox} className="relative min-h-0 min-w-0" data-proj-text>
          <div className="flex flex-col gap-[0.5em] leading-[1.35] text-slate-100" data-proj-visible>
            <Units card={card} units={shownUnits} />
          </div>
          {wide && (
            <div ref={textLayer} className="proj-measure pointer-events-none invisible absolute inset-0 overflow-hidden" aria-hidden inert data-measure>
              <div className="flex flex-col gap-[0.5em] leading-[1.35]">
                <Units card={card} units={units} measure />
              </div>
            </div>
          )}
        </div>

        <div className="flex min-h-0 min-w-0 flex-col gap-[0.5em]">
          <div ref={panelBox} className="relative flex min-h-0 flex-1 flex-col gap-[0.5em]" aria-busy={loading} data-proj-panels>
            <div className="flex min-h-0 flex-1 flex-col gap-[0.5em]" style={scale < 1 ? { fontSize: `${scale}em` } : undefined}>
              {shownPanels.map((p) => (
                <LessonPanel key={p.kind} panel={p} projector={wide} compact={!wide} loading={loading} />
              ))}
            </div>
            {wide && panels.length > 0 && (
              <div ref={panelLayer} className="proj-measure pointer-events-none invisible absolute inset-0 overflow-hidden" aria-hidden inert data-measure>
                <div className="flex flex-col gap-[0.5em]">
                  {panels.map((p) => (
                    <LessonPanel key={p.kind} panel={p} projector loading={loading} />
                  ))}
                </div>
              </div>
            )}
          </div>
          <ProjectorQuestion card={card} note={questionNote} />
        </div>
      </div>

      {footer && <div className="shrink-0">{footer}</div>}
    </article>
  );
}
