import { describe, expect, it } from 'vitest';
import { C2S, IMAGE_B64_LENGTH, IMAGE_BYTES, PROTOCOL_VERSION, decodePixels, encodePixels, parsePayload } from './protocol';

const auth = { pin: '123456', hostToken: 'host-token-0123456789' };

describe('payload parsing', () => {
  it('accepts well-formed payloads and fills defaults', () => {
    const r = parsePayload('host:create', { v: PROTOCOL_VERSION });
    expect(r).toEqual({ ok: true, data: { v: PROTOCOL_VERSION, settings: {} } });
    expect(parsePayload('player:join', { v: PROTOCOL_VERSION, pin: '654321', nickname: '  Ada  ' })).toMatchObject({
      ok: true,
      data: { nickname: 'Ada' },
    });
  });

  it.each([
    ['host:create', { v: 999 }, /protocol/],
    ['host:create', { v: PROTOCOL_VERSION, settings: { roundSeconds: 1 } }, /settings.roundSeconds/],
    ['player:join', { v: PROTOCOL_VERSION, pin: '12345' }, /6 digits/],
    ['player:join', { v: PROTOCOL_VERSION, pin: '123456', nickname: '<script>' }, /nickname/],
    ['player:join', { v: PROTOCOL_VERSION, pin: '123456', nickname: 'x'.repeat(21) }, /at most 20/],
    ['player:vote', { pin: '123456', playerToken: 'short', imageId: 'abcd', verdict: 'real' }, /token/],
    ['player:vote', { pin: '123456', playerToken: 'player-token-abcdef', imageId: 'abcd', verdict: 'maybe' }, /verdict/],
    ['host:fakes', { ...auth, round: 1, images: ['AAAA'] }, /base64-encoded/],
    ['host:fakes', { ...auth, round: 1, images: [] }, /images/],
    ['host:trained', { ...auth, round: 1, report: { dSteps: 1 } }, /report/],
    ['host:start', null, /expected object/i],
    ['host:start', 'hello', /expected object/i],
    ['host:create', { v: PROTOCOL_VERSION, levels: ['noise', 'nonsense'] }, /levels/],
    ['host:extend', { ...auth, seconds: 1000 }, /seconds/],
    ['coach:knobs', { pin: '123456', playerToken: 'player-token-abcdef', knobs: { loss: 'magic', lr: 'low', ratio: '1:1', steps: 'few' } }, /knobs.loss/],
  ] as const)('refuses a malformed %s payload with a reason', (event, payload, reason) => {
    const r = parsePayload(event, payload);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_payload');
      expect(r.error.message).toMatch(reason);
    }
  });

  it('has a schema for every client event', () => {
    expect(Object.keys(C2S).sort()).toEqual(
      [
        'host:advance', 'host:create', 'host:end', 'host:extend', 'host:fakes', 'host:kick', 'host:lock', 'host:pause', 'host:progress',
        'host:resume', 'host:settings', 'host:start', 'host:swap', 'host:trained', 'host:trainer', 'player:join', 'player:vote',
        'coach:pick', 'coach:knobs', 'player:answer', 'player:flag',
      ].sort(),
    );
  });
});

describe('pixels', () => {
  it('round-trip through base64 at the fixed length', () => {
    const bytes = Uint8Array.from({ length: IMAGE_BYTES }, (_, i) => (i * 37) % 256);
    const b64 = encodePixels(bytes);
    expect(b64).toHaveLength(IMAGE_B64_LENGTH);
    expect(decodePixels(b64)).toEqual(bytes);
    expect(() => encodePixels(new Uint8Array(3))).toThrow(/784 bytes/);
  });
});

describe('training reports', () => {
  const report = {
    dSteps: 3, gSteps: 2, dLoss: 1, gLoss: 1, humanLoss: 0, dReal: 0.6, dFake: 0.3, stepsPerSec: 5, ms: 10, backend: 'cpu', checksumBefore: 1, checksumAfter: 2,
  };
  const trained = (r: unknown) => C2S['host:trained'].safeParse({ pin: '123456', hostToken: 'h'.repeat(32), round: 1, report: r });

  it('carry the steps run while the class judged, and an older host’s report (or a saved room’s) without them still parses', () => {
    const sample = trained(report);
    if (!sample.success) throw new Error(`the sample payload must parse: ${sample.error.message}`);
    const withJudging = trained({ ...report, judging: { dSteps: 120, gSteps: 121, ms: 30_000 } });
    expect(withJudging.success && withJudging.data.report.judging).toEqual({ dSteps: 120, gSteps: 121, ms: 30_000 });
    expect(trained(report).success && trained(report).data?.report.judging).toBeUndefined();
  });

  it('refuse judging steps that are not counts', () => {
    expect(trained({ ...report, judging: { dSteps: -1, gSteps: 0, ms: 0 } }).success).toBe(false);
    expect(trained({ ...report, judging: { dSteps: 1.5, gSteps: 0, ms: 0 } }).success).toBe(false);
    expect(trained({ ...report, judging: { dSteps: 1, gSteps: 0, ms: Number.POSITIVE_INFINITY } }).success).toBe(false);
    expect(trained({ ...report, judging: { dSteps: 1 } }).success).toBe(false);
  });
});
