// The CPU mirror of shaders/loss.wgsl.
import { sigmoid } from './activations.js';

export type CpuBceMode = 'bce' | 'minimax_generator' | 'non_saturating_generator';

/** log(1 + exp(x)) without overflow. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** Per-element loss and its derivative in the logit. */
export function bceTerm(mode: CpuBceMode, x: number, target: number): { loss: number; grad: number } {
  const s = sigmoid(x);
  switch (mode) {
    case 'minimax_generator': return { loss: -softplus(x), grad: -s };
    case 'non_saturating_generator': return { loss: softplus(-x), grad: s - 1 };
    default: return { loss: softplus(x) - x * target, grad: s - target };
  }
}

/** Returns the mean loss; writes dlogits = scale * dl/dx / n. */
export function sigmoid_bce_forward_backward(
  dlogits: Float64Array, logits: ArrayLike<number>, mode: CpuBceMode, target = 1, scale = 1,
): number {
  const n = logits.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const { loss, grad } = bceTerm(mode, logits[i], target);
    sum += loss;
    dlogits[i] = (scale * grad) / n;
  }
  return sum / n;
}

export type CpuGanLossMode =
  | 'least_squares_discriminator' | 'least_squares_generator' | 'hinge_discriminator' | 'wasserstein_discriminator'
  | 'critic_generator';

/** Per-element loss on D's raw output x and its derivative (gan_loss_forward_backward's modes). `fake` says which half
 * of D's batch x is in (the discriminator modes' fakes take target 0); `target` is the real (or G's) target. */
export function ganLossTerm(mode: CpuGanLossMode, x: number, fake: boolean, target: number): { loss: number; grad: number } {
  switch (mode) {
    case 'least_squares_discriminator':
    case 'least_squares_generator': {
      const r = x - (fake && mode === 'least_squares_discriminator' ? 0 : target);
      return { loss: (r * r) / 2, grad: r };
    }
    case 'hinge_discriminator':
      return fake ? { loss: Math.max(0, 1 + x), grad: x > -1 ? 1 : 0 } : { loss: Math.max(0, 1 - x), grad: x < 1 ? -1 : 0 };
    case 'wasserstein_discriminator': return fake ? { loss: x, grad: 1 } : { loss: -x, grad: -1 };
    default: return { loss: -x, grad: -1 };
  }
}

/** One half of D's batch (or G's batch): returns the mean loss; writes dlogits = scale * dl/dx / n. */
export function gan_loss_forward_backward(
  dlogits: Float64Array, logits: ArrayLike<number>, mode: CpuGanLossMode, fake: boolean, target = 1, scale = 1,
): number {
  const n = logits.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const { loss, grad } = ganLossTerm(mode, logits[i], fake, target);
    sum += loss;
    dlogits[i] = (scale * grad) / n;
  }
  return sum / n;
}

/** The mirror of softmax_ce_forward_backward: n rows of `classes` logits; writes dlogits = scale * (softmax - onehot)
 * / n; returns the mean loss and the share of rows whose first largest logit is their label's. */
export function softmax_ce_forward_backward(
  dlogits: Float64Array, logits: ArrayLike<number>, labels: ArrayLike<number>, classes: number, scale = 1,
): { loss: number; accuracy: number } {
  const n = labels.length;
  let loss = 0, right = 0;
  for (let i = 0; i < n; i++) {
    const row = i * classes, y = labels[i];
    let m = logits[row], best = 0;
    for (let j = 1; j < classes; j++) if (logits[row + j] > m) [m, best] = [logits[row + j], j];
    let z = 0;
    for (let j = 0; j < classes; j++) z += Math.exp(logits[row + j] - m);
    const lse = m + Math.log(z);
    loss += lse - logits[row + y];
    if (best === y) right++;
    for (let j = 0; j < classes; j++) dlogits[row + j] = (scale * (Math.exp(logits[row + j] - lse) - (j === y ? 1 : 0))) / n;
  }
  return { loss: loss / n, accuracy: right / n };
}

/** The mirror of auxiliary_ce_forward_backward (an ACGAN's classifier loss): n rows `rowStride` wide whose class
 * logits start at `firstColumn`, labels one-hot rows of `classes`, rows [0, fakeRows) the fakes; writes dlogits at
 * those columns (scale * dl/dx / the rows of its half) and returns scale * (mean over the fakes + mean over the reals). */
export function auxiliary_ce_forward_backward(
  dlogits: Float64Array, logits: ArrayLike<number>, labels: ArrayLike<number>, n: number, classes: number, rowStride: number,
  firstColumn: number, fakeRows: number, scale = 1,
): number {
  const fakes = Math.min(fakeRows, n), sums = [0, 0];
  for (let i = 0; i < n; i++) {
    let y = 0;
    for (let j = 0; j < classes; j++) if (labels[i * classes + j] > 0.5) y = j;
    const half = i < fakes ? 0 : 1, rows = Math.max(half === 0 ? fakes : n - fakes, 1);
    const row = i * rowStride + firstColumn;
    const m = Math.max(...Array.from({ length: classes }, (_, j) => logits[row + j]));
    let z = 0;
    for (let j = 0; j < classes; j++) z += Math.exp(logits[row + j] - m);
    const lse = m + Math.log(z);
    sums[half] += (lse - logits[row + y]) / rows;
    for (let j = 0; j < classes; j++) dlogits[row + j] = (scale * (Math.exp(logits[row + j] - lse) - (j === y ? 1 : 0))) / rows;
  }
  return scale * (sums[0] + sums[1]);
}
