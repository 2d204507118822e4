'use client';
/**
 * The coach's knobs as radio groups, each with what it means and what the chosen setting tends to
 * do: one form for the classroom's coaches and for solo coach mode.
 */
import { useTranslations } from 'use-intl';
import type { Knobs } from '@/game/protocol';
import { KNOB_MENU } from '@/game/vocabulary';

export function KnobsFields({ knobs, onChoose }: { knobs: Knobs; onChoose: (patch: Partial<Knobs>) => void }) {
  const t = useTranslations('knobs');
  // Each choice's words in the page's language: the loss by its name, lr and steps by their level, ratios as they are.
  const choiceText = (key: (typeof KNOB_MENU)[number]['key'], v: string, text: string) =>
    key === 'loss' ? t(`lossNames.${v as Knobs['loss']}`) : key === 'lr' ? t(`lr.choices.${v as Knobs['lr']}`) : key === 'steps' ? t(`steps.choices.${v as Knobs['steps']}`) : text;
  const tends = (key: (typeof KNOB_MENU)[number]['key'], v: string) => t(`${key}.tends.${v}` as Parameters<typeof t>[0]);
  return (
    <>
      {KNOB_MENU.map((o) => (
        <div key={o.key} className="mt-2">
          <p className="text-base font-bold text-slate-100">{t(`${o.key}.label`)}</p>
          <p className="text-sm text-slate-300">{t(`${o.key}.hint`)}</p>
          <div className="mt-1 flex flex-wrap gap-2" role="radiogroup" aria-label={t(`${o.key}.label`)}>
            {o.choices.map(({ v, text }) => (
              <button
                key={v}
                type="button"
                role="radio"
                aria-checked={knobs[o.key] === v}
                onClick={() => onChoose({ [o.key]: v } as Partial<Knobs>)}
                className={`min-h-11 rounded-xl px-3 text-base font-bold ${knobs[o.key] === v ? 'bg-accent text-ink' : 'bg-ink text-slate-200'}`}
              >
                {choiceText(o.key, v, text)}
              </button>
            ))}
          </div>
          <p className="mt-1 text-sm text-accent" aria-live="polite">
            {tends(o.key, knobs[o.key])}
          </p>
        </div>
      ))}
    </>
  );
}
