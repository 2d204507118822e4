'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'use-intl';

export function SignOut() {
  const t = useTranslations('teacher');
  const router = useRouter();
  return (
    <button
      type="button"
      onClick={async () => {
        await fetch('/api/auth/signout', { method: 'POST' });
        router.refresh();
      }}
      className="rounded-lg border border-edge px-3 py-1.5 text-slate-300 hover:bg-panel"
    >
      {t('signOut')}
    </button>
  );
}
