'use client';
/**
 * The end screen's downloads: the game's players and votes CSVs, for any host, signed in or not
 * (route and header in game/protocol.ts, ResultsRoute). A game hosted without signing in is kept in
 * no account, so this is the host's one chance to take its results home.
 */
import { useEffect, useState } from 'react';
import { type ResultKind, ResultsRoute } from '@/game/protocol';
import { Button } from './Button';
import { savedHost } from './store';

/** The file name the server gives in content-disposition, or a plain one. */
function fileName(res: Response, pin: string, kind: ResultKind): string {
  const m = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
  return m?.[1] ?? `gan-arena-${pin}-${kind}.csv`;
}

/** Fetches one CSV with the host token and saves it through a download link; the error to show, or null. */
async function download(pin: string, kind: ResultKind): Promise<string | null> {
  const auth = savedHost();
  if (!auth || auth.pin !== pin) return 'This tab no longer holds the game: its results cannot be downloaded here.';
  try {
    const res = await fetch(ResultsRoute.path(pin, kind), { headers: { [ResultsRoute.hostTokenHeader]: auth.hostToken }, cache: 'no-store' });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: string } | null;
      return `Could not download the ${kind}: ${body?.error ?? `error ${res.status}`}.`;
    }
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName(res, pin, kind);
    document.body.appendChild(a);
    a.click();
    a.remove();
    // Give the browser a moment to start the download before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return null;
  } catch {
    return `Could not download the ${kind}: the server did not answer.`;
  }
}

export function ResultsDownload({ pin }: { pin: string }) {
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const [busy, setBusy] = useState<ResultKind | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetch('/api/auth/me', { cache: 'no-store' })
      .then((res) => live && setSignedIn(res.ok))
      .catch(() => live && setSignedIn(false));
    return () => {
      live = false;
    };
  }, []);

  const save = async (kind: ResultKind) => {
    setBusy(kind);
    setError(await download(pin, kind));
    setBusy(null);
  };

  return (
    <div className="flex flex-col gap-2" data-testid="results-download">
      <div className="flex flex-wrap gap-3">
        <Button small onClick={() => void save('players')} disabled={busy !== null}>
          Download players (CSV)
        </Button>
        <Button small onClick={() => void save('votes')} disabled={busy !== null}>
          Download votes (CSV)
        </Button>
      </div>
      {signedIn !== null && (
        <p className="text-base text-slate-400" data-testid="results-note">
          {signedIn ? 'Also in your teacher dashboard.' : 'Not signed in: download now — anonymous games are not kept in an account.'}
        </p>
      )}
      {error && (
        <p className="text-base text-fake" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
