'use client';
/** The host's controls during a game: pause, more time, skip, lock, end. */
import type { HostView } from '@/game/protocol';
import { Button } from './Button';
import { useHostActions } from './context';

const SKIP_LABEL: Partial<Record<HostView['phase']['kind'], string>> = {
  coaching: 'Close coaching',
  judging: 'Close voting',
  reveal: 'Train now',
  training: 'Skip training',
};

export function Controls({ view }: { view: HostView }) {
  const { send, newGame } = useHostActions();
  const kind = view.phase.kind;
  if (kind === 'lobby') return null;
  if (kind === 'ended') {
    return (
      <div className="flex gap-3">
        <Button onClick={newGame}>Host a new game</Button>
      </div>
    );
  }
  const timed = kind === 'judging' || kind === 'coaching';
  return (
    <div className="flex flex-wrap items-center gap-3" aria-label="Host controls">
      {view.paused ? (
        <Button primary onClick={() => send('host:pause', { paused: false })}>
          Resume
        </Button>
      ) : (
        <Button onClick={() => send('host:pause', { paused: true })}>Pause</Button>
      )}
      {timed && (
        <Button onClick={() => send('host:extend', { seconds: 15 })} disabled={!!view.paused}>
          +15 s
        </Button>
      )}
      {SKIP_LABEL[kind] && (
        <Button onClick={() => send('host:advance')} disabled={!!view.paused}>
          {SKIP_LABEL[kind]}
        </Button>
      )}
      <Button onClick={() => send('host:lock', { locked: !view.locked })}>{view.locked ? 'Unlock joining' : 'Lock joining'}</Button>
      <Button onClick={() => send('host:end')}>End game</Button>
    </div>
  );
}
