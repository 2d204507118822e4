/**
 * Every language's messages, compiled, for the server to hand to a page: only the active language's
 * reach the browser (the root layout passes them to the provider).
 */
import type { Locale } from '@/game/locale';
import { type Compiled, compileMessages } from './compile';
import type { Messages } from './types';

const loaders: Record<Locale, () => Promise<Messages>> = {
  en: () => import('./messages/en').then((m) => m.en),
  es: () => import('./messages/es').then((m) => m.es),
};

const compiled = new Map<Locale, Promise<Compiled<Messages>>>();

export function loadMessages(locale: Locale): Promise<Compiled<Messages>> {
  let messages = compiled.get(locale);
  if (!messages) {
    messages = loaders[locale]().then(compileMessages);
    compiled.set(locale, messages);
  }
  return messages;
}
