'use client';
/**
 * The trainer's tasks ("Generating 12 images", "Training on round 3") in the page's language. The
 * trainer names its tasks in English (app/generator/driver.ts, app/host/trainer.ts, app/solo/driver.ts);
 * the known ones are read back here, and anything else is shown as it came.
 */
import { useTranslations } from 'use-intl';
import type { T } from './types';

const KNOWN = [
  [/^Generating (\d+) images$/, 'generating'],
  [/^Drawing (\d+) fakes$/, 'drawing'],
  [/^Training on round (\d+)$/, 'training'],
  [/^Measuring the generator$/, 'measuring'],
  [/^Training on real images while the class judges$/, 'judging'],
  [/^Training on real images while you judge$/, 'judgingSolo'],
] as const;

export function taskText(t: T<'tasks'>, task: string): string {
  for (const [pattern, key] of KNOWN) {
    const m = pattern.exec(task);
    if (m) return t(key, { n: Number(m[1] ?? 0) });
  }
  return task;
}

export function useTaskText(): (task: string) => string {
  const t = useTranslations('tasks');
  return (task) => taskText(t, task);
}
