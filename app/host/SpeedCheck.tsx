'use client';
/**
 * The lobby's set-up check: which backend trains and on what, the measured cost of a training step,
 * how long a round and a level take with the chosen settings (the trainer's own rule: a round's
 * seconds, the planned steps where they fit in twice that), and the presets to choose from, each with
 * its own estimate. On a computer too slow for the room's settings it says so in plain words and picks
 * the preset that fits (once; the teacher may choose another); on one that fits fewer steps than the
 * levels plan, it says how many and what that means for the class. The choice is the room's budget
 * settings (game/setup.ts), sent like any other lobby setting.
 */
import { useEffect } from 'react';
import { useTranslations } from 'use-intl';
import type { HostView } from '@/game/protocol';
import { PRESETS, PRESET_IDS, type PresetId, costKey, batchSizeOf, estimate, fewestSteps, presetOf, presetSettings, proposePreset, tooSlow } from '@/game/setup';
import { useHostActions } from './context';
import { duration as durationIn, minutes as minutesIn, ms as msIn } from './setup-text';
import { useSetup } from './setup-store';
import { useHost } from './store';

export function SpeedCheck({ view }: { view: HostView }) {
  const T = useTranslations('setup');
  const tl = useTranslations('levels');
  const duration = (s: number) => durationIn(T, s);
  const minutes = (m: number) => minutesIn(T, m);
  const { send } = useHostActions();
  const trainer = useHost((s) => s.trainer);
  const backend = useSetup((s) => s.backend);
  const costs = useSetup((s) => s.costs);
  const timings = useSetup((s) => s.timings);
  const measuring = useSetup((s) => s.measuring);
  const benchError = useSetup((s) => s.benchError);
  const autoChosen = useSetup((s) => s.autoChosen);
  const explicitPreset = useSetup((s) => s.explicitPreset);
  const settings = view.settings;
  const levels = view.levels;
  const current = presetOf(settings);
  const est = estimate(levels, settings, costs);
  const proposal = proposePreset(levels, settings, costs);
  const slow = tooSlow(est);
  const fewest = fewestSteps(est);
  const fullSlowest = estimate(levels, { ...settings, ...PRESETS.full }, costs).slowestRoundSeconds;

  // Too slow for a class: choose the preset that fits, once, unless the page address named one.
  useEffect(() => {
    if (!proposal || !slow || explicitPreset || autoChosen || proposal.preset === current) return;
    useSetup.getState().set({ autoChosen: proposal.preset });
    void send('host:settings', { settings: presetSettings(proposal.preset) });
  }, [proposal, slow, explicitPreset, autoChosen, current, send]);

  const choose = (id: PresetId) => void send('host:settings', { settings: presetSettings(id) });
  const backendWords = backend ? (backend.software ? T(`software.${backend.name}`) : T(`backend.${backend.name}`)) : null;

  // One cost per kind of network at the room's batch, from the first level that uses it.
  const batch = batchSizeOf(settings);
  const steps = new Map<string, number>();
  for (const l of levels) {
    const t = timings[costKey(l.model, batch)];
    if (t && !steps.has(t.arch)) steps.set(t.arch, (t.msD + t.msG) / 2);
  }

  let advice: string | null = null;
  if (proposal && !proposal.fits) advice = T('nothingFits', { preset: T(`preset.${proposal.preset}`), round: duration(proposal.roundSeconds) });
  else if (proposal && slow && proposal.preset !== current) advice = T('slow', { preset: T(`preset.${proposal.preset}`), round: duration(proposal.roundSeconds) });
  else if (autoChosen && autoChosen === current && est.slowestRoundSeconds !== null && fullSlowest !== null)
    advice = T('chosen', { preset: T(`preset.${autoChosen}`), round: duration(est.slowestRoundSeconds), full: duration(fullSlowest) });

  const slowest = est.levels.reduce<(typeof est.levels)[number] | null>((a, l) => (l.trainSeconds !== null && (!a || l.trainSeconds > a.trainSeconds!) ? l : a), null);
  const perLevel = est.totalMinutes === null || est.levels.length === 0 ? null : est.totalMinutes / est.levels.length;

  return (
    <section className="rounded-xl border border-edge bg-ink/40 p-4 text-lg" aria-labelledby="speed-check-heading" data-testid="speed-check">
      <div className="flex flex-wrap items-baseline gap-x-6 gap-y-1">
        <h2 id="speed-check-heading" className="text-xl font-bold">
          {T('heading')}
        </h2>
        <p data-testid="speed-backend" data-software={backend?.software ? 'true' : 'false'}>
          {backendWords ? (
            <>
              {T('trainsOn')} <b>{backendWords}</b>
              {backend?.device && <span className="text-base text-slate-400"> · {backend.device}</span>}
            </>
          ) : (
            <span className="text-slate-300">{trainer.kind === 'failed' ? trainer.message : T('loading')}</span>
          )}
        </p>
      </div>
      <p className="mt-1" data-testid="speed-step">
        {steps.size > 0 && (
          <>
            {T('measured')}:{' '}
            {[...steps].map(([arch, cost]) => T('stepCost', { arch: T(`arch.${arch as 'mlp' | 'dcgan'}`), cost: msIn(T, cost) })).join(' · ')}
          </>
        )}
        {measuring && <span className="ml-3 text-slate-400">{T('measuring', { done: measuring.done, total: measuring.total })}</span>}
      </p>
      {benchError && <p className="text-rose-200">{T('benchFailed', { why: benchError })}</p>}
      {advice && (
        <p role="status" className="mt-2 rounded-lg border-2 border-accent bg-accent/10 px-3 py-2 font-bold text-accent" data-testid="speed-advice">
          {advice}
        </p>
      )}
      <fieldset className="mt-3">
        <legend className="text-slate-300">{T('presetsLegend')}</legend>
        <div className="mt-1 flex flex-wrap gap-2" data-testid="presets">
          {PRESET_IDS.map((id) => {
            const round = estimate(levels, { ...settings, ...PRESETS[id] }, costs).slowestRoundSeconds;
            return (
              <label
                key={id}
                className={`flex cursor-pointer flex-col rounded-lg border-2 px-3 py-1.5 focus-within:ring-2 focus-within:ring-accent ${current === id ? 'border-accent bg-accent/10' : 'border-edge'}`}
              >
                <span className="flex items-center gap-2 font-bold">
                  <input type="radio" name="preset" className="h-5 w-5 accent-amber-400" checked={current === id} onChange={() => choose(id)} />
                  {T(`preset.${id}`)}
                </span>
                <span className="text-sm text-slate-300">{T(`presetHint.${id}`)}</span>
                <span className="text-sm tabular-nums text-slate-300">{round === null ? '…' : T('presetCost', { round: duration(round) })}</span>
              </label>
            );
          })}
        </div>
        {current === null && <p className="mt-1 text-sm text-slate-400">{T('custom')}</p>}
      </fieldset>
      {fewest && (
        <p className="mt-2 rounded-lg border border-edge px-3 py-2 text-amber-100" data-testid="speed-fewer-steps">
          {T('fewerSteps', { level: tl(`${fewest.id}.name`), runs: fewest.runs!, steps: fewest.steps })}
        </p>
      )}
      {est.slowestRoundSeconds !== null && slowest && (
        <p className="mt-2" data-testid="speed-estimate">
          {T('estimate', {
            round: duration(est.slowestRoundSeconds),
            slowest: tl(`${slowest.id}.name`),
            level: perLevel === null ? 'none' : minutes(perLevel),
            all: est.totalMinutes === null || est.levels.length < 2 ? 'none' : minutes(est.totalMinutes),
            levels: est.levels.length,
          })}
        </p>
      )}
      {est.levels.length > 1 && (
        <details className="mt-1 text-base text-slate-300">
          <summary className="cursor-pointer">{T('perLevel')}</summary>
          <ul className="mt-1">
            {est.levels.map((l) => (
              <li key={l.id}>
                {T('levelRow', {
                  name: tl(`${l.id}.name`),
                  steps: l.steps,
                  runs: l.runs === null ? '…' : l.runs,
                  round: l.trainSeconds === null ? '…' : duration(l.trainSeconds),
                  level: l.levelMinutes === null ? 'none' : minutes(l.levelMinutes),
                })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
