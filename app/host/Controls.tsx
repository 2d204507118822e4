'use client';
/** The host's controls during a game: pause, more time, skip, lock, end. */
import { useTranslations } from 'use-intl';
import type { HostView } from '@/game/protocol';
import { Button } from './Button';
import { useHostActions } from './context';

/** The phases the host can cut short, each with its button's words (in the `controls` messages). */
const SKIP = ['coaching', 'judging', 'reveal', 'training'] as const;
type Skippable = (typeof SKIP)[number];
const skippable = (kind: HostView['phase']['kind']): kind is Skippable => (SKIP as readonly string[]).includes(kind);

export function Controls({ view }: { view: HostView }) {
  const t = useTranslations('controls');
  const { send, newGame } = useHostActions();
  const kind = view.phase.kind;
  if (kind === 'lobby') return null;
  if (kind === 'ended') {
    return (
      <div className="flex gap-3">
        <Button onClick={newGame}>{t('newGame')}</Button>
      </div>
    );
  }
  const timed = kind === 'judging' || kind === 'coaching';
  return (
    <div className="flex flex-wrap items-center gap-3" aria-label={t('label')}>
      {view.paused ? (
        <Button primary onClick={() => send('host:pause', { paused: false })}>
          {t('resume')}
        </Button>
      ) : (
        <Button onClick={() => send('host:pause', { paused: true })}>{t('pause')}</Button>
      )}
      {timed && (
        <Button onClick={() => send('host:extend', { seconds: 15 })} disabled={!!view.paused}>
          +15 s
        </Button>
      )}
      {skippable(kind) && (
        <Button onClick={() => send('host:advance')} disabled={!!view.paused}>
          {t(`skip.${kind}`)}
        </Button>
      )}
      <Button onClick={() => send('host:lock', { locked: !view.locked })}>{view.locked ? t('unlock') : t('lock')}</Button>
      <Button onClick={() => send('host:end')}>{t('end')}</Button>
    </div>
  );
}
