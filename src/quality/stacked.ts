// Stacked MNIST's mode count: each channel of each sample classified by the MNIST classifier, the sample's mode the
// triple of classes (100 d0 + 10 d1 + d2), and the coverage of the 1000 modes with the KL of their distribution from
// uniform, as the PacGAN paper counts them (26,000 samples).
import { MNIST_PIXELS } from '../data/mnist.js';
import { featureSet, type QualityClassifier } from './evaluate.js';
import { modeCounts } from './measures.js';

export const STACKED_MODES = 1000;

/** The mode of each sample of `rows` (count x 3 x 784, channel-major). */
export async function stackedModesOf(c: QualityClassifier, rows: Float32Array): Promise<Uint16Array> {
  const dims = 3 * MNIST_PIXELS;
  const count = rows.length / dims;
  if (!Number.isInteger(count) || count < 1) throw new Error(`stacked MNIST: ${rows.length} values do not make rows of ${dims}`);
  // the channels are consecutive 784-value blocks already: the rows of 3 count digits, in order
  const { logits } = await featureSet(c, rows);
  const modes = new Uint16Array(count);
  for (let i = 0; i < count; i++) {
    let mode = 0;
    for (let ch = 0; ch < 3; ch++) {
      const at = (3 * i + ch) * 10;
      let best = 0;
      for (let j = 1; j < 10; j++) if (logits[at + j] > logits[at + best]) best = j;
      mode = mode * 10 + best;
    }
    modes[i] = mode;
  }
  return modes;
}

/** Modes covered (of 1000) and KL from uniform of the samples' modes. */
export async function stackedCoverage(c: QualityClassifier, rows: Float32Array) {
  return modeCounts(await stackedModesOf(c, rows), STACKED_MODES);
}
