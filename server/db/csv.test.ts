import { describe, expect, it } from 'vitest';
import { csvFile, parseCsv, toCsv } from './csv';

describe('toCsv', () => {
  it('quotes what needs quoting and round-trips through parseCsv', () => {
    const text = toCsv(['a', 'b', 'c'], [
      ['plain', 'with, comma', 'with "quotes"'],
      [1.5, null, true],
      ['line\nbreak', undefined, Number.NaN],
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['plain', 'with, comma', 'with "quotes"'],
      ['1.5', '', 'true'],
      ['line\nbreak', '', ''],
    ]);
  });

  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(toCsv(['x'], [['=HYPERLINK("x")'], ['-cmd'], [-2]])).toBe('x\r\n"\'=HYPERLINK(""x"")"\r\n\'-cmd\r\n-2\r\n');
  });
});

describe('csvFile', () => {
  it('starts with a byte-order mark, so spreadsheets read non-ASCII names as UTF-8, and still parses', () => {
    const file = csvFile(toCsv(['nickname'], [['José'], ['Zoë 🦊']]));
    expect(file.charCodeAt(0)).toBe(0xfeff);
    expect(new TextEncoder().encode(file).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(parseCsv(file)).toEqual([['nickname'], ['José'], ['Zoë 🦊']]);
  });
});
