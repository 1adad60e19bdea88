// Minibatch gathering and the metrics' means, as the GPU computes them (rng_gather_rows in shaders/rng.wgsl, and
// the means of sigmoid_bce_forward_backward in shaders/loss.wgsl).
import { sigmoid } from './activations.js';

export function gather_rows(
  out: Float64Array, data: ArrayLike<number>, indices: ArrayLike<number>, cols: number, datasetRows: number,
): void {
  for (let r = 0; r < indices.length; r++) {
    const source = Math.min(indices[r], datasetRows - 1);
    for (let c = 0; c < cols; c++) out[r * cols + c] = data[source * cols + c];
  }
}

export function mean_forward(values: ArrayLike<number>, op: 'identity' | 'sigmoid' = 'identity'): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += op === 'sigmoid' ? sigmoid(values[i]) : values[i];
  return sum / values.length;
}
