import { describe, expect, it } from 'vitest';
import { C2S } from '@/game/protocol';
import { type HostActions, hostPayload } from './context';

const auth = { pin: '123456', hostToken: 'a'.repeat(24) };

describe('host calls', () => {
  it('adds the room credentials to what the caller says, and the server accepts the result', () => {
    const payload = hostPayload<'host:kick'>(auth, { playerId: 'p1' });
    expect(payload).toEqual({ ...auth, playerId: 'p1' });
    expect(C2S['host:kick'].safeParse(payload).success).toBe(true);
    expect(C2S['host:start'].safeParse(hostPayload<'host:start'>(auth, undefined)).success).toBe(true);
  });

  it('type-checks each call against its own payload', () => {
    // Never called: the assertions are tsc's (npx tsc --noEmit fails if an expected error goes away).
    const typed = (send: HostActions['send']) => {
      void send('host:start');
      void send('host:kick', { playerId: 'p1' });
      void send('host:settings', { settings: { roundSeconds: 20 }, levels: ['noise'] });
      // @ts-expect-error a kick names the player
      void send('host:kick');
      // @ts-expect-error a field the event does not have
      void send('host:pause', { paused: true, seconds: 5 });
      // @ts-expect-error the page adds the credentials itself
      void send('host:lock', { locked: true, pin: '123456' });
      // @ts-expect-error only levels the game knows
      void send('host:settings', { settings: {}, levels: ['nope'] });
      // @ts-expect-error host:create is not a call with credentials
      void send('host:create', { v: 1, settings: {} });
    };
    expect(typed).toBeTypeOf('function');
  });
});
