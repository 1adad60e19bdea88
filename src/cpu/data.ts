// The CPU mirror of shaders/data.wgsl.
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

/** Writes `values` into slot (iteration % slots) of the ring and returns the next iteration count. */
export function ring_commit(ring: Float64Array, values: ArrayLike<number>, iteration: number, slots: number): number {
  const slot = iteration % slots;
  for (let j = 0; j < values.length; j++) ring[slot * values.length + j] = values[j];
  return iteration + 1;
}
