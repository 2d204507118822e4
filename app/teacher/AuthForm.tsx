'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';

/** Sign in or sign up with an email and a passphrase; the server sets an http-only cookie. */
export function AuthForm() {
  const t = useTranslations('teacher');
  const locale = useLocale();
  const router = useRouter();
  const [mode, setMode] = useState<'signin' | 'signup'>('signin');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const form = new FormData(e.currentTarget);
    const send = (path: 'signin' | 'signup') =>
      fetch(`/api/auth/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: form.get('email'), passphrase: form.get('passphrase') }),
      });
    // The server's reasons are English: another language says what kind of refusal it was.
    const reason = async (res: Response) => {
      const said = ((await res.json().catch(() => null)) as { error?: string } | null)?.error;
      if (locale === 'en' && said) return said;
      return res.status === 429 ? t('tooMany') : res.status === 401 ? t('wrong') : res.status === 400 ? t('invalid') : t('failed');
    };
    try {
      if (mode === 'signup') {
        // The server answers every sign-up alike, so that nobody can use it to learn who has an account:
        // the new account is proven by signing in with it.
        const made = await send('signup');
        if (!made.ok) return setError(await reason(made));
      }
      const res = await send('signin');
      if (!res.ok) {
        setError(
          mode === 'signup' && res.status === 401
            ? t('signupThenFailed')
            : await reason(res),
        );
        return;
      }
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  const field = 'mt-1 w-full rounded-xl border border-edge bg-ink px-4 py-3 text-lg focus:outline-none focus-visible:ring-4 focus-visible:ring-accent';
  return (
    <form onSubmit={submit} className="mx-auto mt-8 flex max-w-md flex-col gap-4 rounded-2xl border border-edge bg-panel p-6">
      <div role="tablist" className="grid grid-cols-2 gap-2">
        {(['signin', 'signup'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => setMode(m)}
            className={`rounded-xl px-4 py-2 font-bold ${mode === m ? 'bg-accent text-ink' : 'border border-edge text-slate-300'}`}
          >
            {m === 'signin' ? t('signIn') : t('newAccount')}
          </button>
        ))}
      </div>
      <label className="block">
        <span className="text-slate-300">{t('email')}</span>
        <input name="email" type="email" required autoComplete="email" className={field} />
      </label>
      <label className="block">
        <span className="text-slate-300">{t('passphrase')}</span>
        <input
          name="passphrase"
          type="password"
          required
          minLength={10}
          autoComplete={mode === 'signin' ? 'current-password' : 'new-password'}
          className={field}
        />
        {mode === 'signup' && <span className="mt-1 block text-sm text-slate-400">{t('passphraseHint')}</span>}
      </label>
      {error && (
        <p role="alert" className="rounded-lg bg-fake/15 px-3 py-2 text-rose-300">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        data-testid="auth-submit"
        className="rounded-xl bg-accent px-5 py-3 text-lg font-bold text-ink hover:brightness-110 disabled:opacity-60"
      >
        {mode === 'signin' ? t('signIn') : t('create')}
      </button>
    </form>
  );
}
