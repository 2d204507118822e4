'use client';
/**
 * While the room waits for this browser's trainer (its fakes, or a round's training): what the trainer
 * is doing and for how long, and, once it has been quiet for longer than this computer should need
 * (game/setup.ts waitLimitMs: three times the measured time, never under 20 s) or has failed, a clear
 * message with Retry (a fresh trainer from the room's latest checkpoint, the job asked for again) and,
 * for training, Skip (the room's own skip-training path).
 */
import { useEffect, useState } from 'react';
import type { HostView } from '@/game/protocol';
import { expectedTrainingMs, waitLimitMs, waitState } from '@/game/setup';
import { Button } from './Button';
import { useHostActions } from './context';
import { WAIT_TEXT as T, duration } from './setup-text';
import { useSetup } from './setup-store';
import { useHost } from './store';

/** Date.now(), every second while mounted. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}

export function TrainerWait({ view }: { view: HostView }) {
  const phase = view.phase;
  const waitKey = phase.kind === 'generating' || phase.kind === 'training' ? `${phase.kind}:${phase.round}` : null;
  // When this page saw the wait begin (a reloaded page: when it came back).
  const [since, setSince] = useState({ key: waitKey, at: Date.now() });
  if (since.key !== waitKey) setSince({ key: waitKey, at: Date.now() });
  return waitKey ? <Wait key={waitKey} view={view} since={since.at} /> : null;
}

function Wait({ view, since }: { view: HostView; since: number }) {
  const { send, retryTrainer } = useHostActions();
  const now = useNow();
  const lastSign = useSetup((s) => s.lastSign);
  const failure = useSetup((s) => s.failure);
  const costs = useSetup((s) => s.costs);
  const trainer = useHost((s) => s.trainer);
  const progress = useHost((s) => s.progress);
  const phase = view.phase;
  const training = phase.kind === 'training';
  const level = view.levels[view.level - 1];
  const expected = training ? expectedTrainingMs(level, view.settings, phase.knobs, costs) : null;
  const state = waitState({ since, lastSign, limitMs: waitLimitMs(expected), now });
  const failed = failure && failure.at >= since ? failure : null;
  const elapsed = duration((now - since) / 1000);

  if (view.paused) return null;
  if (state.kind === 'stalled' || failed) {
    return (
      <div role="alert" className="flex flex-col gap-3 rounded-xl border-2 border-fake bg-fake/15 px-4 py-3 text-xl text-rose-100" data-testid="trainer-stalled">
        <p className="font-bold">{failed ? T.failed(failed.message) : T.stalled(duration(state.kind === 'stalled' ? state.quietMs / 1000 : 0))}</p>
        <p className="text-lg">
          {T.retryHint} {training && T.skipHint}
        </p>
        <div className="flex flex-wrap gap-3">
          <Button primary onClick={retryTrainer}>
            {T.retry}
          </Button>
          {training && <Button onClick={() => send('host:advance')}>{T.skip}</Button>}
        </div>
      </div>
    );
  }
  const task = trainer.kind === 'busy' ? trainer.task : trainer.kind === 'loading' ? T.loading : null;
  const done = progress && progress.total > 0 ? progress.step / progress.total : 0;
  const left = training && expected !== null ? duration((expected * (1 - done)) / 1000) : null;
  return (
    <p className="text-xl tabular-nums text-slate-300" data-testid="trainer-wait">
      {training ? T.training(left, elapsed) : T.generating(task, elapsed)}
    </p>
  );
}
