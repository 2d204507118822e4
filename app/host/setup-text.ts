/**
 * How the host's set-up check (SpeedCheck.tsx) and trainer waits (TrainerWait.tsx) word a measured
 * time. The words themselves are in the `setup` messages; numbers come in already measured.
 */
import type { T } from '../i18n/types';

/** Seconds as a teacher reads them: "under 1 s", "about 20 s", "about 5 min". */
export function duration(t: T<'setup'>, seconds: number): string {
  if (seconds < 1) return t('underSecond');
  if (seconds < 90) return t('aboutSeconds', { n: Math.round(seconds) });
  const min = seconds / 60;
  return t('aboutMinutes', { n: min < 10 ? Math.round(min * 2) / 2 : Math.round(min) });
}

export const minutes = (t: T<'setup'>, m: number) => (m < 1 ? t('underMinute') : t('aboutMinutes', { n: Math.round(m) }));

export const ms = (t: T<'setup'>, x: number) => t('ms', { n: x < 10 ? Math.round(x * 10) / 10 : Math.round(x) });

/**
 * The trainer badge's task while the class judges, named in English like the driver's other tasks and
 * read back in the page's language by app/i18n/tasks.ts.
 */
export const JUDGING_TASK = 'Training on real images while the class judges';
/** The same task in a solo game, where nobody but the player judges. */
export const SOLO_JUDGING_TASK = 'Training on real images while you judge';
