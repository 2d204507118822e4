import { type Rng, pick, randomInt } from './rng';

const ADJECTIVES = [
  'Brave', 'Calm', 'Clever', 'Curious', 'Daring', 'Eager', 'Fuzzy', 'Gentle', 'Happy', 'Jolly',
  'Keen', 'Lucky', 'Mighty', 'Nimble', 'Quick', 'Quiet', 'Sharp', 'Shiny', 'Sunny', 'Swift',
  'Witty', 'Bold', 'Cosmic', 'Dizzy', 'Electric', 'Fancy', 'Grand', 'Humble', 'Lively', 'Noble',
] as const;

const ANIMALS = [
  'Otter', 'Panda', 'Falcon', 'Lynx', 'Koala', 'Heron', 'Gecko', 'Badger', 'Dolphin', 'Fox',
  'Hedgehog', 'Ibis', 'Jaguar', 'Lemur', 'Marmot', 'Narwhal', 'Owl', 'Puffin', 'Quokka', 'Raven',
  'Seal', 'Tapir', 'Walrus', 'Yak', 'Zebra', 'Beaver', 'Crane', 'Moose', 'Orca', 'Wombat',
] as const;

/** A friendly generated nickname, unique among `taken` (case-insensitive). */
export function generateNickname(rng: Rng, taken: ReadonlySet<string>): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const name = `${pick(rng, ADJECTIVES)} ${pick(rng, ANIMALS)}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
  // 900 combinations are used up only in very large rooms: add a number.
  for (;;) {
    const name = `${pick(rng, ADJECTIVES)} ${pick(rng, ANIMALS)} ${randomInt(rng, 1000)}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}
