'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTranslations } from 'use-intl';

export function DeleteSession({ id }: { id: string }) {
  const t = useTranslations('teacher');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={async () => {
          if (!window.confirm(t('confirmDelete'))) return;
          const res = await fetch(`/api/sessions/${id}`, { method: 'DELETE' });
          if (res.ok) router.push('/teacher');
          else setError(t('deleteFailed'));
        }}
        className="rounded-lg border border-fake/60 px-3 py-1.5 text-fake hover:bg-fake/10"
      >
        {t('delete')}
      </button>
      {error && <span role="alert" className="text-fake">{error}</span>}
    </span>
  );
}
