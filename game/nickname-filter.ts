/**
 * What a typed nickname may be: a classroom projector shows every name. Pure, no I/O.
 *
 * - Words: Obscenity's English data set (a maintained list of ~70 words, each with the variants and
 *   innocent words around it, e.g. "cum" but not "cumulus"), matched through its look-alike
 *   transformers (Cyrillic and Greek letters, fancy Unicode alphabets, leetspeak, repeated letters),
 *   plus a few words a classroom needs that the list lacks, and with letters spelled out one by one
 *   ("f u c k") joined first.
 * - Invisible or blank names: anything that draws nothing (Hangul fillers, zero-width and other
 *   default-ignorable characters, braille blank, odd spaces) is refused, outside the emoji sequences
 *   that need joiners and variation selectors. Emoji are welcome.
 * - Look-alikes: `lookalikeIn` compares Unicode confusable skeletons (UTS #39, confusables.txt via
 *   the `unhomoglyph` package), so "Аlice" in Cyrillic cannot sit beside "Alice".
 *
 * Server-only (server/app.ts): the two libraries and their tables stay out of the phone's bundle, and
 * the phone shows the server's reason. Generated nicknames never pass through here.
 */
import { DataSet, RegExpMatcher, englishDataset, englishRecommendedTransformers, pattern } from 'obscenity';
import unhomoglyph from 'unhomoglyph';

/** Words a classroom refuses that the English data set does not carry (it is about profanity, not hate or self-harm). */
const EXTRA = [pattern`|nazi`, pattern`hitler`, pattern`|kkk|`, pattern`|pedo`, pattern`paedo`, pattern`|nude`, pattern`|kys|`, pattern`|jiz`, pattern`|crap|`, pattern`|homo|`];
/** Real names and places the data set would refuse ("cum" at the start of a word, "penis" inside one). */
const INNOCENT = ['cummings', 'penistone'];

const words = new DataSet<{ originalWord?: string }>()
  .addAll(englishDataset)
  .addPhrase((p) => EXTRA.reduce((phrase, pat) => phrase.addPattern(pat), p.setMetadata({ originalWord: 'classroom' })));
const built = words.build();
const matcher = new RegExpMatcher({ ...built, whitelistedTerms: [...(built.whitelistedTerms ?? []), ...INNOCENT], ...englishRecommendedTransformers });

// Built with `new RegExp` so the file also compiles for targets older than ES2024 (the `v` flag).
/** One whole emoji, however many code points it takes (families, flags, skin tones, keycaps). */
const EMOJI = new RegExp('\\p{RGI_Emoji}', 'gv');
/** Characters that draw nothing: default-ignorables (U+3164 Hangul filler, U+115F/U+1160, U+FFA0, zero-width ones, variation selectors), controls, formats, unassigned, private use. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{C}]/u;
/** Blank-looking characters that Unicode does not call ignorable: braille blank, every space but the plain one. */
const BLANK = /[\u2800\p{Z}]/u;
/** More combining marks on one letter than any script needs: "Zalgo" text that spills over the projector. */
const STACKED_MARKS = /\p{M}{4,}/u;
const VISIBLE = /[\p{L}\p{N}\p{S}]/u;

export const REFUSED = 'that nickname is not allowed here; pick another, or leave it empty for a generated one';
export const INVISIBLE_REFUSED = 'that nickname has invisible or blank characters in it; use letters, digits or emoji people can see';

/** "f u c k", "a.s.s": letters spelled out one at a time are read as one word. */
function joinSpelledOut(s: string): string {
  const tokens = s.split(/[\s._'\-*]+/u).filter(Boolean);
  const out: string[] = [];
  let run = '';
  for (const t of tokens) {
    if ([...t].length === 1) {
      run += t;
      continue;
    }
    if (run) out.push(run);
    run = '';
    out.push(t);
  }
  if (run) out.push(run);
  return out.join(' ');
}

/** Why a typed nickname is refused, or null when it may be used. */
export function nicknameProblem(nickname: string): string | null {
  const text = nickname.normalize('NFC');
  const emoji = text.match(EMOJI)?.length ?? 0;
  const rest = text.replace(EMOJI, ' ');
  const withoutSpaces = rest.replaceAll(' ', '');
  if (INVISIBLE.test(withoutSpaces) || BLANK.test(withoutSpaces)) return INVISIBLE_REFUSED;
  if (STACKED_MARKS.test(text)) return 'that nickname stacks too many accents on one letter; pick one the screen can show';
  if (emoji === 0 && !VISIBLE.test(rest)) return 'a nickname needs a letter, a digit or an emoji';
  // Accents off too, so "Shït" reads as it looks.
  const plain = rest.normalize('NFKD').replace(/\p{M}/gu, '');
  const variants = new Set([rest, joinSpelledOut(rest), plain, joinSpelledOut(plain)]);
  for (const v of variants) if (matcher.hasMatch(v)) return REFUSED;
  return null;
}

/** The UTS #39 skeleton: strings with the same skeleton look the same ("Аlice" with a Cyrillic А and "Alice", "A1ice" and "Alice"). */
export const skeleton = (s: string) => unhomoglyph(s.normalize('NFD')).normalize('NFD');

/**
 * Two keys for a nickname; two names look alike when either key is the same. Skeletons keep case
 * (capital I looks like l, lower-case i does not), so one key folds case after the mapping
 * ("aIice" ~ "Alice") and the other before it ("ALICE" ~ "alice"). Fullwidth letters and runs of
 * spaces count as their plain forms.
 */
export function nicknameKeys(nickname: string): [string, string] {
  let keys = keyCache.get(nickname);
  if (!keys) {
    const s = nickname.normalize('NFKC').replace(/\s+/gu, ' ').trim();
    keys = [skeleton(skeleton(s).toLowerCase()), skeleton(s.toLowerCase())];
    // Every join compares against the whole room: remember the names already seen (bounded).
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.clear();
    keyCache.set(nickname, keys);
  }
  return keys;
}
const KEY_CACHE_SIZE = 50_000;
const keyCache = new Map<string, [string, string]>();

/** The name among `others` that `nickname` could be mistaken for (the same name in another case included), or null. */
export function lookalikeIn(nickname: string, others: Iterable<string>): string | null {
  const [a, b] = nicknameKeys(nickname);
  for (const other of others) {
    const [c, d] = nicknameKeys(other);
    if (a === c || b === d) return other;
  }
  return null;
}
