import { describe, expect, it } from 'vitest';
import { matchLocale, parseAcceptLanguage, pickLocale } from './locale';

describe('parseAcceptLanguage', () => {
  it('orders by weight, keeping header order on ties, and drops q=0 and *', () => {
    expect(parseAcceptLanguage('en;q=0.5, es-MX, fr;q=0, es;q=0.9, *;q=0.1')).toEqual(['es-MX', 'es', 'en']);
  });
  it('reads nothing from an empty or missing header', () => {
    expect(parseAcceptLanguage('')).toEqual([]);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
  });
});

describe('matchLocale', () => {
  it('matches on the base language, in the order wanted', () => {
    expect(matchLocale(['fr-FR', 'es-419', 'en'])).toBe('es');
    expect(matchLocale(['EN-gb'])).toBe('en');
    expect(matchLocale(['fr', 'de'])).toBeNull();
  });
});

describe('pickLocale', () => {
  it('takes the cookie the switch set over the browser', () => {
    expect(pickLocale({ cookie: 'en', acceptLanguage: 'es-ES,es;q=0.9' })).toBe('en');
  });
  it('ignores a cookie naming a language the game does not speak', () => {
    expect(pickLocale({ cookie: 'xx', acceptLanguage: 'es-ES' })).toBe('es');
  });
  it('falls back to English', () => {
    expect(pickLocale({ acceptLanguage: 'de-DE,fr;q=0.8' })).toBe('en');
    expect(pickLocale({})).toBe('en');
  });
});
