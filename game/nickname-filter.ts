/**
 * A small filter on typed nicknames: a classroom projector shows every name. Pure, no I/O, and
 * deliberately modest: it catches the usual words and their obvious disguises (leetspeak, spacing,
 * repeated letters, accents), and leaves the rest to the host's ✕. Generated nicknames never pass
 * through here.
 */

/** Matched anywhere once spacing and punctuation are gone: no innocent word contains these. */
const ANYWHERE = [
  'fuck', 'fuk', 'shit', 'nigg', 'niga', 'fagg', 'bitch', 'whore', 'slut', 'porn', 'wank', 'twat',
  'hitler', 'nazi', 'dildo', 'cumshot', 'blowjob', 'rapist', 'pedo', 'asshole', 'bollock', 'motherf',
] as const;

/** Matched as whole words only: "class", "grape", "Dickens" and Scunthorpe are fine, "ass" and "rape" are not. */
const WHOLE_WORDS = [
  'ass', 'arse', 'cock', 'dick', 'fag', 'rape', 'sex', 'sexy', 'tit', 'tits', 'boob', 'boobs', 'cum', 'kkk', 'piss',
  'cunt', 'cunts', 'pussy', 'bastard', 'retard', 'penis', 'vagina', 'nude', 'nudes', 'anal', 'kys', 'crap', 'jizz', 'homo',
] as const;

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '!': 'i', '3': 'e', '4': 'a', '@': 'a', '5': 's', '$': 's', '7': 't', '8': 'b', '9': 'g' };

/** Lowercase, accents off, leetspeak undone. */
function normalize(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[0134579!@$8]/g, (c) => LEET[c] ?? c);
}

/** "fuuuck" → "fuck": a letter repeated stands for one. */
const squeeze = (s: string) => s.replace(/(.)\1+/g, '$1');

const ANYWHERE_SQUEEZED = ANYWHERE.map(squeeze);
const WORDS = new Set<string>([...WHOLE_WORDS, ...WHOLE_WORDS.map(squeeze)]);

/** Why a typed nickname is refused, or null when it may be used. */
export function nicknameProblem(nickname: string): string | null {
  const text = normalize(nickname);
  const letters = text.replace(/[^\p{L}]/gu, '');
  const squeezed = squeeze(letters);
  const words = text.split(/[^\p{L}]+/u).filter(Boolean);
  const blocked =
    ANYWHERE.some((w) => letters.includes(w)) ||
    ANYWHERE_SQUEEZED.some((w) => squeezed.includes(w)) ||
    words.some((w) => WORDS.has(w) || WORDS.has(squeeze(w))) ||
    // "a s s" spelled out letter by letter is one word.
    (words.length > 1 && words.every((w) => w.length === 1) && (WORDS.has(letters) || WORDS.has(squeezed)));
  return blocked ? 'that nickname is not allowed here; pick another, or leave it empty for a generated one' : null;
}
