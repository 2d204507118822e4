'use client';
/**
 * Waiting for the generator in this browser (the host's trainer, or solo play's): how long it has
 * been, and once it has been quiet for longer than it should need (game/setup.ts waitState), or has
 * failed, a clear message with Retry and, for training, Skip. The host page and solo play each say
 * what a sign of life is and what Retry and Skip do.
 */
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { type WaitState, waitState } from '@/game/setup';
import { duration } from '../host/setup-text';

/** Date.now(), every second while mounted. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}

/**
 * When this page saw the wait named `key` begin (a reloaded page: when it came back); null key: no wait.
 * Where the wait stands now, and a failure reported since it began.
 */
export function useWait(
  key: string | null,
  o: { lastSign: number | null; limitMs: number; failure: { at: number; message: string } | null },
): { since: number; now: number; state: WaitState; failed: { at: number; message: string } | null } {
  const [since, setSince] = useState({ key, at: Date.now() });
  if (since.key !== key) setSince({ key, at: Date.now() });
  const now = useNow();
  const at = since.key === key ? since.at : now;
  return {
    since: at,
    now,
    state: waitState({ since: at, lastSign: o.lastSign, limitMs: o.limitMs, now }),
    failed: o.failure && o.failure.at >= at ? o.failure : null,
  };
}

export function TrainerStall(props: {
  state: WaitState;
  failed: { message: string } | null;
  onRetry: () => void;
  /** Offered while training: moves on without this round's training. */
  onSkip?: () => void;
  large?: boolean;
}) {
  const { state, failed, onRetry, onSkip, large = true } = props;
  const T = useTranslations('setup');
  // The wording holds still (the limit, not a ticking count), so a screen reader announces it once.
  const button = `rounded-xl px-5 py-2.5 font-bold focus:outline-none focus-visible:ring-4 focus-visible:ring-white ${large ? 'text-xl' : 'text-lg'}`;
  return (
    <div
      role="alert"
      className={`flex flex-col gap-3 rounded-xl border-2 border-fake bg-fake/15 px-4 py-3 text-rose-100 ${large ? 'text-xl' : 'text-base'}`}
      data-testid="trainer-stalled"
    >
      <p className="font-bold">{failed ? T('failed', { message: failed.message }) : T('stalled', { quiet: duration(T, state.limitMs / 1000) })}</p>
      <p>
        {T('retryHint')} {onSkip && T('skipHint')}
      </p>
      <div className="flex flex-wrap gap-3">
        <button type="button" className={`${button} bg-accent text-ink hover:brightness-110`} onClick={onRetry}>
          {T('retry')}
        </button>
        {onSkip && (
          <button type="button" className={`${button} border-2 border-edge hover:border-accent`} onClick={onSkip}>
            {T('skip')}
          </button>
        )}
      </div>
    </div>
  );
}
