// The trainer's configuration: types, the standard defaults, and validation that names the field and the allowed
// values before any GPU work happens.
import type { Activation } from '../nn/activations.js';
import { describeShape, featureSize } from '../nn/layer.js';
import { planNetwork, type LayerSpec, type NetworkPlan } from '../nn/network.js';
import { planSpectral } from '../nn/spectral.js';
import type { PenaltyConfig } from './penalty.js';
import { CONDITIONINGS, discriminatorOutputs, discriminatorSpec, generatorSpec, labelsInRows } from './conditional.js';
import { GAN_LOSSES, isGanLoss, lossPlan, type GanLoss } from './losses.js';

/** A network's optimizer: Adam (beta1 defaults to 0.5, beta2 to 0.999, eps to 1e-8) or SGD with momentum (0.9 by
 * default). `lr` is the base learning rate; {@link GanConfig.schedule} scales it. */
export type OptimizerConfig =
  | { type: 'adam'; lr: number; beta1?: number; beta2?: number; eps?: number }
  | { type: 'sgd'; lr: number; momentum?: number };

/** Everything that defines a run: the two networks, the noise, Algorithm 1's k, the generator's loss, the optimizers,
 * the batch size, the seed, the real label and an optional learning-rate schedule. Start from {@link toyConfig},
 * {@link mnistConfig} or {@link standardConfig}; {@link validateConfig} checks every field before any GPU work. */
export interface GanConfig {
  /** G's layers; its input is noise.dim and its last layer's units must equal the data's dimension. */
  generator: { layers: LayerSpec[] };
  /** D's layers; its input is the data's dimension and its last layer is 1 unit of logits (identity). */
  discriminator: { layers: LayerSpec[] };
  /** G's input z: its width, and its distribution: N(0, 1) ('normal') or U(-1, 1) ('uniform'). */
  noise: { dim: number; distribution: 'normal' | 'uniform' };
  /** Discriminator steps per generator step (Algorithm 1's k). */
  k: number;
  /** The GAN's loss ({@link GanLoss}): Goodfellow et al.'s 'non-saturating' or 'minimax', or 'least-squares',
   * 'hinge', 'wasserstein'. */
  loss: GanLoss;
  /** Each network's optimizer and base learning rate. */
  optimizers: { generator: OptimizerConfig; discriminator: OptimizerConfig };
  /** Rows per minibatch: real rows for D's steps, and noise rows for every step. */
  batchSize: number;
  /** Seeds the initial weights and every random draw (noise, minibatches, samples): one seed, one run. */
  seed: number;
  /** The target for real samples in D's loss: 1, or a soft label such as 0.9. */
  realLabel: number;
  /** Learning-rate steps: from iteration `at` on (after `at` iterations), each network's lr is its optimizer's lr
   * times `factor` (or times `generator` / `discriminator` for that network alone). Applied on the GPU between
   * chunks without rebuilding the run; `at` strictly increasing. E.g. [{ at: 4000, factor: 0.3 }, { at: 6000, factor: 0.1 }]. */
  schedule?: LrStep[];
  /** A moving average of G's weights, updated after each generator step (ema += (1 - decay) (G - ema), from G's
   * initial weights): often sharper samples than G's own (gan.sample(n, { ema: true })); saved in checkpoints. */
  ema?: { decay: number };
  /** Spectral normalisation of every D layer's weight (Miyato et al. 2018; linear and conv2d): D's layers use
   * W / sigma(W), sigma from one power iteration per forward; the u and v vectors are part of the run's state. */
  spectralNorm?: boolean;
  /** A penalty on D's input gradient, added to D's loss: 'r1' (gamma = weight, at the real rows; Mescheder et al.
   * 2018) or 'wgan-gp' (lambda = weight, usually 10, at random interpolates of real and fake rows; Gulrajani et al.
   * 2017). Its gradient is a gradient of a gradient: src/train/penalty.ts. */
  penalty?: PenaltyConfig;
  /** A class-conditional GAN (src/train/conditional.ts): G takes a one-hot label after its noise, D after each row;
   * the data must carry a label per row (data.labels), and samples take a class (gan.sample(n, { label })). */
  conditional?: {
    classes: number;
    /** How D reads the label: 'concatenate' (default; one-hot columns after each row, an MLP D) or 'projection'
     * (Miyato & Koyama 2018: its last layer's class term; any D, and a gradient penalty on x only) or 'auxiliary'
     * (ACGAN, Odena et al. 2017: D classifies the rows it sees, its class logits after its adversarial one). */
    discriminator?: import('./conditional.js').Conditioning;
    /** 'auxiliary' (ACGAN): the classifier loss's weight in D's and G's losses (default 1). */
    auxiliaryWeight?: number;
  };
  /** PacGAN (Lin et al. 2018): D judges packs of this many rows, each pack all real or all G's, as one input of
   * `pack` x the data's dimension (an image D: `pack` x its channels, the rows' channels side by side), so that a
   * G that covers few modes shows it within a pack. D's first layer reads the packed width; batchSize must be a
   * multiple. Default 1 (no packing). */
  pack?: number;
}

