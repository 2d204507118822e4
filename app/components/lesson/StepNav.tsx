'use client';
/** The bar under a projector card: Back / Next through its steps, and the caller's own buttons. */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslations } from 'use-intl';

const BUTTON = 'rounded-[0.4em] border-2 px-[0.6em] py-[0.2em] font-bold focus:outline-none focus-visible:ring-4 focus-visible:ring-white disabled:opacity-40';

export function StepNav({ step, steps, onBack, onNext, nextLabel, children }: {
  step: number;
  steps: number;
  onBack?: () => void;
  onNext?: () => void;
  nextLabel?: string;
  children?: ReactNode;
}) {
  const t = useTranslations('lesson');
  return (
    <nav className="flex flex-wrap items-center gap-[0.4em] text-[0.6em]" aria-label={t('cardSteps')}>
      <button type="button" className={`${BUTTON} border-edge bg-panel text-slate-100 hover:border-accent`} onClick={onBack} disabled={!onBack}>
        {t('back')}
      </button>
      {steps > 1 && (
        <span className="tabular-nums text-slate-300" aria-live="polite">
          {step + 1} / {steps}
        </span>
      )}
      {onNext && (
        <button type="button" className={`${BUTTON} border-accent bg-accent/15 text-accent hover:bg-accent/25`} onClick={onNext}>
          {nextLabel ?? t('next')} →
        </button>
      )}
      <span className="ml-auto flex flex-wrap items-center gap-[0.4em]">{children}</span>
    </nav>
  );
}

/** → ↓ PageDown and space go forward, ← ↑ PageUp back: what a presentation clicker sends. */
export function useStepKeys(forward: () => void, back: () => void) {
  const keys = useRef({ forward, back });
  useEffect(() => {
    keys.current = { forward, back };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.altKey || e.ctrlKey || e.metaKey || (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable))) return;
      // Space on a focused button or link presses it; it must not also step.
      if (e.key === ' ' && t && (t.tagName === 'BUTTON' || t.tagName === 'A')) return;
      if (['ArrowRight', 'ArrowDown', 'PageDown', ' '].includes(e.key)) keys.current.forward();
      else if (['ArrowLeft', 'ArrowUp', 'PageUp'].includes(e.key)) keys.current.back();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
