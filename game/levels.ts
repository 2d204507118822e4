/**
 * The default campaign. Each level fixes a dataset, an architecture, a loss family, a step budget
 * and the weight of the human term; the host can pick and reorder them. Every level draws with the
 * same small DCGAN (the conditional level adds the class label; the finale's is twice as wide), and
 * most name a point of a training trajectory (`npm run train:trajectory`) or a checkpoint made from
 * one (`npm run train`). A level starts from whichever is further along, the room's own generator or
 * its checkpoint (game/training-budget.ts carriesOn), so a teacher can start anywhere and the class sees
 * continuity; Mode collapse always starts from its collapsed checkpoint (startsFromCheckpoint).
 */
import { defaultKnobs } from './coaching';
import { LEVEL_CARDS } from './lessons/levels';
import type { Knobs, LevelId, LevelSpec } from './protocol';
import { LEVEL_IDS, type ModelShape, sameShape } from './vocabulary';

/** The game's generator: 32 latent numbers → 7×7×32 → 14×14×16 → 28×28 (ml/models.ts). */
const DCGAN: ModelShape = { dataset: 'digits', arch: 'dcgan', conditional: false, latentDim: 32, hidden: 16 };

export const LEVELS: Record<LevelId, LevelSpec> = {
  noise: {
    id: 'noise',
    name: 'Pure noise',
    intro: 'The generator has never seen a digit. Its pictures are random static. Can you tell?',
    model: DCGAN,
    checkpoint: null,
    // The digits trajectory's rate from scratch (scripts/checkpoint-specs.ts). bench:lesson's gpu budget
    // (with the 5,066 data-only steps a round that host runs while the class judges) ends the level at
    // FID 32.7 (58 → 36 → 33: readable digits); with 1,000 of them at 2e-4 it ended at 62.5.
    tunables: { loss: 'nonsaturating', lrD: 4e-4, lrG: 4e-4 },
    dSteps: 40,
    gSteps: 40,
    humanWeight: 1,
    cards: [...LEVEL_CARDS.noise],
  },
  strokes: {
    id: 'strokes',
    name: 'First strokes',
    intro: 'The generator has trained for a minute. Blobs are turning into strokes.',
    model: DCGAN,
    // 150 steps into the digits trajectory (FID 132): blurred strokes, no digit readable yet.
    checkpoint: 'trajectory/digits/step-150',
    tunables: { loss: 'nonsaturating', lrD: 2e-4, lrG: 2e-4 },
    dSteps: 60,
    gSteps: 60,
    humanWeight: 1,
    cards: [...LEVEL_CARDS.strokes],
  },
  dcgan: {
    id: 'dcgan',
    name: 'Convolutions (DCGAN)',
    intro: 'The generator paints with convolutions, like the networks that see images. Its digits are rough: watch them firm up.',
    model: DCGAN,
    // 2,500 steps into the digits trajectory (scripts/train-trajectory.ts; FID 47): rough, wobbly
    // digits with room to improve while the class watches.
    checkpoint: 'trajectory/digits/step-2500',
    tunables: { loss: 'nonsaturating', lrD: 2e-4, lrG: 2e-4 },
    dSteps: 30,
    gSteps: 30,
    humanWeight: 1,
    cards: [...LEVEL_CARDS.dcgan],
  },
  collapse: {
    id: 'collapse',
    name: 'Mode collapse',
    intro: 'These settings push the generator to cheat: find one digit that fools you and draw only that.',
    model: DCGAN,
    // The best digits generator pushed into collapse (npm run train -- digits-dcgan-collapse): three
    // samples in four are a 1, drawn sharply. G-heavy rounds keep it there; the saturating loss with
    // a fast G (the MLP level's old settings) would tear this DCGAN into streaks instead.
    checkpoint: 'digits-dcgan-collapse',
    // Never the room's generator, however far along: a graphics card that trains while the class judges
    // takes the room past this checkpoint's 20,300 steps by now (bench:lesson's gpu budget: 23,000), and
    // carrying on would show a healthy generator in the level about collapse.
    startsFromCheckpoint: true,
    tunables: { loss: 'nonsaturating', lrD: 2e-4, lrG: 2e-4 },
    dSteps: 10,
    gSteps: 40,
    humanWeight: 1,
    cards: [...LEVEL_CARDS.collapse],
  },
  fixit: {
    id: 'fixit',
    name: 'Fix it',
    intro: 'Coaches: choose the cure. Wasserstein loss with gradient penalty, or gentler learning rates.',
    model: DCGAN,
    checkpoint: 'digits-dcgan-collapse',
    tunables: { loss: 'wgan-gp', lrD: 1e-4, lrG: 1e-4 },
    dSteps: 50,
    gSteps: 25,
    humanWeight: 1,
    cards: [...LEVEL_CARDS.fixit],
  },
  conditional: {
    id: 'conditional',
    name: 'Draw a 7',
    intro: 'A conditional GAN: we tell the generator which digit to draw. Every image this level is a 7, real or not.',
    model: { ...DCGAN, conditional: true },
    // 1,000 steps into the conditional digits trajectory (FID 33; the classifier reads the digit it
    // was asked for 77% of the time), not the speckled conditional MLP (FID 91).
    checkpoint: 'trajectory/digits-conditional/step-1000',
    drawClass: 7,
    tunables: { loss: 'nonsaturating', lrD: 1e-4, lrG: 1e-4 },
    dSteps: 40,
    gSteps: 40,
    humanWeight: 1,
    cards: [...LEVEL_CARDS.conditional],
  },
  fashion: {
    id: 'fashion',
    name: 'Fashion',
    intro: 'Shirts, shoes and bags. Harder for the generator, and for you.',
    model: { dataset: 'fashion', arch: 'dcgan', conditional: false, latentDim: 32, hidden: 16 },
    // The end of the fashion trajectory (6,879 steps, FID 7.3, 0.03 isolated bright pixels per image:
    // clean garments of every class), not the speckled fashion-mlp (FID 13.2, 1.5 per image).
    checkpoint: 'trajectory/fashion/step-6879',
    tunables: { loss: 'nonsaturating', lrD: 5e-5, lrG: 5e-5 },
    dSteps: 40,
    gSteps: 40,
    humanWeight: 1,
    cards: [...LEVEL_CARDS.fashion],
  },
  deepfakes: {
    id: 'deepfakes',
    name: 'Deepfakes',
    intro: 'The best generator we have. When you can no longer tell, what does that mean for photos and videos?',
    // The same DCGAN at twice the width (7×7×64 → 14×14×32 → 28×28), trained 13,735 steps from scratch
    // (npm run train:trajectory -- digits-wide, FID 16.4; the hidden-16 run plateaued at 20), then
    // polished 1,500 steps against a fresh discriminator with its weights averaged (digits-finale):
    // FID 14.2. It carries digits-wide's trained D. Gentle rates: a round moves this averaged G away
    // from its average, so the rates only have to keep it there. bench:lesson's gpu budget (297 steps
    // a round) ended 2.4 worse than its first round at 1e-5 for both, 2.0 at 5e-6, 1.6 at these.
    model: { ...DCGAN, hidden: 32 },
    checkpoint: 'trajectory/digits-finale/step-15235',
    tunables: { loss: 'nonsaturating', lrD: 1e-5, lrG: 2e-6 },
    dSteps: 40,
    gSteps: 40,
    humanWeight: 1,
    cards: [...LEVEL_CARDS.deepfakes],
  },
};