/** One step of a learning-rate schedule ({@link GanConfig.schedule}); {@link parseSchedule} reads them from text. */
export interface LrStep {
  /** The iteration count after which the step applies (1 or more; the steps' `at` strictly increase). */
  at: number;
  /** The factor on both networks' base learning rates. */
  factor?: number;
  /** The factor on G's base learning rate (in place of `factor`). */
  generator?: number;
  /** The factor on D's base learning rate (in place of `factor`). */
  discriminator?: number;
}

/** Each network's learning rate for the iteration that follows `done` iterations, under the config's schedule. */
export function learningRatesAt(config: GanConfig, done: number): { generator: number; discriminator: number } {
  let g = 1, d = 1;
  for (const step of config.schedule ?? []) {
    if (step.at > done) break;
    g = step.generator ?? step.factor ?? 1;
    d = step.discriminator ?? step.factor ?? 1;
  }
  return { generator: config.optimizers.generator.lr * g, discriminator: config.optimizers.discriminator.lr * d };
}

/** The first iteration count after `done` at which the schedule changes a rate (Infinity when none is left). */
export function nextRateChange(config: GanConfig, done: number): number {
  return (config.schedule ?? []).find((s) => s.at > done)?.at ?? Infinity;
}

/** Parses the CLI's and the lab's schedule text: `at:factor` for both networks or `at:generator:discriminator`,
 * comma-separated, e.g. '4000:0.3,6000:0.1' or '4000:0.3:0.5'. Throws an Error naming the bad item. */
export function parseSchedule(text: string): LrStep[] {
  if (text.trim() === '') return [];
  return text.split(',').map((item) => {
    const parts = item.trim().split(':');
    const numbers = parts.map((p) => (/^[0-9.eE+-]+$/.test(p) ? Number(p) : NaN));
    if ((parts.length !== 2 && parts.length !== 3) || numbers.some((v) => !Number.isFinite(v))) {
      throw new Error(`schedule item '${item.trim()}' must be at:factor or at:generatorFactor:discriminatorFactor (numbers)`);
    }
    return parts.length === 2 ? { at: numbers[0], factor: numbers[1] } : { at: numbers[0], generator: numbers[1], discriminator: numbers[2] };
  });
}

/** Philox streams: each kind of draw has its own, so adding one never shifts another (shared with the CPU trainer). */
export const STREAMS = { real: 1, noiseD: 2, noiseG: 3, sample: 4, penalty: 5, labelsD: 6, labelsG: 7, labelsSample: 8 } as const;

/** An optimizer config with its defaults filled in (for SGD, `beta1` holds the momentum). */
export interface ResolvedOptimizer {
  type: 'adam' | 'sgd';
  lr: number;
  beta1: number; // sgd: momentum
  beta2: number;
  eps: number;
}

/** The optimizer config with its defaults filled in: what the GPU's optimizer dispatches use. */
export function resolveOptimizer(o: OptimizerConfig): ResolvedOptimizer {
  return o.type === 'adam'
    ? { type: 'adam', lr: o.lr, beta1: o.beta1 ?? 0.5, beta2: o.beta2 ?? 0.999, eps: o.eps ?? 1e-8 }
    : { type: 'sgd', lr: o.lr, beta1: o.momentum ?? 0.9, beta2: 0, eps: 0 };
}

