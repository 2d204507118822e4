'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTranslations } from 'use-intl';

export function JoinForm() {
  const t = useTranslations('home');
  const router = useRouter();
  const [pin, setPin] = useState('');
  const valid = /^\d{6}$/.test(pin);
  return (
    <form
      className="mt-5 flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) router.push(`/play?pin=${pin}`);
      }}
    >
      <label htmlFor="home-pin" className="sr-only">
        {t('pin')}
      </label>
      <input
        id="home-pin"
        inputMode="numeric"
        autoComplete="off"
        pattern="\d{6}"
        maxLength={6}
        placeholder={t('pin')}
        value={pin}
        onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 6))}
        className="w-full min-w-0 rounded-xl border-2 border-edge bg-ink px-4 py-4 text-center text-3xl font-bold tracking-[0.3em] text-white placeholder:tracking-normal placeholder:text-slate-400 focus:border-accent"
      />
      <button
        type="submit"
        disabled={!valid}
        className="rounded-xl bg-white px-5 py-4 text-xl font-bold text-ink disabled:opacity-40"
      >
        {t('join')}
      </button>
    </form>
  );
}
