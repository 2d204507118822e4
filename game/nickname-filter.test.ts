import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateNickname } from './nicknames';
import { INVISIBLE_REFUSED, lookalikeIn, nicknameProblem } from './nickname-filter';
import { NicknameSchema } from './protocol';
import { seededRng } from './rng';

describe('the typed-nickname filter', () => {
  it('refuses the usual words and their disguises', () => {
    for (const name of ['fuck', 'FUCK you', 'f u c k', 'fuuuuck', 'ph4ggot fagg0t', 'sh1t', 'Shït', 'big ass', 'a s s', 'b1tch', 'N4zi', 'rape', 'xXdickXx dick', 'a$$']) {
      expect(nicknameProblem(name), name).toMatch(/not allowed/);
    }
  });

  it('refuses blocked words spelled with look-alike letters from other alphabets', () => {
    // Cyrillic ѕ һ і т, Armenian ս, Greek υ ς κ, Cyrillic р о г п, Cyrillic с, mathematical bold, fullwidth, Cyrillic Н and і in "Ніtler".
    for (const name of ['ѕһіт', 'fսck', 'Fυςκ', 'рогп', 'сunt', 'ԁісk', '𝐟𝐮𝐜𝐤', 'ｆｕｃｋ', 'Ніtler', 'nаzі', 'ѕ һ і т']) {
      expect(nicknameProblem(name), name).toMatch(/not allowed/);
    }
  });

  it('lets ordinary names through, including ones that contain a short word inside another', () => {
    for (const name of [
      'Ada', 'Grace Hopper', 'class', 'Grape', 'Dickens', 'Cassandra', 'Scunthorpe fan', 'Peacock', 'Essex', 'Titan', 'Zoë', 'Jean-Luc', "O'Neil", 'Bass', 'Assia',
      // Refused before: "Bob" (boob), "Jay K" (kkk), "As" and "45" (ass), all squeezed.
      'Bob', 'Jay K', 'Fast As Lightning', 'Class 45', 'Bobby B', 'Mr T', 'Hancock', 'Sussex', 'Cummings', 'Analyst', 'Therapist', 'Assassin', 'Matsushita', 'Penistone',
      // Other scripts, with the combining marks they need.
      'Zoë', 'José', 'Łukasz', 'Ἀλέξανδρος', 'Дмитрий', 'Ольга', 'प्रिया', 'Nguyễn Văn', '김민준', 'さくら', '李小龙', 'محمد',
    ]) {
      expect(nicknameProblem(name), name).toBeNull();
    }
  });

  it('welcomes emoji, alone or with a name, including sequences that need joiners and selectors', () => {
    for (const name of ['⚡', 'Jay ⚡', 'Fast As Lightning ⚡', '🦊 Fox', '👨‍👩‍👧', '👍🏽 Sam', '🇬🇧 Ana', '❤️', '1️⃣ Kim', '🏴󠁧󠁢󠁳󠁣󠁴󠁿']) {
      expect(nicknameProblem(name), name).toBeNull();
      expect(NicknameSchema.safeParse(name).success, name).toBe(true);
    }
  });

  it('refuses names that draw nothing or hide characters', () => {
    const invisible = [
      '\u3164', // Hangul filler
      '\u3164\u3164\u3164',
      '\u115F\u1160', // Hangul choseong/jungseong fillers
      '\uFFA0', // halfwidth Hangul filler
      '\u2800\u2800', // braille blank
      'A\u200Bda', // zero-width space
      'Ada\u200D', // zero-width joiner outside an emoji
      'Bo\u2060b', // word joiner
      '\u17B5\u17B5', // Khmer inherent vowel
      'Ana\u00A0Li', // no-break space
      'Ana\u3000Li', // ideographic space
      'Ana\uFE0F', // a variation selector on a letter
      'Ada\u202E', // right-to-left override
      '\u3164Ada', // a filler hiding beside a real name
    ];
    for (const name of invisible) expect(nicknameProblem(name), JSON.stringify(name)).toBe(INVISIBLE_REFUSED);
    expect(nicknameProblem('...')).toMatch(/needs a letter, a digit or an emoji/);
    expect(nicknameProblem('Z\u0301\u0302\u0303\u0304\u0305a\u0306lgo')).toMatch(/accents/);
  });

  it('finds a name that looks like one already in the room', () => {
    const room = ['Alice', 'Bob', 'Brave Otter', 'Jay K'];
    expect(lookalikeIn('\u0410lice', room)).toBe('Alice'); // Cyrillic А
    expect(lookalikeIn('A1ice', room)).toBe('Alice');
    expect(lookalikeIn('AIice', room)).toBe('Alice'); // capital I
    expect(lookalikeIn('alice', room)).toBe('Alice');
    expect(lookalikeIn('ALICE', room)).toBe('Alice');
    expect(lookalikeIn('Ｂｏｂ', room)).toBe('Bob'); // fullwidth
    expect(lookalikeIn('В\u043Eb', room)).toBe('Bob'); // Cyrillic В and о
    expect(lookalikeIn('Brave  Otter', room)).toBe('Brave Otter');
    expect(lookalikeIn('Вrаvе Оttеr', room)).toBe('Brave Otter');
    expect(lookalikeIn('Jay Κ', room)).toBe('Jay K'); // Greek Kappa
    for (const name of ['Alicia', 'Bo', 'Rob', 'Brave Otters', 'Jay', 'Ali']) expect(lookalikeIn(name, room), name).toBeNull();
  });

  it('never refuses a generated nickname', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        expect(nicknameProblem(generateNickname(seededRng(seed), new Set()))).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('is total: any string gets an answer', () => {
    // Any code points, lone surrogates included, mixed with the pieces emoji and tricks are made of.
    const piece = fc.oneof(fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)), fc.constantFrom('\u200D', '\uFE0F', '\u3164', '👨', '\uD83D', 'a', ' ', 'ѕ'));
    const text = (max: number) => fc.array(piece, { maxLength: max }).map((p) => p.join(''));
    fc.assert(fc.property(text(40), (s) => void nicknameProblem(s)));
    fc.assert(fc.property(text(40), fc.array(text(20), { maxLength: 5 }), (s, others) => void lookalikeIn(s, others)));
  });
});
