/**
 * An exponential moving average of a model's weights (Polyak averaging, as StyleGAN and BigGAN
 * sample from): after every update, avg ← decay · avg + (1 − decay) · w. A GAN's generator keeps
 * circling the equilibrium instead of settling on it; the average of its recent weights sits nearer
 * the centre and draws cleaner samples than any one step's weights.
 *
 * The average covers the trainable weights only. Batch norm's moving statistics are not trained:
 * `swap` leaves them alone (the live generator's statistics), and a caller that wants statistics
 * that fit the averaged weights recomputes them (GanTrainer.withAveragedGenerator).
 */
import * as tf from '@tensorflow/tfjs';

export class WeightAverage {
  private readonly shadow: tf.Variable[];
  private disposed = false;

  /** Starts the average at the variables' current values. */
  constructor(
    private readonly vars: tf.Variable[],
    readonly decay: number,
  ) {
    if (!(decay > 0 && decay < 1)) throw new Error(`decay must be in (0, 1), got ${decay}`);
    // tf.variable shares the initial data (reference-counted) until the first assign: no copy to dispose.
    this.shadow = vars.map((v) => tf.variable(v, false));
  }

  /** Folds the variables' current values into the average. */
  update(): void {
    this.assertLive();
    tf.tidy(() => {
      this.vars.forEach((v, i) => this.shadow[i].assign(tf.add(tf.mul(this.shadow[i], this.decay), tf.mul(v, 1 - this.decay))));
    });
  }

  /** Exchanges the live values and the average in place; calling it twice restores both. */
  swap(): void {
    this.assertLive();
    tf.tidy(() => {
      this.vars.forEach((v, i) => {
        const live = v.clone();
        v.assign(this.shadow[i]);
        this.shadow[i].assign(live);
      });
    });
  }

  /** The averaged values (copies; the caller disposes them). */
  values(): tf.Tensor[] {
    this.assertLive();
    return this.shadow.map((s) => s.clone());
  }

  /** Replaces the average (e.g. from a saved state); shapes must match. */
  setValues(values: tf.Tensor[]): void {
    this.assertLive();
    if (values.length !== this.shadow.length) throw new Error(`expected ${this.shadow.length} tensors, got ${values.length}`);
    values.forEach((t, i) => {
      if (t.shape.join('x') !== this.shadow[i].shape.join('x')) throw new Error(`tensor ${i} has shape [${t.shape}], expected [${this.shadow[i].shape}]`);
      this.shadow[i].assign(t);
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose(this.shadow);
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('this weight average has been disposed');
  }
}
