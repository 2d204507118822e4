'use client';
/** Which tfjs backend trains, and why that one: the pages that train say so (the worker chose it). */
export function BackendBadge({ backend, reason, task, loading }: { backend: string | null; reason: string | null; task?: string | null; loading?: boolean }) {
  return (
    <p
      className="flex flex-wrap items-baseline gap-x-2 text-sm text-slate-400"
      data-testid="backend"
      data-backend={backend ?? ''}
      title={reason ?? undefined}
    >
      {loading || !backend ? (
        <span>Starting the trainer…</span>
      ) : (
        <>
          <span>
            {task ? `${task} · ` : ''}training on <b className="text-white">{backend.toUpperCase()}</b>
          </span>
          {reason && <span className="min-w-0 break-words text-xs text-slate-400" data-testid="backend-reason">({reason})</span>}
        </>
      )}
    </p>
  );
}
