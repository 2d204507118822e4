'use client';
/**
 * While the room waits for this browser's trainer (its fakes, or a round's training): what the trainer
 * is doing and for how long, and, once it has been quiet for longer than this computer should need
 * (game/setup.ts waitLimitMs: three times the measured time, never under 20 s) or has failed, a clear
 * message with Retry (a fresh trainer from the room's latest checkpoint, the job asked for again) and,
 * for training, Skip (the room's own skip-training path).
 */
import { useTranslations } from 'use-intl';
import type { HostView } from '@/game/protocol';
import { expectedTrainingMs, waitLimitMs } from '@/game/setup';
import { TrainerStall, useWait } from '../components/TrainerStall';
import { useHostActions } from './context';
import { useTaskText } from '../i18n/tasks';
import { duration as durationIn } from './setup-text';
import { useSetup } from './setup-store';
import { useHost } from './store';

export function TrainerWait({ view }: { view: HostView }) {
  const T = useTranslations('setup');
  const taskText = useTaskText();
  const duration = (s: number) => durationIn(T, s);
  const { send, retryTrainer } = useHostActions();
  const lastSign = useSetup((s) => s.lastSign);
  const failure = useSetup((s) => s.failure);
  const costs = useSetup((s) => s.costs);
  const trainer = useHost((s) => s.trainer);
  const progress = useHost((s) => s.progress);
  const phase = view.phase;
  const training = phase.kind === 'training';
  const waitKey = phase.kind === 'generating' || phase.kind === 'training' ? `${phase.kind}:${phase.round}` : null;
  const expected = training ? expectedTrainingMs(view.levels[view.level - 1], view.settings, phase.knobs, costs) : null;
  const { since, now, state, failed } = useWait(waitKey, { lastSign, limitMs: waitLimitMs(expected), failure });

  if (!waitKey || view.paused) return null;
  if (state.kind === 'stalled' || failed) {
    return <TrainerStall state={state} failed={failed} onRetry={retryTrainer} onSkip={training ? () => void send('host:advance') : undefined} />;
  }
  const elapsed = duration((now - since) / 1000);
  const task = trainer.kind === 'busy' ? taskText(trainer.task) : trainer.kind === 'loading' ? T('waitLoading') : T('waitTrainer');
  const done = progress && progress.total > 0 ? progress.step / progress.total : 0;
  const left = training && expected !== null ? duration((expected * (1 - done)) / 1000) : null;
  return (
    <p className="text-xl tabular-nums text-slate-300" data-testid="trainer-wait">
      {training ? T('waitTraining', { left: left ?? 'none', elapsed }) : T('waitGenerating', { task, elapsed })}
    </p>
  );
}
