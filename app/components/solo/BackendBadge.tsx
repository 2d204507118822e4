'use client';
/** Which tfjs backend trains, and why that one: the pages that train say so (the worker chose it). */
import { useLocale, useTranslations } from 'use-intl';
import { useTaskText } from '../../i18n/tasks';

export function BackendBadge({ backend, reason: why, task, loading }: { backend: string | null; reason: string | null; task?: string | null; loading?: boolean }) {
  const t = useTranslations('host');
  const taskText = useTaskText();
  // The backend's reason is the trainer's own English diagnostics: shown only on an English page.
  const reason = useLocale() === 'en' ? why : null;
  return (
    <p
      className="flex flex-wrap items-baseline gap-x-2 text-sm text-slate-400"
      data-testid="backend"
      data-backend={backend ?? ''}
      title={reason ?? undefined}
    >
      {loading || !backend ? (
        <span>{t('startingTrainer')}</span>
      ) : (
        <>
          <span>
            {t.rich('trainingOnRich', { task: task ? taskText(task) : 'none', backend: backend.toUpperCase(), b: (c) => <b className="text-white">{c}</b> })}
          </span>
          {reason && <span className="min-w-0 break-words text-xs text-slate-400" data-testid="backend-reason">({reason})</span>}
        </>
      )}
    </p>
  );
}
