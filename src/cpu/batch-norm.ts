// The CPU mirror of shaders/batch_norm.wgsl: batch normalisation over NCHW rows (torch.nn.BatchNorm2d, and
// BatchNorm1d on flat rows, where each feature is a channel of one position), with an activation fused at the output.
import { activate, activationGrad, type CpuActivation } from './activations.js';

export interface BatchNormShape {
  batch: number;
  channels: number;
  /** Positions per channel in a row (height x width; 1 for flat rows). */
  plane: number;
}
export interface BatchNormOptions {
  training: boolean;
  momentum: number;
  eps: number;
}
type Vec = ArrayLike<number>;

/** out = act(gamma (x - mean) / sqrt(var + eps) + beta). Training: the batch's mean and (biased) variance per channel,
 * saved (mean, 1 / sqrt(var + eps)) for the backward, and the running statistics moved towards them by `momentum`
 * (the variance's unbiased estimate, as PyTorch); inference: the running statistics. */
export function batch_norm_forward(
  out: Float64Array, saved: { mean: Float64Array; invstd: Float64Array }, x: Vec, gamma: Vec, beta: Vec,
  running: { mean: Float64Array; variance: Float64Array }, s: BatchNormShape, o: BatchNormOptions,
  act: CpuActivation = 'identity', alpha = 0.2,
): void {
  const count = s.batch * s.plane;
  const index = (n: number, c: number, p: number) => (n * s.channels + c) * s.plane + p;
  for (let c = 0; c < s.channels; c++) {
    let mean = running.mean[c], variance = running.variance[c];
    if (o.training) {
      mean = 0;
      for (let n = 0; n < s.batch; n++) for (let p = 0; p < s.plane; p++) mean += x[index(n, c, p)];
      mean /= count;
      variance = 0;
      for (let n = 0; n < s.batch; n++) for (let p = 0; p < s.plane; p++) variance += (x[index(n, c, p)] - mean) ** 2;
      variance /= count;
      running.mean[c] = (1 - o.momentum) * running.mean[c] + o.momentum * mean;
      running.variance[c] = (1 - o.momentum) * running.variance[c] + o.momentum * variance * (count / (count - 1));
    }
    const invstd = 1 / Math.sqrt(variance + o.eps);
    saved.mean[c] = mean;
    saved.invstd[c] = invstd;
    for (let n = 0; n < s.batch; n++) {
      for (let p = 0; p < s.plane; p++) {
        const i = index(n, c, p);
        out[i] = activate(act, gamma[c] * (x[i] - mean) * invstd + beta[c], alpha);
      }
    }
  }
}

/** The training-mode backward, from dpre (the gradient at gamma xhat + beta): dgamma = sum dpre xhat, dbeta = sum dpre
 * ([+]= when accumulate), dx = gamma invstd / M (M dpre - dbeta - xhat dgamma) * actIn'(x), M = batch x plane. */
export function batch_norm_backward(
  grads: { dx: Float64Array; dgamma: Float64Array; dbeta: Float64Array }, dpre: Vec, x: Vec, gamma: Vec,
  saved: { mean: Vec; invstd: Vec }, s: BatchNormShape, accumulate = false, actIn: CpuActivation = 'identity', alphaIn = 0.2,
): void {
  const count = s.batch * s.plane;
  const index = (n: number, c: number, p: number) => (n * s.channels + c) * s.plane + p;
  for (let c = 0; c < s.channels; c++) {
    const { mean: { [c]: mean }, invstd: { [c]: invstd } } = saved;
    let sumD = 0, sumDX = 0;
    for (let n = 0; n < s.batch; n++) {
      for (let p = 0; p < s.plane; p++) {
        const i = index(n, c, p);
        sumD += dpre[i];
        sumDX += dpre[i] * (x[i] - mean) * invstd;
      }
    }
    grads.dgamma[c] = (accumulate ? grads.dgamma[c] : 0) + sumDX;
    grads.dbeta[c] = (accumulate ? grads.dbeta[c] : 0) + sumD;
    for (let n = 0; n < s.batch; n++) {
      for (let p = 0; p < s.plane; p++) {
        const i = index(n, c, p);
        const xhat = (x[i] - mean) * invstd;
        grads.dx[i] = (gamma[c] * invstd / count) * (count * dpre[i] - sumD - xhat * sumDX) * activationGrad(actIn, x[i], alphaIn);
      }
    }
  }
}
