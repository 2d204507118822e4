'use client';
/**
 * The coach's knobs as radio groups, each with what it means and what the chosen setting tends to
 * do: one form for the classroom's coaches and for solo coach mode.
 */
import type { Knobs } from '@/game/protocol';
import { KNOB_MENU } from '@/game/vocabulary';

export function KnobsFields({ knobs, onChoose }: { knobs: Knobs; onChoose: (patch: Partial<Knobs>) => void }) {
  return (
    <>
      {KNOB_MENU.map((o) => (
        <div key={o.key} className="mt-2">
          <p className="text-base font-bold text-slate-100">{o.label}</p>
          <p className="text-sm text-slate-300">{o.hint}</p>
          <div className="mt-1 flex flex-wrap gap-2" role="radiogroup" aria-label={o.label}>
            {o.choices.map(({ v, text }) => (
              <button
                key={v}
                type="button"
                role="radio"
                aria-checked={knobs[o.key] === v}
                onClick={() => onChoose({ [o.key]: v } as Partial<Knobs>)}
                className={`min-h-11 rounded-xl px-3 text-base font-bold ${knobs[o.key] === v ? 'bg-accent text-ink' : 'bg-ink text-slate-200'}`}
              >
                {text}
              </button>
            ))}
          </div>
          <p className="mt-1 text-sm text-accent" aria-live="polite">
            {o.choices.find((c) => c.v === knobs[o.key])?.tends}
          </p>
        </div>
      ))}
    </>
  );
}
