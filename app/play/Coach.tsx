'use client';
/** A coach's screen: pick the fakes that go into the round, and vote on the next training's knobs. */
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { coachFormDefaults } from '@/game/levels';
import type { Knobs, PlayerView } from '@/game/protocol';
import { Countdown } from '../components/Countdown';
import { PixelImage } from '../components/PixelImage';
import { type GameSocket, call } from '../lib/socket';
import { KnobsFields } from '../components/KnobsFields';
import { savedToken } from './store';
import { useErrorText } from '../i18n/text';

export function CoachPanel({ view, socket }: { view: PlayerView; socket: GameSocket }) {
  const t = useTranslations('coach');
  const errorText = useErrorText();
  const phase = view.phase;
  const [picked, setPicked] = useState<string[]>(phase.kind === 'coaching' ? phase.mine : []);
  const [sent, setSent] = useState(phase.kind === 'coaching' && phase.mine.length > 0);
  const [error, setError] = useState<string | null>(null);
  if (phase.kind !== 'coaching') return null;
  const toggle = (id: string) => {
    setSent(false);
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : p.length < phase.needed ? [...p, id] : p));
  };
  const submit = async () => {
    const token = savedToken(view.pin);
    if (!token) return;
    const ack = await call(socket, 'coach:pick', { pin: view.pin, playerToken: token, imageIds: picked });
    setError(ack.ok ? null : errorText(ack.error));
    setSent(ack.ok);
  };
  return (
    <section className="mt-3 flex flex-col gap-3" aria-label={t('chooseLabel')}>
      <div className="flex items-baseline justify-between">
        <h1 className="text-xl font-bold">
          {t('pick', { needed: phase.needed })}
        </h1>
        <Countdown deadline={phase.deadline} serverNow={view.serverNow} className="text-2xl font-black" />
      </div>
      <ul className="grid grid-cols-3 gap-2">
        {phase.pool.map((img, i) => {
          const on = picked.includes(img.id);
          return (
            <li key={img.id}>
              <button
                type="button"
                onClick={() => toggle(img.id)}
                aria-pressed={on}
                aria-label={t('candidate', { index: i + 1, picked: String(on) })}
                className={`w-full rounded-xl border-4 p-1 ${on ? 'border-accent' : 'border-transparent'}`}
              >
                <PixelImage pixels={img.pixels} label="" />
              </button>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        onClick={submit}
        disabled={picked.length === 0}
        className="min-h-16 rounded-2xl bg-accent text-2xl font-black text-ink disabled:opacity-40"
      >
        {sent ? t('sent', { count: picked.length }) : t('send', { count: picked.length, needed: phase.needed })}
      </button>
      {error && (
        <p role="alert" className="rounded-lg bg-fake/20 px-3 py-2 text-rose-200">
          {error}
        </p>
      )}
      <KnobsForm view={view} socket={socket} />
    </section>
  );
}

/** The coaches' vote on the next training phase; the team's majority wins. */
export function KnobsForm({ view, socket }: { view: PlayerView; socket: GameSocket }) {
  const t = useTranslations('coach');
  const errorText = useErrorText();
  const [knobs, setKnobs] = useState<Knobs>(view.knobs ?? coachFormDefaults(view.levelName));
  const [error, setError] = useState<string | null>(null);
  const choose = async (patch: Partial<Knobs>) => {
    const next = { ...knobs, ...patch };
    setKnobs(next);
    const token = savedToken(view.pin);
    if (!token) return;
    const ack = await call(socket, 'coach:knobs', { pin: view.pin, playerToken: token, knobs: next });
    setError(ack.ok ? null : errorText(ack.error));
  };
  return (
    <fieldset className="rounded-2xl border border-edge bg-panel/60 p-3" data-testid="knobs">
      <legend className="px-2 text-lg font-bold">{t('knobsLegend')}</legend>
      <KnobsFields knobs={knobs} onChoose={(patch) => void choose(patch)} />
      {error && (
        <p role="alert" className="mt-2 text-rose-200">
          {error}
        </p>
      )}
    </fieldset>
  );
}
