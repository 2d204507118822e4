'use client';
/**
 * The language switch on every page: remembers the choice in a cookie (read by the server on the next
 * request) and re-renders the page in place, so a phone in the middle of a round keeps its game.
 */
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, LOCALE_NAMES, LOCALES, type Locale } from '@/game/locale';

export function LanguageSwitch() {
  const t = useTranslations('common');
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const choose = (next: Locale) => {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; samesite=lax`;
    startTransition(() => router.refresh());
  };
  return (
    <nav aria-label={t('language')} className="pointer-events-none fixed bottom-1 left-1 z-40 flex gap-0.5 rounded-lg bg-ink/80 p-0.5 text-xs" data-testid="language-switch">
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          disabled={pending}
          onClick={() => l !== locale && choose(l)}
          className={`pointer-events-auto rounded-md px-2 py-1 ${l === locale ? 'bg-edge font-bold text-white' : 'text-slate-400 hover:text-white'}`}
        >
          {LOCALE_NAMES[l]}
        </button>
      ))}
    </nav>
  );
}
