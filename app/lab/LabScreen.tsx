'use client';
/**
 * The Lab: free GAN experiments in this browser. Every setting is in the URL (a link reproduces the
 * experiment); the worker trains, the page draws. Play, pause, step D, step G; live charts; samples,
 * interpolation, or for 2-D data the decision surface; export and import a checkpoint.
 */
import { useFormatter, useTranslations } from 'use-intl';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useRef, useState } from 'react';
import { Bar, BarChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { decodeCheckpoint } from '@/ml/checkpoint';
import { labSearch, needsRestart, parseLabSettings, settingsFromConfig, type LabSettings } from '@/ml/lab-settings';
import { isToy, type GanConfig } from '@/ml/gan-config';
import { LOSS } from '@/game/vocabulary';
import { BackendBadge } from '../components/solo/BackendBadge';
import { BytesImage } from '../components/solo/BytesImage';
import { SeriesChart } from '../components/solo/SeriesChart';
import { LabControls } from './LabControls';
import { ToyPlot } from './ToyPlot';
import { restartKeyOf, useLab, type PendingCheckpoint } from './useLab';

export function LabScreen() {
  const t = useTranslations('lab');
  const format = useFormatter();
  const n = (x: number, d: number) => format.number(x, { minimumFractionDigits: d, maximumFractionDigits: d });
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const parsed = useMemo(() => parseLabSettings(new URLSearchParams(params.toString())), [params]);
  const settings = parsed.settings;
  const pendingCheckpoint = useRef<PendingCheckpoint | null>(null);
  const [restartNonce, setRestartNonce] = useState(0);
  const restartKey = `${restartKeyOf(settings)}#${restartNonce}`;
  const { state, play, pause, step, newInterpolation, save } = useLab(settings, restartKey, pendingCheckpoint);
  const [importError, setImportError] = useState<string | null>(null);
  const toy = isToy(settings.dataset);

  const update = (next: LabSettings) => {
    if (needsRestart(settings, next)) pause();
    router.replace(`${pathname}?${labSearch(next)}`, { scroll: false });
  };

  const exportCheckpoint = async () => {
    const bytes = await save();
    if (!bytes) return;
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `gan-lab-${settings.dataset}-${state.steps}steps.ganc`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const importCheckpoint = async (file: File) => {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // The file decides the model's shape: read its config before starting a trainer for it.
      const config = decodeCheckpoint(bytes).config as unknown as GanConfig;
      setImportError(null);
      pause();
      const next = settingsFromConfig(config, settings);
      pendingCheckpoint.current = { bytes, key: restartKeyOf(next) };
      router.replace(`${pathname}?${labSearch(next)}`, { scroll: false });
      // Same shape as now: the new URL does not change the restart key, so force the restart.
      if (restartKeyOf(next) === restartKeyOf(settings)) setRestartNonce((n) => n + 1);
    } catch (e) {
      setImportError(e instanceof Error ? e.message : String(e));
    }
  };

  const history = state.history;
  const last = history[history.length - 1];
  const coverage = state.snap?.coverage ?? null;

  return (
    <main className="mx-auto flex min-h-dvh max-w-7xl flex-col gap-4 px-4 pb-10 pt-4 sm:px-6">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-lg font-bold">
          <Link href="/">
            GAN <span className="text-accent">Arena</span> <span className="text-slate-400">· {t('lab')}</span>
          </Link>
        </h1>
        <Link href="/solo" className="rounded-lg border border-edge px-3 py-1.5 text-sm hover:border-accent">
          {t('playSolo')}
        </Link>
      </header>
      <BackendBadge backend={state.backend?.name ?? null} reason={state.backend?.reason ?? null} loading={state.status === 'starting'} />
      {parsed.ignored.length > 0 && (
        <p className="rounded-lg border border-accent/50 px-3 py-2 text-sm text-accent" role="status">
          {t('ignored', { list: parsed.ignored.join('; ') })}
        </p>
      )}
      {(state.error || importError) && (
        <p role="alert" className="rounded-lg border border-fake bg-fake/10 px-3 py-2 text-rose-300">
          {importError ?? state.error}
        </p>
      )}

      <div className="grid gap-4 lg:grid-cols-[20rem_minmax(0,1fr)]">
        <LabControls
          settings={settings}
          config={state.config}
          onChange={update}
          disabled={state.status !== 'ready'}
          running={state.running}
          onPlay={play}
          onPause={pause}
          onStep={step}
          onExport={exportCheckpoint}
          onImport={importCheckpoint}
        />

        <div className="flex min-w-0 flex-col gap-4">
          <div className="flex flex-wrap gap-x-6 gap-y-1 rounded-xl border border-edge bg-panel/60 px-4 py-2 text-slate-300" aria-live="off">
            <span>
              {t('steps')} <b className="tabular-nums text-white" data-testid="steps">{state.steps}</b>
            </span>
            <span>
              <b className="tabular-nums text-white" data-testid="steps-per-sec">{state.stepsPerSec === null ? '–' : n(state.stepsPerSec, 1)}</b> {t('perSec')}
            </span>
            {last && (
              <span className="tabular-nums">
                {t('losses', { d: last.d === undefined || last.d === null ? '–' : n(last.d, 3), g: last.g === undefined || last.g === null ? '–' : n(last.g, 3) })}
              </span>
            )}
            {toy ? (
              <span>
                {t('coverage')}{' '}
                <b className="tabular-nums text-white" data-testid="coverage" data-value={coverage ?? ''}>
                  {state.snap ? `${state.snap.covered}/${state.snap.modes}` : '–'}
                </b>
                {state.snap && <span className="text-slate-400"> · {t('nearMode', { share: format.number(state.snap.highQuality, { style: 'percent' }) })}</span>}
              </span>
            ) : (
              <span>
                {t('fid')} <b className="tabular-nums text-white" data-testid="fid">{state.evaluation ? n(state.evaluation.fid, 1) : '–'}</b>
              </span>
            )}
          </div>

          <div className="grid gap-4 xl:grid-cols-2">
            {toy ? (
              <ToyPlot snap={state.snap} loss={settings.loss} />
            ) : (
              <figure className="min-w-0 rounded-xl border border-edge bg-panel p-3" data-testid="samples">
                <figcaption className="mb-2 text-sm font-bold text-slate-300">{t('samples')}</figcaption>
                <div className="grid grid-cols-4 gap-1.5">
                  {state.samples.map((b, i) => (
                    <BytesImage key={i} bytes={b} label={t('sample', { n: i + 1 })} />
                  ))}
                </div>
                <figcaption className="mb-2 mt-3 flex items-center justify-between text-sm font-bold text-slate-300">
                  {t('interpolation')}
                  <button type="button" onClick={newInterpolation} className="rounded-lg border border-edge px-2 py-1 text-xs font-normal hover:border-accent">
                    {t('newEnds')}
                  </button>
                </figcaption>
                <div className="grid grid-cols-8 gap-1" data-testid="interpolation">
                  {state.interpolation.map((b, i) => (
                    <BytesImage key={i} bytes={b} label={t('interpolationStep', { n: i + 1 })} />
                  ))}
                </div>
              </figure>
            )}
            <div className="flex min-w-0 flex-col gap-4">
              <SeriesChart title={t('lossChart')} testId="chart-loss" data={history} series={[{ key: 'd', name: t('dLoss'), color: '#38bdf8' }, { key: 'g', name: t('gLoss'), color: '#facc15' }]} />
              <SeriesChart
                title={LOSS[settings.loss].probability ? t('dxChart') : t('dScoreChart')}
                testId="chart-dx"
                data={history}
                series={[{ key: 'real', name: t('real'), color: '#22c55e' }, { key: 'fake', name: t('generated'), color: '#f43f5e' }]}
              />
            </div>
            {toy ? (
              <SeriesChart title={t('coverageChart')} testId="chart-coverage" domain={[0, 1]} data={state.coverage.map((p) => ({ step: p.step, coverage: p.value }))} series={[{ key: 'coverage', name: t('coverageSeries'), color: '#a78bfa' }]} />
            ) : (
              <SeriesChart title={t('fidChart')} testId="chart-fid" data={state.fid.map((p) => ({ step: p.step, fid: p.value }))} series={[{ key: 'fid', name: 'FID', color: '#a78bfa' }]} />
            )}
            <Histogram toy={toy} counts={toy ? (state.snap?.histogram ?? []) : (state.evaluation?.histogram ?? [])} names={toy ? null : (state.evaluation?.classNames ?? null)} />
          </div>
        </div>
      </div>
    </main>
  );
}

function Histogram({ toy, counts, names }: { toy: boolean; counts: number[]; names: string[] | null }) {
  const t = useTranslations('lab');
  const tc = useTranslations('charts');
  const cls = (name: string) => (tc.has(`classes.${name}` as Parameters<typeof tc>[0]) ? tc(`classes.${name}` as Parameters<typeof tc>[0]) : name);
  const data = counts.map((c, i) => ({ name: names?.[i] ? cls(names[i]) : String(i + 1), count: c }));
  return (
    <figure className="min-w-0 rounded-xl border border-edge bg-panel p-3" data-testid="chart-histogram">
      <figcaption className="mb-1 text-sm font-bold text-slate-300">
        {toy ? t('pointsPerMode') : t('classHistogram')}
      </figcaption>
      <div className="h-44 w-full" role="img" aria-label={t('histogramLabel', { data: data.map((d) => `${d.name} ${d.count}`).join(', ') || 'none' })}>
        {data.length ? (
          <ResponsiveContainer width="100%" height="100%" minWidth={0}>
            <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <XAxis dataKey="name" stroke="#94a3b8" fontSize={10} interval={0} />
              <YAxis stroke="#94a3b8" fontSize={11} width={36} allowDecimals={false} />
              <Bar dataKey="count" fill="#38bdf8" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        ) : (
          <p className="flex h-full items-center justify-center text-sm text-slate-400">{t('waiting')}</p>
        )}
      </div>
    </figure>
  );
}
