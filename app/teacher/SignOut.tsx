'use client';
import { useRouter } from 'next/navigation';

export function SignOut() {
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
      Sign out
    </button>
  );
}
