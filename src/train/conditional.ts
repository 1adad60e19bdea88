// Class-conditional GANs (Mirza & Osindero 2014): a one-hot label concatenated to G's noise and to D's input rows.
// The labels of the fakes are drawn on the GPU (Philox, their own stream) per step; a real row carries its label as
// one-hot columns appended when the data is uploaded, so the minibatch gather brings them along. rng_onehot_rows
// (shaders/rng.wgsl) appends the one-hot columns to z and to G's output, drawing the same labels for both at the
// step's draw; take_columns gives G back the gradient at its own columns.
import type { BufferArg } from '../gpu/kernels.js';
import type { Dispatch, Kernels } from '../gpu/registry.js';
import type { NetworkSpec } from '../nn/network.js';
import type { GanConfig } from './config.js';

/** The classes a conditional run's rows carry (labels 0 .. classes - 1); 0 when the run is not conditional. */
export function classesOf(config: Pick<GanConfig, 'conditional'>): number {
  return config.conditional?.classes ?? 0;
}

/** G's input: the noise, then the one-hot label. */
export function generatorSpec(config: GanConfig): NetworkSpec {
  return { input: config.noise?.dim + classesOf(config), layers: config.generator?.layers };
}

/** D's input: a data row, then the one-hot label. */
export function discriminatorSpec(config: GanConfig, dataDims: number): NetworkSpec {
  return { input: dataDims + classesOf(config), layers: config.discriminator?.layers };
}

/** The data rows with each row's one-hot label appended (the rows themselves when not conditional). Throws naming
 * the first label that is missing, not an integer, or out of range. */
export function rowsWithLabels(rows: Float32Array, dims: number, labels: ArrayLike<number> | undefined, classes: number): Float32Array {
  if (classes === 0) return rows;
  const count = rows.length / dims;
  if (!labels || labels.length !== count) throw new Error(`data.labels: a conditional run needs one label per row (${count}), got ${labels?.length ?? 'none'}`);
  const width = dims + classes;
  const out = new Float32Array(count * width);
  for (let r = 0; r < count; r++) {
    const y = labels[r];
    if (!Number.isInteger(y) || y < 0 || y >= classes) throw new Error(`data.labels[${r}] must be an integer in [0, ${classes - 1}], got ${y}`);
    out.set(rows.subarray(r * dims, (r + 1) * dims), r * width);
    out[r * width + dims + y] = 1;
  }
  return out;
}

/** rng_onehot_rows: n rows of `data` (cols each) with their one-hot label appended, into `out` from row `outRow` on;
 * the labels drawn from `stream` at rng_state + drawOffset, or all `label` when it is >= 0. */
export function onehotRows(k: Kernels, config: GanConfig, b: { out: BufferArg; data: BufferArg; rngState: GPUBuffer }, stream: number,
  n: number, cols: number, drawOffset: number, label = -1, outRow = 0): Dispatch {
  const classes = classesOf(config);
  return k.prepare('rng_onehot_rows', { out: b.out, data: b.data, rng_state: b.rngState }, {
    n, cols, range: classes, out_index: outRow * (cols + classes), stream, seed_lo: config.seed >>> 0,
    seed_hi: Math.floor(config.seed / 2 ** 32) >>> 0, draw_offset: drawOffset, a: label,
  }, {}, label >= 0 ? `rows with label ${label}` : 'rows with drawn labels');
}

/** take_columns: G's own columns of the gradient at D's fake rows (the label's columns dropped). */
export function takeColumns(k: Kernels, out: BufferArg, data: BufferArg, n: number, cols: number, width: number): Dispatch {
  return k.prepare('take_columns', { out, data }, { n, cols, range: width }, {}, "G's columns of D's input gradient");
}

/** A class for a conditional run: an integer in [0, classes); `required` where D needs one (it reads the label). */
export function checkLabel(config: GanConfig, what: string, label: number | undefined, required: boolean): void {
  const classes = classesOf(config);
  if (label === undefined) {
    if (required && classes) throw new Error(`${what}: a conditional D needs { label } (an integer in [0, ${classes - 1}])`);
    return;
  }
  if (!classes) throw new Error(`${what}: { label } needs a conditional run (config.conditional)`);
  if (!Number.isInteger(label) || label < 0 || label >= classes) throw new Error(`${what}: label must be an integer in [0, ${classes - 1}], got ${label}`);
}
