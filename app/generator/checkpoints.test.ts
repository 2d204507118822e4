import { describe, expect, it } from 'vitest';
import { CheckpointRoute } from '@/game/protocol';
import { type Fetch, fetchShipped, roomCheckpoint, shippedCheckpointUrl, uploadRoomCheckpoint } from './checkpoints';

const auth = { pin: '123456', hostToken: 'a'.repeat(24) };

/** Records each request and answers with the given response (or throws, as fetch does offline). */
function recorder(answer: () => Response) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetch: Fetch = async (url, init) => {
    calls.push({ url, init });
    return answer();
  };
  return { calls, fetch };
}

describe('the checkpoint route', () => {
  it('matches the paths it makes, with the level query', () => {
    expect(CheckpointRoute.path('123456')).toBe('/rooms/123456/checkpoint');
    expect(CheckpointRoute.match(CheckpointRoute.path('123456', 3))).toEqual({ pin: '123456', level: 3 });
    expect(CheckpointRoute.match(CheckpointRoute.path('123456'))).toEqual({ pin: '123456', level: 0 });
    expect(CheckpointRoute.match('/rooms/12345/checkpoint')).toBeNull();
    expect(CheckpointRoute.match('/rooms/123456/other')).toBeNull();
  });
});

describe('checkpoints in the browser', () => {
  it("fetches a level's shipped checkpoint, and nothing for a missing one or no network", async () => {
    const ok = recorder(() => new Response(new Uint8Array([1, 2, 3]), { status: 200 }));
    expect(await fetchShipped(ok.fetch, 'digits-mlp')).toEqual(new Uint8Array([1, 2, 3]));
    expect(ok.calls[0].url).toBe(shippedCheckpointUrl('digits-mlp'));
    expect(await fetchShipped(recorder(() => new Response(null, { status: 404 })).fetch, 'x')).toBeNull();
    expect(
      await fetchShipped(
        recorder(() => {
          throw new TypeError('Failed to fetch');
        }).fetch,
        'x',
      ),
    ).toBeNull();
  });

  it("fetches the room's checkpoint with the host token, and names its level", async () => {
    const r = recorder(() => new Response(new Uint8Array([9]), { status: 200, headers: { [CheckpointRoute.levelHeader]: '2' } }));
    expect(await roomCheckpoint(r.fetch, auth)).toEqual({ bytes: new Uint8Array([9]), source: "the room's own checkpoint (level 2)" });
    expect(r.calls[0].url).toBe('/rooms/123456/checkpoint');
    expect(r.calls[0].init?.headers).toEqual({ [CheckpointRoute.hostTokenHeader]: auth.hostToken });
    // 204: the room has not trained yet.
    expect(await roomCheckpoint(recorder(() => new Response(null, { status: 204 })).fetch, auth)).toBeNull();
  });

  it('uploads a checkpoint for the level that trained it', async () => {
    const r = recorder(() => new Response(null, { status: 200 }));
    const bytes = new Uint8Array([4, 5]);
    await uploadRoomCheckpoint(r.fetch, auth, 3, bytes);
    expect(r.calls[0].url).toBe('/rooms/123456/checkpoint?level=3');
    expect(r.calls[0].init).toMatchObject({ method: 'PUT', body: bytes, headers: { [CheckpointRoute.hostTokenHeader]: auth.hostToken } });
  });
});
