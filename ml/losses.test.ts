import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { LOSSES, discriminatorLoss, featureMatchingLoss, generatorLoss, gradientPenalty, humanAlignmentLoss, dScore, type LossKind } from './losses';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const val = (t: tf.Tensor) => {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
};

// Logits chosen so no two losses coincide; expected values worked out with log σ(x) = −log(1 + e^−x)
// and log(1 − σ(x)) = −log(1 + e^x), independently of the softplus form the code uses.
const real = () => tf.tensor2d([[0], [2]]);
const fake = () => tf.tensor2d([[-1], [0.5]]);

describe('adversarial losses against hand-computed values', () => {
  const cases: [string, () => tf.Tensor, number][] = [
    ['minimax D', () => discriminatorLoss('minimax', real(), fake()), 1.0537069316506238],
    ['non-saturating D (same as minimax)', () => discriminatorLoss('nonsaturating', real(), fake()), 1.0537069316506238],
    ['BCE D with one-sided label smoothing 0.1', () => discriminatorLoss('nonsaturating', real(), fake(), { labelSmoothing: 0.1 }), 1.1537069316506237],
    ['minimax G: mean log(1 − D(G(z)))', () => generatorLoss('minimax', fake()), -0.6436693358491647],
    ['non-saturating G: −mean log D(G(z))', () => generatorLoss('nonsaturating', fake()), 0.8936693358491647],
    ['least squares D', () => discriminatorLoss('lsgan', real(), fake()), 0.8125],
    ['least squares G', () => generatorLoss('lsgan', fake()), 1.0625],
    ['hinge D', () => discriminatorLoss('hinge', real(), fake()), 1.25],
    ['hinge G', () => generatorLoss('hinge', fake()), 0.25],
    ['WGAN critic', () => discriminatorLoss('wgan-gp', real(), fake()), -1.25],
    ['WGAN G', () => generatorLoss('wgan-gp', fake()), 0.25],
  ];
  for (const [name, f, expected] of cases) {
    it(name, () => {
      expect(val(tf.tidy(f))).toBeCloseTo(expected, 5);
    });
  }

  it('stays finite for huge logits (no log(0))', () => {
    const v = val(tf.tidy(() => discriminatorLoss('minimax', tf.tensor1d([-1000]), tf.tensor1d([1000]))));
    expect(v).toBeCloseTo(2000, 3);
  });

  it('refuses an unknown loss and a bad smoothing value', () => {
    expect(() => discriminatorLoss('nope' as never, real(), fake())).toThrow(/loss must be one of minimax, nonsaturating/);
    expect(() => discriminatorLoss('minimax', real(), fake(), { labelSmoothing: 1 })).toThrow(/labelSmoothing must be in \[0, 1\)/);
  });

  it('reports D(x) as a probability for BCE losses and raw for the others', () => {
    expect(val(tf.tidy(() => dScore('nonsaturating', tf.tensor1d([0, 0]))))).toBeCloseTo(0.5, 6);
    expect(val(tf.tidy(() => dScore('wgan-gp', tf.tensor1d([3, 5]))))).toBeCloseTo(4, 6);
  });
});

describe('human-alignment term', () => {
  it('is mean_i w_i · BCE(D(x_i), 1 − h_i) with w_i = n_i/(n_i+1)', () => {
    // logit 0, h .5, n 1 → ½·ln 2;  logit 2, h 0, n 3 → ¾·ln(1+e^−2);  n 0 → weight 0.
    const v = val(tf.tidy(() => humanAlignmentLoss(tf.tensor2d([[0], [2], [-1]]), tf.tensor1d([0.5, 0, 1]), tf.tensor1d([1, 3, 0]))));
    expect(v).toBeCloseTo(0.14725653285406737, 6);
  });

  it('is lower when D agrees with the room than when it disagrees', () => {
    const agree = val(tf.tidy(() => humanAlignmentLoss(tf.tensor1d([-4]), tf.tensor1d([1]), tf.tensor1d([5]))));
    const disagree = val(tf.tidy(() => humanAlignmentLoss(tf.tensor1d([4]), tf.tensor1d([1]), tf.tensor1d([5]))));
    expect(agree).toBeLessThan(0.1);
    expect(disagree).toBeGreaterThan(3);
  });
});