export const DEFAULT_CAMPAIGN: LevelId[] = [...LEVEL_IDS];

export function levelSpec(id: LevelId): LevelSpec {
  return LEVELS[id];
}

/** The cards after a level in a campaign: the teacher's choice, else the level's own, plus the finale after the last. */
export function cardsAfter(levels: LevelId[], index: number, chosen: Partial<Record<LevelId, string[]>> = {}): string[] {
  const id = levels[index - 1];
  const cards = chosen[id] ?? LEVELS[id].cards;
  return index === levels.length ? [...cards, ...LEVEL_CARDS.finale.filter((c) => !cards.includes(c))] : cards;
}

/** True when two levels' generators have the same shape, so the room's generator carries over. */
export function sameModel(a: LevelSpec, b: LevelSpec): boolean {
  return sameShape(a.model, b.model);
}

/**
 * What a coach's form shows before the coach touches it: the engine's own default knobs for the
 * level being played (the level's loss, not some fixed one). A player's view names its level, not
 * its id, and every name is unique (game/levels.test.ts), so the name finds the level.
 */
export function coachFormDefaults(levelName: string): Knobs {
  const level = Object.values(LEVELS).find((l) => l.name === levelName) ?? LEVELS[DEFAULT_CAMPAIGN[0]];
  return defaultKnobs(level);
}
