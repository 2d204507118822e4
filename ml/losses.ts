/**
 * GAN losses as pure functions of tensors. D's output is always a raw score ("logit"): sigmoid is
 * folded into the BCE losses via softplus so large logits never overflow to log(0).
 * Conventions: mean over the batch; real target 1, fake target 0.
 */
import * as tf from '@tensorflow/tfjs';
import { LOSS } from '../game/vocabulary';
import { LOSSES, type LossKind } from './gan-config';

export { LOSSES, type LossKind };

// WGAN-GP differentiates LeakyReLU's gradient, which masks with greater(x, 0); tfjs 4.22 has no
// gradient for Greater, so second-order backprop fails. A comparison is a step function: its
// gradient is zero almost everywhere, which is all we register.
if (!tf.getGradient('Greater')) {
  tf.registerGradient({
    kernelName: 'Greater',
    inputsToSave: ['a', 'b'],
    gradFunc: (_dy, saved) => ({ a: () => tf.zerosLike(saved[0]), b: () => tf.zerosLike(saved[1]) }),
  });
}

export function checkLoss(kind: unknown): asserts kind is LossKind {
  if (!LOSSES.includes(kind as LossKind)) throw new Error(`loss must be one of ${LOSSES.join(', ')}, got "${String(kind)}"`);
}

/** BCE(σ(logit), target) = softplus(logit) − target·logit, elementwise. */
export function bceWithLogits(logits: tf.Tensor, targets: tf.Tensor | number): tf.Tensor {
  return tf.tidy(() => tf.sub(tf.softplus(logits), tf.mul(targets, logits)));
}

export interface DLossOptions {
  /** One-sided label smoothing: real target becomes 1 − s (Salimans et al. 2016). BCE and LSGAN only. */
  labelSmoothing?: number;
}

/** The discriminator's (critic's) adversarial loss, without any gradient penalty. */
export function discriminatorLoss(kind: LossKind, realLogits: tf.Tensor, fakeLogits: tf.Tensor, opts: DLossOptions = {}): tf.Scalar {
  checkLoss(kind);
  const s = opts.labelSmoothing ?? 0;
  if (!(s >= 0 && s < 1)) throw new Error(`labelSmoothing must be in [0, 1), got ${s}`);
  return tf.tidy(() => {
    switch (kind) {
      case 'minimax':
      case 'nonsaturating':
        // Both share D's loss; they differ only in G's.
        return tf.add(tf.mean(bceWithLogits(realLogits, 1 - s)), tf.mean(bceWithLogits(fakeLogits, 0))) as tf.Scalar;
      case 'lsgan':
        return tf.mul(0.5, tf.add(tf.mean(tf.square(tf.sub(realLogits, 1 - s))), tf.mean(tf.square(fakeLogits)))) as tf.Scalar;
      case 'hinge':
        return tf.add(tf.mean(tf.relu(tf.sub(1, realLogits))), tf.mean(tf.relu(tf.add(1, fakeLogits)))) as tf.Scalar;
      case 'wgan-gp':
        return tf.sub(tf.mean(fakeLogits), tf.mean(realLogits)) as tf.Scalar;
    }
  });
}

/** The generator's adversarial loss on D's scores for its fakes. */
export function generatorLoss(kind: LossKind, fakeLogits: tf.Tensor): tf.Scalar {
  checkLoss(kind);
  return tf.tidy(() => {
    switch (kind) {
      case 'minimax':
        // Saturating: minimise log(1 − D(G(z))) = −softplus(logit). Its gradient vanishes when D
        // wins, which is the lesson.
        return tf.neg(tf.mean(tf.softplus(fakeLogits))) as tf.Scalar;
      case 'nonsaturating':
        return tf.mean(bceWithLogits(fakeLogits, 1)) as tf.Scalar;
      case 'lsgan':
        return tf.mul(0.5, tf.mean(tf.square(tf.sub(fakeLogits, 1)))) as tf.Scalar;
      case 'hinge':
      case 'wgan-gp':
        return tf.neg(tf.mean(fakeLogits)) as tf.Scalar;
    }
  });
}