const layer = (units: number, activation: Activation, alpha?: number): LayerSpec => ({ units, activation, alpha });

/** The standard MNIST-sized GAN: G 64-256-256-784, D 784-256-256-1, batch 64, k = 1, Adam 2e-4 / 0.5, non-saturating. */
export function standardConfig(overrides: Partial<GanConfig> = {}): GanConfig {
  return {
    generator: { layers: [layer(256, 'relu'), layer(256, 'relu'), layer(784, 'sigmoid')] },
    discriminator: { layers: [layer(256, 'leaky_relu', 0.2), layer(256, 'leaky_relu', 0.2), layer(1, 'identity')] },
    noise: { dim: 64, distribution: 'normal' },
    k: 1,
    loss: 'non-saturating',
    optimizers: { generator: { type: 'adam', lr: 2e-4, beta1: 0.5 }, discriminator: { type: 'adam', lr: 2e-4, beta1: 0.5 } },
    batchSize: 64,
    seed: 1,
    realLabel: 1,
    ...overrides,
  };
}

/** A small GAN that learns MNIST digits in a few thousand iterations without collapsing (G 100-128-784 sigmoid,
 * D 784-128-1, uniform noise, Adam 1e-3 with beta1 0.9, batch 128): the CLI's default for MNIST. The standard
 * config above is the benchmark's; on the `mnist` package's digits its D wins within a few hundred iterations and G
 * collapses (README, "The command line"). */
export function mnistConfig(overrides: Partial<GanConfig> = {}): GanConfig {
  return standardConfig({
    generator: { layers: [layer(128, 'relu'), layer(784, 'sigmoid')] },
    discriminator: { layers: [layer(128, 'relu'), layer(1, 'identity')] },
    noise: { dim: 100, distribution: 'uniform' },
    optimizers: { generator: { type: 'adam', lr: 1e-3, beta1: 0.9 }, discriminator: { type: 'adam', lr: 1e-3, beta1: 0.9 } },
    batchSize: 128,
    ...overrides,
  });
}

/** A small GAN for 2-D toy data (ring of 8, grid of 25). */
export function toyConfig(overrides: Partial<GanConfig> = {}): GanConfig {
  return standardConfig({
    generator: { layers: [layer(128, 'relu'), layer(128, 'relu'), layer(2, 'identity')] },
    discriminator: { layers: [layer(128, 'leaky_relu', 0.2), layer(128, 'leaky_relu', 0.2), layer(1, 'identity')] },
    noise: { dim: 16, distribution: 'normal' },
    optimizers: { generator: { type: 'adam', lr: 1e-3, beta1: 0.5 }, discriminator: { type: 'adam', lr: 1e-3, beta1: 0.5 } },
    batchSize: 256,
    ...overrides,
  });
}

/** The ring-of-8 configuration that meets the unrolled-GAN paper's criterion (at least 7 of 8 modes, at least 70% of
 * samples within 3 std) after 6500 iterations for seeds 1, 2 and 3 (README, "Convergence on the ring of 8"):
 * G 8-64-64-64-2 relu, D 2-64-64-1 leaky relu, batch 256, Adam beta1 0.5, G's lr 1e-3 and D's 7e-4, both x0.3
 * after 4000 iterations and x0.1 after 6000. examples/configs/ring8-paper.json is the same, as JSON. */
export function ring8PaperConfig(seed = 1): GanConfig {
  const hidden = (activation: Activation) => ({ units: 64, activation, ...(activation === 'leaky_relu' ? { alpha: 0.2 } : {}) });
  return standardConfig({
    generator: { layers: [hidden('relu'), hidden('relu'), hidden('relu'), { units: 2, activation: 'identity' }] },
    discriminator: { layers: [hidden('leaky_relu'), hidden('leaky_relu'), { units: 1, activation: 'identity' }] },
    noise: { dim: 8, distribution: 'normal' },
    optimizers: { generator: { type: 'adam', lr: 1e-3, beta1: 0.5 }, discriminator: { type: 'adam', lr: 7e-4, beta1: 0.5 } },
    batchSize: 256,
    seed,
    schedule: [{ at: 4000, factor: 0.3 }, { at: 6000, factor: 0.1 }],
  });
}

