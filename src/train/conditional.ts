// Class-conditional GANs: G takes a one-hot label concatenated to its noise (Mirza & Osindero 2014); D reads it
//  - 'concatenate': as one-hot columns after each input row (an MLP D);
//  - 'projection': as the class term <embed [y], phi(x)> of its last layer (Miyato & Koyama 2018; src/nn/projection.ts),
//    D's input being the data row alone, so a convolutional D conditions too, and a gradient penalty is on x only;
//  - 'auxiliary': not at all, but D classifies what it sees (ACGAN, Odena et al. 2017): its last layer has 1 + classes
//    outputs, the adversarial logit then the class logits, whose cross-entropy with the rows' labels (reals' and
//    fakes') is added to D's loss and, on the fakes, to G's, times conditional.auxiliaryWeight.
// The labels of the fakes are drawn on the GPU (Philox, their own stream) per step; rng_onehot_rows (shaders/rng.wgsl)
// appends the one-hot columns to z, and to G's output or into D's label rows, drawing the same labels for both at the
// step's draw. A real row's label is uploaded with it: as columns after its values (concatenate), or as a one-hot
// row of its own gathered by a second sampler with the same draw, so the same rows (projection, ACGAN). With
// concatenation take_columns gives G back the gradient at its own columns.
import type { BufferArg } from '../gpu/kernels.js';
import type { Dispatch, Kernels } from '../gpu/registry.js';
import type { NetworkSpec } from '../nn/network.js';
import type { GanConfig } from './config.js';

/** The classes a conditional run's rows carry (labels 0 .. classes - 1); 0 when the run is not conditional. */
export function classesOf(config: Pick<GanConfig, 'conditional'>): number {
  return config.conditional?.classes ?? 0;
}

/** How D reads the label: 'concatenate' (the default), 'projection' or 'auxiliary' (an ACGAN's classifier). */
export type Conditioning = 'concatenate' | 'projection' | 'auxiliary';
export const CONDITIONINGS: readonly Conditioning[] = ['concatenate', 'projection', 'auxiliary'];

/** The classes an ACGAN's D classifies (0 for any other run): its outputs are 1 + these. */
export function auxiliaryClasses(config: Pick<GanConfig, 'conditional'>): number {
  return config.conditional?.discriminator === 'auxiliary' ? classesOf(config) : 0;
}

/** D's outputs per row: its logit, then an ACGAN's class logits. */
export const discriminatorOutputs = (config: Pick<GanConfig, 'conditional'>): number => 1 + auxiliaryClasses(config);

/** How a conditional run's D reads the label when the config does not say: by projection where concatenation has no
 * place (a D that reshapes rows into images) or would be penalised with x (a gradient penalty), else by concatenation. */
export function defaultConditioning(config: Partial<Pick<GanConfig, 'discriminator' | 'penalty'>>): Conditioning {
  return config.discriminator?.layers?.[0]?.type === 'reshape' || config.penalty ? 'projection' : 'concatenate';
}

/** Whether D's input rows carry the label as columns (a conditional run concatenating it). */
export function labelsInRows(config: Pick<GanConfig, 'conditional'>): boolean {
  return classesOf(config) > 0 && (config.conditional?.discriminator ?? 'concatenate') === 'concatenate';
}

/** Whether the step keeps the labels as rows of their own (a projection D reads them, an ACGAN's loss does). */
export function labelsApart(config: Pick<GanConfig, 'conditional'>): boolean {
  return classesOf(config) > 0 && !labelsInRows(config);
}

/** G's input: the noise, then the one-hot label. */
export function generatorSpec(config: GanConfig): NetworkSpec {
  return { input: config.noise?.dim + classesOf(config), layers: config.generator?.layers };
}

/** D's input: a data row, then the one-hot label when D concatenates it. A projection D's last layer, which the
 * config gives as { units: 1, activation: 'identity' }, becomes the projection layer over the classes; an ACGAN's
 * becomes 1 + classes wide. */
export function discriminatorSpec(config: GanConfig, dataDims: number): NetworkSpec {
  const layers = config.discriminator?.layers;
  if (!labelsApart(config) || !Array.isArray(layers) || layers.length === 0) {
    // a packed D (config.pack) reads `pack` rows side by side (never conditional: validateConfig)
    return { input: (config.pack ?? 1) * dataDims + (labelsInRows(config) ? classesOf(config) : 0), layers };
  }
  const last = layers[layers.length - 1] as { type?: string; units?: number; activation?: string };
  if ((last.type ?? 'linear') !== 'linear' || last.units !== 1 || last.activation !== 'identity') {
    throw new Error(`config.discriminator.layers[${layers.length - 1}]: a D with conditional.discriminator '${config.conditional?.discriminator}' ` +
      `ends with { units: 1, activation: 'identity' }, which becomes its ${config.conditional?.discriminator} layer; got ${JSON.stringify(last)}`);
  }
  const head = auxiliaryClasses(config) ? { ...last, units: discriminatorOutputs(config) } : { type: 'projection', classes: classesOf(config) };
  return { input: dataDims, layers: [...layers.slice(0, -1), head as NetworkSpec['layers'][number]] };
}

/** Each row's label as a one-hot row (count rows of `classes`). Throws naming the first label that is missing, not
 * an integer, or out of range. */
export function onehotLabels(labels: ArrayLike<number> | undefined, count: number, classes: number): Float32Array {
  if (!labels || labels.length !== count) throw new Error(`data.labels: a conditional run needs one label per row (${count}), got ${labels?.length ?? 'none'}`);
  const out = new Float32Array(count * classes);
  for (let r = 0; r < count; r++) {
    const y = labels[r];
    if (!Number.isInteger(y) || y < 0 || y >= classes) throw new Error(`data.labels[${r}] must be an integer in [0, ${classes - 1}], got ${y}`);
    out[r * classes + y] = 1;
  }
  return out;
}

/** The data rows with each row's one-hot label appended (the rows themselves when not conditional). Throws naming
 * the first label that is missing, not an integer, or out of range. */
export function rowsWithLabels(rows: Float32Array, dims: number, labels: ArrayLike<number> | undefined, classes: number): Float32Array {
  if (classes === 0) return rows;
  const count = rows.length / dims;
  const onehot = onehotLabels(labels, count, classes);
  const width = dims + classes;
  const out = new Float32Array(count * width);
  for (let r = 0; r < count; r++) {
    out.set(rows.subarray(r * dims, (r + 1) * dims), r * width);
    out.set(onehot.subarray(r * classes, (r + 1) * classes), r * width + dims);
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

/** The softmax of `count` logits from column `first` of each row `width` wide (f64, max subtracted), as rows of count. */
export function softmaxRows(out: Float32Array, width: number, first: number, count: number): Float32Array {
  const rows = out.length / width, p = new Float32Array(rows * count);
  for (let r = 0; r < rows; r++) {
    const x = Array.from({ length: count }, (_, j) => out[r * width + first + j]);
    const m = Math.max(...x), e = x.map((v) => Math.exp(v - m)), z = e.reduce((a, b) => a + b, 0);
    e.forEach((v, j) => { p[r * count + j] = v / z; });
  }
  return p;
}
