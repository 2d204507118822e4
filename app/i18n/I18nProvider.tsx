'use client';
/**
 * The active language's messages for every client component under the root layout. The server picks
 * the language (app/i18n/server.ts) and sends only its messages, already compiled.
 */
import type { ReactNode } from 'react';
import { IntlProvider } from 'use-intl';
import type { Locale } from '@/game/locale';
import type { Compiled } from './compile';
import type { Messages } from './types';

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Compiled<Messages>; children: ReactNode }) {
  return (
    <IntlProvider locale={locale} messages={messages as unknown as Messages} onError={reportIntlError}>
      {children}
    </IntlProvider>
  );
}

function reportIntlError(error: Error & { code?: string }) {
  // No time zone is configured on purpose: dates show in the viewer's own zone.
  if (error.code === 'ENVIRONMENT_FALLBACK') return;
  console.error(error);
}