function fail(field: string, allowed: string, got: unknown): never {
  throw new Error(`config${field ? `.${field}` : ''} must be ${allowed}, got ${JSON.stringify(got)}`);
}

/** A key the config does not know is an error that names it (a typo such as 'bAta1' would otherwise leave the default
 * in force without a word). */
function onlyKnownKeys(value: unknown, known: readonly string[], field: string): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return; // the field's own check says what it must be
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new Error(`config${field ? `.${field}` : ''} has an unknown key '${key}' (known: ${known.join(', ')})`);
  }
}

const CONFIG_KEYS = ['generator', 'discriminator', 'noise', 'k', 'loss', 'optimizers', 'batchSize', 'seed', 'realLabel', 'schedule', 'ema', 'spectralNorm', 'penalty', 'conditional', 'pack'] as const;
const OPTIMIZER_KEYS = { adam: ['type', 'lr', 'beta1', 'beta2', 'eps'], sgd: ['type', 'lr', 'momentum'] } as const;

const isInt = (v: unknown, lo: number, hi: number) => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;
const isNum = (v: unknown, lo: number, hi: number) => typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;

function validateOptimizer(o: OptimizerConfig | undefined, field: string): void {
  const type = (o as { type?: unknown } | undefined)?.type;
  if (!o || (type !== 'adam' && type !== 'sgd')) fail(`${field}.type`, "'adam' or 'sgd'", type);
  onlyKnownKeys(o, OPTIMIZER_KEYS[o.type], field);
  if (!isNum(o.lr, 0, 10)) fail(`${field}.lr`, 'a number in [0, 10]', o.lr);
  if (o.type === 'adam') {
    if (o.beta1 !== undefined && !isNum(o.beta1, 0, 0.999999)) fail(`${field}.beta1`, 'a number in [0, 1)', o.beta1);
    if (o.beta2 !== undefined && !isNum(o.beta2, 0, 0.999999)) fail(`${field}.beta2`, 'a number in [0, 1)', o.beta2);
    if (o.eps !== undefined && !isNum(o.eps, 1e-30, 1)) fail(`${field}.eps`, 'a number in (0, 1]', o.eps);
  } else if (o.momentum !== undefined && !isNum(o.momentum, 0, 0.999999)) {
    fail(`${field}.momentum`, 'a number in [0, 1)', o.momentum);
  }
}

function validateSchedule(schedule: LrStep[] | undefined): void {
  if (schedule === undefined) return;
  if (!Array.isArray(schedule)) fail('schedule', 'an array of { at, factor | generator | discriminator }', schedule);
  schedule.forEach((step, i) => {
    const field = `schedule[${i}]`;
    if (!step || typeof step !== 'object') fail(field, 'an object { at, factor | generator | discriminator }', step);
    onlyKnownKeys(step, ['at', 'factor', 'generator', 'discriminator'], field);
    const previous = i > 0 ? schedule[i - 1].at : 0;
    if (!isInt(step.at, previous + 1, Number.MAX_SAFE_INTEGER)) {
      fail(`${field}.at`, `an integer above ${previous} (the steps' iterations strictly increase, from 1)`, step.at);
    }
    if (step.factor === undefined && step.generator === undefined && step.discriminator === undefined) {
      fail(field, 'a step with factor, generator or discriminator', step);
    }
    for (const key of ['factor', 'generator', 'discriminator'] as const) {
      if (step[key] !== undefined && !isNum(step[key], 0, 1000)) fail(`${field}.${key}`, 'a number in [0, 1000]', step[key]);
    }
  });
}

/** D's rows per batch of `rows` data rows: packs of config.pack (PacGAN), or the rows themselves. */
export function packedRows(config: GanConfig, rows: number): number {
  return rows / (config.pack ?? 1);
}

function validatePack(config: GanConfig): void {
  const pack = config.pack;
  if (pack === undefined) return;
  if (!isInt(pack, 1, 16)) fail('pack', 'an integer in [1, 16] (rows per pack D judges; 2 to 4 is usual)', pack);
  if (pack === 1) return;
  if (config.batchSize % pack !== 0) fail('batchSize', `a multiple of config.pack (${pack}): D judges whole packs`, config.batchSize);
  // a pack's rows would need a label each (conditional), and the penalties are defined on single samples
  if (config.conditional) throw new Error('config.pack: packing is for unconditional GANs (a pack of rows has no one label); remove conditional or pack');
  if (config.penalty) throw new Error(`config.pack: packing with a gradient penalty (${config.penalty.type}) is not supported; remove penalty or pack`);
}