describe('human-alignment term for losses whose D is not a probability', () => {
  const term = (kind: LossKind, logit: number, h: number, n = 3) => val(tf.tidy(() => humanAlignmentLoss(tf.tensor1d([logit]), tf.tensor1d([h]), tf.tensor1d([n]), kind)));
  const slope = (kind: LossKind, logit: number, h: number) =>
    val(tf.tidy(() => tf.grad((x: tf.Tensor) => humanAlignmentLoss(x, tf.tensor1d([h]), tf.tensor1d([3]), kind))(tf.tensor1d([logit])).sum() as tf.Scalar));

  it('least squares pulls D toward the room\'s realness 1 − h on its own scale', () => {
    // n 3 → w ¾; D 0.2, h 0.25 → ¾ · ½ (0.2 − 0.75)².
    expect(term('lsgan', 0.2, 0.25)).toBeCloseTo(0.75 * 0.5 * 0.55 ** 2, 6);
    expect(term('lsgan', 0.75, 0.25)).toBeCloseTo(0, 6);
  });

  it('hinge and WGAN-GP use a hinge on the room\'s signed verdict: bounded, and silent on a split room', () => {
    for (const kind of ['hinge', 'wgan-gp'] as const) {
      // A room sure it is real: D's score below the margin 1 costs w·(1 − D); above it, nothing.
      expect(term(kind, -2, 0)).toBeCloseTo(0.75 * 3, 6);
      expect(term(kind, 5, 0)).toBe(0);
      // Sure it is fake: pushes the score down, never below −1 (no runaway critic).
      expect(slope(kind, 0, 1)).toBeGreaterThan(0);
      expect(term(kind, -4, 1)).toBe(0);
      // Split: no pull either way.
      expect(slope(kind, 0.3, 0.5)).toBe(0);
      // Three quarters "real": half the weight of a unanimous room.
      expect(term(kind, 0, 0.25)).toBeCloseTo(0.75 * 0.5, 6);
    }
  });

  it('the BCE losses keep the probability form', () => {
    expect(term('minimax', 0, 0.5, 1)).toBeCloseTo(0.5 * Math.log(2), 6);
    expect(term('nonsaturating', 0, 0.5, 1)).toBeCloseTo(0.5 * Math.log(2), 6);
  });
});

describe('feature matching', () => {
  it('is the mean squared gap between the batch-mean features', () => {
    const v = val(tf.tidy(() => featureMatchingLoss(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[0, 0], [2, 2]]))));
    expect(v).toBeCloseTo(2.5, 6); // means [2,3] vs [1,1] → (1 + 4) / 2
  });
});

describe('WGAN-GP gradient penalty', () => {
  const linearCritic = (w: tf.Tensor) => (x: tf.Tensor) => tf.matMul(tf.reshape(x, [x.shape[0], -1]), w);
  const batch = () => ({ real: tf.randomNormal([4, 2, 2, 1], 0, 1, 'float32', 1), fake: tf.randomNormal([4, 2, 2, 1], 0, 1, 'float32', 2), alpha: tf.randomUniform([4, 1, 1, 1], 0, 1, 'float32', 3) });

  it('is ~0 for a linear critic with unit-norm weights (gradient norm exactly 1)', () => {
    const v = val(tf.tidy(() => {
      const { real, fake, alpha } = batch();
      return gradientPenalty(linearCritic(tf.tensor2d([[0.5], [0.5], [0.5], [-0.5]])), real, fake, alpha);
    }));
    expect(v).toBeLessThan(1e-6);
  });

  it('is (‖w‖ − 1)² for a linear critic with ‖w‖ = 2', () => {
    const v = val(tf.tidy(() => {
      const { real, fake, alpha } = batch();
      return gradientPenalty(linearCritic(tf.tensor2d([[1], [1], [1], [-1]])), real, fake, alpha);
    }));
    expect(v).toBeCloseTo(1, 5);
  });

  it('gives the critic weights a gradient (second-order backprop works, LeakyReLU included)', () => {
    const w = tf.variable(tf.tensor2d([[1], [1], [1], [-1]]));
    const { value, grads } = tf.variableGrads(() => {
      const { real, fake, alpha } = batch();
      return gradientPenalty((x) => tf.leakyRelu(linearCritic(w)(x), 0.2), real, fake, alpha);
    }, [w]);
    const g = grads[w.name].dataSync();
    expect(Math.hypot(...g)).toBeGreaterThan(0.1);
    tf.dispose([value, w, ...Object.values(grads)]);
  });

  it('refuses real and fake of different shapes', () => {
    expect(() => gradientPenalty((x) => x, tf.zeros([2, 2]), tf.zeros([3, 2]), tf.zeros([2, 1]))).toThrow(/must have the same shape/);
  });
});

describe('no tensor leaks', () => {
  it('every loss leaves the tensor count where it found it', () => {
    const r = real(), f = fake();
    const before = tf.memory().numTensors;
    for (const kind of LOSSES) {
      discriminatorLoss(kind, r, f, { labelSmoothing: 0.1 }).dispose();
      generatorLoss(kind, f).dispose();
      dScore(kind, f).dispose();
    }
    const h = [tf.tensor1d([0.5, 0.5]), tf.tensor1d([2, 3])];
    for (const kind of LOSSES) humanAlignmentLoss(r, h[0], h[1], kind).dispose();
    featureMatchingLoss(r, f).dispose();
    const a = tf.tensor2d([[0.3], [0.7]]);
    gradientPenalty((x) => tf.mul(x, 2), r, f, a).dispose();
    tf.dispose([...h, a]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([r, f]);
  });
});
