import type { Locale } from '@/game/locale';
import type { Messages } from './types';

// Typed keys: t('play.join') fails to compile when the key is not in the English catalogue.
declare module 'use-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