/** Checks every field; `dataDims` is the width of the data's rows. Throws an Error naming the field. */
export function validateConfig(config: GanConfig, dataDims: number): void {
  if (!config || typeof config !== 'object' || Array.isArray(config)) fail('', 'an object', config);
  onlyKnownKeys(config, CONFIG_KEYS, '');
  onlyKnownKeys(config.noise, ['dim', 'distribution'], 'noise');
  onlyKnownKeys(config.optimizers, ['generator', 'discriminator'], 'optimizers');
  for (const net of ['generator', 'discriminator'] as const) onlyKnownKeys(config[net], ['layers'], net);
  if (!config.noise || !isInt(config.noise.dim, 1, 4096)) fail('noise.dim', 'an integer in [1, 4096]', config.noise?.dim);
  if (config.noise.distribution !== 'normal' && config.noise.distribution !== 'uniform') {
    fail('noise.distribution', "'normal' or 'uniform'", config.noise.distribution);
  }
  if (!isInt(config.k, 1, 100)) fail('k', 'an integer in [1, 100]', config.k);
  if (!isGanLoss(config.loss)) fail('loss', GAN_LOSSES.map((l) => `'${l}'`).join(', '), config.loss);
  if (!isInt(config.batchSize, 1, 65536)) fail('batchSize', 'an integer in [1, 65536]', config.batchSize);
  if (!isInt(config.seed, 0, Number.MAX_SAFE_INTEGER)) fail('seed', 'a non-negative safe integer', config.seed);
  if (!isNum(config.realLabel, 0.5, 1)) fail('realLabel', 'a number in [0.5, 1]', config.realLabel);
  if (!lossPlan(config.loss).usesRealLabel && config.realLabel !== 1) {
    fail('realLabel', `1 with loss '${config.loss}' (a critic's loss has no target to soften)`, config.realLabel);
  }
  validateSchedule(config.schedule);
  if (config.ema !== undefined) {
    onlyKnownKeys(config.ema, ['decay'], 'ema');
    if (!isNum(config.ema?.decay, 0, 0.999999999)) fail('ema.decay', 'a number in [0, 1) (0.999 is usual)', config.ema?.decay);
  }
  if (config.conditional !== undefined) {
    onlyKnownKeys(config.conditional, ['classes', 'discriminator', 'auxiliaryWeight'], 'conditional');
    if (!isInt(config.conditional?.classes, 2, 1000)) fail('conditional.classes', 'an integer in [2, 1000]', config.conditional?.classes);
    const how = config.conditional.discriminator;
    if (how !== undefined && !CONDITIONINGS.includes(how)) fail('conditional.discriminator', CONDITIONINGS.map((c) => `'${c}'`).join(', '), how);
    const weight = config.conditional.auxiliaryWeight;
    if (weight !== undefined && (how !== 'auxiliary' || !isNum(weight, 1e-9, 100))) {
      fail('conditional.auxiliaryWeight', "a number in (0, 100] with conditional.discriminator 'auxiliary'", weight);
    }
    // a concatenating D's input gradient has the label's one-hot columns in it, which a penalty would take in
    if (config.penalty && labelsInRows(config)) {
      throw new Error("config.penalty: a gradient penalty with a conditional D needs conditional.discriminator 'projection' (a concatenating D's label columns would be penalised too)");
    }
  }
  validatePack(config);
  validateOptimizer(config.optimizers?.generator, 'optimizers.generator');
  validateOptimizer(config.optimizers?.discriminator, 'optimizers.discriminator');
  const generator = planNetwork(generatorSpec(config), 'config.generator');
  const gOut = config.generator.layers[config.generator.layers.length - 1];
  if (featureSize(generator.output) !== dataDims) {
    if ((gOut.type ?? 'linear') === 'linear') fail('generator.layers[-1].units', `the data's dimension (${dataDims})`, (gOut as { units: number }).units);
    fail('generator', `a network whose output holds the data's dimension (${dataDims}) values`, `${describeShape(generator.output)} = ${featureSize(generator.output)}`);
  }
  if (labelsInRows(config) && config.discriminator?.layers?.[0]?.type === 'reshape') {
    throw new Error("config.conditional: a concatenating D's input is a data row followed by its one-hot label, so D must start with a " +
      "linear layer; a D that reshapes rows into images (a convolutional D) conditions with conditional.discriminator 'projection'");
  }
  const discriminator = planNetwork(discriminatorSpec(config, dataDims), 'config.discriminator');
  if (featureSize(discriminator.output) !== discriminatorOutputs(config) || discriminator.outputAct.activation !== 'identity') {
    fail('discriminator.layers[-1]', "{ units: 1, activation: 'identity' } (D outputs logits)", config.discriminator.layers[config.discriminator.layers.length - 1]);
  }
  if (config.penalty !== undefined) {
    onlyKnownKeys(config.penalty, ['type', 'weight'], 'penalty');
    if (config.penalty?.type !== 'r1' && config.penalty?.type !== 'wgan-gp') fail('penalty.type', "'r1' or 'wgan-gp'", config.penalty?.type);
    if (!isNum(config.penalty.weight, 1e-9, 1e4)) fail('penalty.weight', 'a number in (0, 10000]', config.penalty.weight);
  }
  if (config.spectralNorm !== undefined && typeof config.spectralNorm !== 'boolean') fail('spectralNorm', 'true or false', config.spectralNorm);
  if (config.spectralNorm) planSpectral(discriminator, 'config.discriminator');
  const norm = discriminator.layers.find((l) => l.type === 'batch_norm');
  if (norm) {
    // D's step runs the fake and the real rows as one batch: normalised together, D could tell the halves apart by
    // their statistics alone; normalised apart, the step's two halves would be two networks. So D has none (as in
    // WGAN-GP, whose penalty needs each sample's gradient on its own).
    throw new Error(`${norm.field}: batch_norm is not supported in the discriminator (its step normalises fake and real rows as one batch); use it in the generator`);
  }
  for (const l of generator.layers.filter((l) => l.type === 'batch_norm')) {
    if (config.batchSize * l.input.height * l.input.width < 2) {
      throw new Error(`${l.field}: batch_norm needs more than one value per channel in a batch (batchSize x height x width >= 2)`);
    }
  }
}

