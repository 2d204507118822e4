'use client';
import { useEffect, useState } from 'react';

/**
 * Seconds left until a server deadline. `serverNow` came with the view, so the offset between the
 * server's clock and this device's is measured once and a wrong phone clock cannot matter.
 */
export function useSecondsLeft(deadline: number, serverNow: number): number {
  const [offset] = useState(() => serverNow - Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, []);
  return Math.max(0, Math.ceil((deadline - (now + offset)) / 1000));
}

export function Countdown({ deadline, serverNow, className = '' }: { deadline: number; serverNow: number; className?: string }) {
  const left = useSecondsLeft(deadline, serverNow);
  return (
    <span className={`tabular-nums ${left <= 5 ? 'text-fake' : ''} ${className}`} role="timer" aria-live="off">
      {left}s
    </span>
  );
}