/** What the page shows as "D(x)": a probability for the BCE losses, the raw score otherwise. */
export function dScore(kind: LossKind, logits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(LOSS[kind].probability ? tf.sigmoid(logits) : logits) as tf.Scalar);
}

/**
 * WGAN-GP's penalty E[(‖∇ₓ̂ D(x̂)‖₂ − 1)²] on x̂ = α·real + (1 − α)·fake (Gulrajani et al. 2017).
 * `alpha` has shape [n, 1, …] so each sample gets its own mix; `critic` maps x̂ to scores [n, 1].
 * Differentiable w.r.t. the critic's weights (second-order gradient).
 */
export function gradientPenalty(critic: (x: tf.Tensor) => tf.Tensor, real: tf.Tensor, fake: tf.Tensor, alpha: tf.Tensor): tf.Scalar {
  if (real.shape.join() !== fake.shape.join()) throw new Error(`real ${real.shape} and fake ${fake.shape} must have the same shape`);
  return tf.tidy(() => {
    const xHat = tf.add(tf.mul(alpha, real), tf.mul(tf.sub(1, alpha), fake));
    // Per-sample gradients: the sum over the batch separates because sample i's score depends only on x̂ᵢ.
    const g = tf.grad((x: tf.Tensor) => tf.sum(critic(x)))(xHat);
    const norms = tf.sqrt(tf.add(tf.sum(tf.square(tf.reshape(g, [g.shape[0], -1])), 1), 1e-12));
    return tf.mean(tf.square(tf.sub(norms, 1))) as tf.Scalar;
  });
}

/** Feature matching (Salimans et al. 2016): ‖mean f(real) − mean f(fake)‖² / dims, a G loss. */
export function featureMatchingLoss(realFeatures: tf.Tensor, fakeFeatures: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.square(tf.sub(tf.mean(realFeatures, 0), tf.mean(fakeFeatures, 0)))) as tf.Scalar);
}

/**
 * The human-alignment term from DESIGN.md: D learns to call "real" what the room called real.
 * hᵢ is the fraction of "fake" votes on judged image i, nᵢ its vote count, and the weight
 * wᵢ = nᵢ / (nᵢ + 1) trusts a crowd more than one voter. Its form follows D's own loss, so the
 * term speaks the scale D's score lives on:
 *  - minimax, non-saturating (D's score is a probability): wᵢ · BCE(σ(D(xᵢ)), 1 − hᵢ);
 *  - least squares (targets 1 for real, 0 for fake): wᵢ · ½ (D(xᵢ) − (1 − hᵢ))²;
 *  - hinge, WGAN-GP (an unbounded critic score): with the room's signed verdict sᵢ = 1 − 2hᵢ
 *    (+1 all "real", −1 all "fake", 0 split), wᵢ · |sᵢ| · max(0, 1 − sign(sᵢ) · D(xᵢ)): the hinge
 *    loss on the images the room was sure of, weighted by how sure. It is bounded below, so it
 *    cannot drive a critic's scores off to infinity, and a split room pulls D nowhere.
 * λ is applied by the caller. logits [n, 1] or [n]; fakeFraction and votes [n].
 */
export function humanAlignmentLoss(logits: tf.Tensor, fakeFraction: tf.Tensor, votes: tf.Tensor, kind: LossKind = 'nonsaturating'): tf.Scalar {
  checkLoss(kind);
  return tf.tidy(() => {
    const l = tf.reshape(logits, [-1]);
    const w = tf.div(votes, tf.add(votes, 1));
    const realness = tf.sub(1, fakeFraction);
    let perImage: tf.Tensor;
    if (LOSS[kind].probability) perImage = bceWithLogits(l, realness);
    else if (kind === 'lsgan') perImage = tf.mul(0.5, tf.square(tf.sub(l, realness)));
    else {
      const signed = tf.sub(1, tf.mul(2, fakeFraction));
      perImage = tf.mul(tf.abs(signed), tf.relu(tf.sub(1, tf.mul(tf.sign(signed), l))));
    }
    return tf.mean(tf.mul(w, perImage)) as tf.Scalar;
  });
}