/** G's and D's plans (shapes, tensors, layouts) under this config: G from noise.dim, D from the data's rows. */
export function networkPlans(config: GanConfig, dataDims: number): { generator: NetworkPlan; discriminator: NetworkPlan } {
  return {
    generator: planNetwork(generatorSpec(config), 'config.generator'),
    discriminator: planNetwork(discriminatorSpec(config, dataDims), 'config.discriminator'),
  };
}

/** The largest buffer the run will bind, checked against the device's limits before anything is allocated, so an
 * oversize batch or layer is a clear error instead of a validation failure (or silent zeros) later. */
export function checkFitsDevice(config: GanConfig, data: { rows: Float32Array; dims: number }, limits: GPUSupportedLimits): void {
  const plans = networkPlans(config, data.dims);
  const widest = Math.max(...[plans.generator, plans.discriminator].flatMap((p) => p.layers.flatMap((l) => [featureSize(l.input), featureSize(l.output)])));
  // D sees the fake and the real minibatch as one batch of 2 batchSize rows
  const activationBytes = 2 * config.batchSize * widest * 4;
  const largest: [string, number][] = [
    ['the dataset', data.rows.length * 4],
    ['an activation buffer (2 batchSize rows, fake and real, x widest layer)', activationBytes],
    ['the generator parameters', plans.generator.layout.totalFloats * 4],
    ['the discriminator parameters', plans.discriminator.layout.totalFloats * 4],
  ];
  const limit = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  for (const [what, bytes] of largest) {
    if (bytes > limit) {
      throw new Error(`${what} needs ${bytes} bytes, more than this adapter allows in one buffer (${limit}); ` +
        'use a smaller batchSize or narrower layers');
    }
  }
}
