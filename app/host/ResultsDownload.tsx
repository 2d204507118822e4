'use client';
/**
 * The end screen's downloads: the game's players and votes CSVs, for any host, signed in or not
 * (route and header in game/protocol.ts, ResultsRoute). A game hosted without signing in is kept in
 * no account, so this is the host's one chance to take its results home.
 */
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { type ResultKind, ResultsRoute } from '@/game/protocol';
import { Button } from './Button';
import { savedHost } from './store';
import type { T } from '../i18n/types';

/** The file name the server gives in content-disposition, or a plain one. */
function fileName(res: Response, pin: string, kind: ResultKind): string {
  const m = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
  return m?.[1] ?? `gan-arena-${pin}-${kind}.csv`;
}

/** Fetches one CSV with the host token and saves it through a download link; the error to show, or null. */
async function download(t: T<'results'>, pin: string, kind: ResultKind): Promise<string | null> {
  const auth = savedHost();
  if (!auth || auth.pin !== pin) return t('notHere');
  try {
    const res = await fetch(ResultsRoute.path(pin, kind), { headers: { [ResultsRoute.hostTokenHeader]: auth.hostToken }, cache: 'no-store' });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: string } | null;
      return t('failed', { kind, why: body?.error ?? t('status', { status: res.status }) });
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
    return t('failed', { kind, why: t('noAnswer') });
  }
}

export function ResultsDownload({ pin }: { pin: string }) {
  const t = useTranslations('results');
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
    setError(await download(t, pin, kind));
    setBusy(null);
  };

  return (
    <div className="flex flex-col gap-2" data-testid="results-download">
      <div className="flex flex-wrap gap-3">
        <Button small onClick={() => void save('players')} disabled={busy !== null}>
          {t('players')}
        </Button>
        <Button small onClick={() => void save('votes')} disabled={busy !== null}>
          {t('votes')}
        </Button>
      </div>
      {signedIn !== null && (
        <p className="text-base text-slate-400" data-testid="results-note">
          {signedIn ? t('inDashboard') : t('notSignedIn')}
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
