import { describe, expect, it } from 'vitest';
import { type MessageFormatElement, TYPE, parse } from '@formatjs/icu-messageformat-parser';
import compile from 'icu-minify/compile';
import { LOCALES } from '@/game/locale';
import { CATALOGUES, translator } from './translator';

/** Every message of a catalogue, by its dotted key. */
function flatten(o: object, prefix = ''): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flatten(v as object, `${prefix}${k}.`)));
}
/** The {values} and <tags> a message takes, from its parsed form: a translation takes the same ones. */
function args(m: string): string[] {
  const found = new Set<string>();
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
      found.add(el.type === TYPE.tag ? `<${el.value}>` : el.value);
      if (el.type === TYPE.tag) walk(el.children);
      if (el.type === TYPE.select || el.type === TYPE.plural) for (const o of Object.values(el.options)) walk(o.value);
    }
  };
  walk(parse(m));
  return [...found].sort();
}

describe('message catalogues', () => {
  const en = flatten(CATALOGUES.en);

  it.each(LOCALES)('%s: every message is valid ICU', (locale) => {
    for (const [key, m] of flatten(CATALOGUES[locale])) expect(() => compile(m), `${locale} ${key}`).not.toThrow();
  });

  it('Spanish has every English key (the type says so too) and takes the same values', () => {
    const es = new Map(flatten(CATALOGUES.es));
    expect([...es.keys()].sort()).toEqual(en.map(([k]) => k).sort());
    for (const [key, m] of en) expect(args(es.get(key)!), key).toEqual(args(m));
  });

  it('formats numbers, plurals and ordinals by language', () => {
    const enT = translator('en');
    const esT = translator('es');
    expect(enT('host.place', { rank: 2 })).toBe('2nd');
    expect(esT('host.place', { rank: 2 })).toBe('2.º');
    expect(enT('verdict.fakesCalledReal', { rate: 0.456 })).toBe('Fakes were called real 46% of the time.');
    expect(esT('verdict.fakesCalledReal', { rate: 0.456 })).toMatch(/^Las falsas se tomaron por reales el 46\s%/);
    expect(esT('heat.taps', { n: 1 })).toBe('1 toque');
    expect(esT('heat.mostAt', { where: 'topleft' })).toBe('sobre todo arriba a la izquierda');
  });
});
