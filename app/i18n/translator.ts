/**
 * A translator outside React (tests, scripts): the same compiled messages and format-only runtime the
 * pages use (vitest aliases use-intl/format-message as next.config.js does).
 */
import { createTranslator } from 'use-intl/core';
import type { Locale } from '@/game/locale';
import { compileMessages } from './compile';
import { en } from './messages/en';
import { es } from './messages/es';
import type { Messages, T } from './types';
import type { NamespaceKeys, NestedKeyOf } from 'use-intl';

export const CATALOGUES: Record<Locale, Messages> = { en, es };

export function translator<NS extends NamespaceKeys<Messages, NestedKeyOf<Messages>> = never>(locale: Locale, namespace?: NS): T<NS> {
  return createTranslator<Messages, NS>({ locale, messages: compileMessages(CATALOGUES[locale]) as unknown as Messages, namespace });
}
