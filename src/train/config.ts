// The trainer's configuration: types, the standard defaults, and validation that names the field and the allowed
// values before any GPU work happens.
import type { Activation } from '../gpu/kernels';
import { validateMlp, type LayerSpec } from '../nn/mlp';

export type OptimizerConfig =
  | { type: 'adam'; lr: number; beta1?: number; beta2?: number; eps?: number }
  | { type: 'sgd'; lr: number; momentum?: number };

export interface GanConfig {
  /** G's layers; its input is noise.dim and its last layer's units must equal the data's dimension. */
  generator: { layers: LayerSpec[] };
  /** D's layers; its input is the data's dimension and its last layer is 1 unit of logits (identity). */
  discriminator: { layers: LayerSpec[] };
  noise: { dim: number; distribution: 'normal' | 'uniform' };
  /** Discriminator steps per generator step (Algorithm 1's k). */
  k: number;
  /** The generator's loss: minimize log(1 - D(G(z))) ('minimax') or maximize log D(G(z)) ('non-saturating'). */
  loss: 'minimax' | 'non-saturating';
  optimizers: { generator: OptimizerConfig; discriminator: OptimizerConfig };
  batchSize: number;
  seed: number;
  /** The target for real samples in D's loss: 1, or a soft label such as 0.9. */
  realLabel: number;
}

/** Philox streams: each kind of draw has its own, so adding one never shifts another (shared with the CPU trainer). */
export const STREAMS = { real: 1, noiseD: 2, noiseG: 3, sample: 4 } as const;

export interface ResolvedOptimizer {
  type: 'adam' | 'sgd';
  lr: number;
  beta1: number; // sgd: momentum
  beta2: number;
  eps: number;
}

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

function fail(field: string, allowed: string, got: unknown): never {
  throw new Error(`config.${field} must be ${allowed}, got ${JSON.stringify(got)}`);
}

const isInt = (v: unknown, lo: number, hi: number) => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;
const isNum = (v: unknown, lo: number, hi: number) => typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;

function validateOptimizer(o: OptimizerConfig | undefined, field: string): void {
  const type = (o as { type?: unknown } | undefined)?.type;
  if (!o || (type !== 'adam' && type !== 'sgd')) fail(`${field}.type`, "'adam' or 'sgd'", type);
  if (!isNum(o.lr, 0, 10)) fail(`${field}.lr`, 'a number in [0, 10]', o.lr);
  if (o.type === 'adam') {
    if (o.beta1 !== undefined && !isNum(o.beta1, 0, 0.999999)) fail(`${field}.beta1`, 'a number in [0, 1)', o.beta1);
    if (o.beta2 !== undefined && !isNum(o.beta2, 0, 0.999999)) fail(`${field}.beta2`, 'a number in [0, 1)', o.beta2);
    if (o.eps !== undefined && !isNum(o.eps, 1e-30, 1)) fail(`${field}.eps`, 'a number in (0, 1]', o.eps);
  } else if (o.momentum !== undefined && !isNum(o.momentum, 0, 0.999999)) {
    fail(`${field}.momentum`, 'a number in [0, 1)', o.momentum);
  }
}

/** Checks every field; `dataDims` is the width of the data's rows. Throws an Error naming the field. */
export function validateConfig(config: GanConfig, dataDims: number): void {
  if (!config || typeof config !== 'object') fail('', 'an object', config);
  if (!config.noise || !isInt(config.noise.dim, 1, 4096)) fail('noise.dim', 'an integer in [1, 4096]', config.noise?.dim);
  if (config.noise.distribution !== 'normal' && config.noise.distribution !== 'uniform') {
    fail('noise.distribution', "'normal' or 'uniform'", config.noise.distribution);
  }
  if (!isInt(config.k, 1, 100)) fail('k', 'an integer in [1, 100]', config.k);
  if (config.loss !== 'minimax' && config.loss !== 'non-saturating') fail('loss', "'minimax' or 'non-saturating'", config.loss);
  if (!isInt(config.batchSize, 1, 65536)) fail('batchSize', 'an integer in [1, 65536]', config.batchSize);
  if (!isInt(config.seed, 0, Number.MAX_SAFE_INTEGER)) fail('seed', 'a non-negative safe integer', config.seed);
  if (!isNum(config.realLabel, 0.5, 1)) fail('realLabel', 'a number in [0.5, 1]', config.realLabel);
  validateOptimizer(config.optimizers?.generator, 'optimizers.generator');
  validateOptimizer(config.optimizers?.discriminator, 'optimizers.discriminator');
  validateMlp({ input: config.noise.dim, layers: config.generator?.layers }, 'config.generator');
  validateMlp({ input: dataDims, layers: config.discriminator?.layers }, 'config.discriminator');
  const gOut = config.generator.layers[config.generator.layers.length - 1];
  if (gOut.units !== dataDims) fail('generator.layers[-1].units', `the data's dimension (${dataDims})`, gOut.units);
  const dOut = config.discriminator.layers[config.discriminator.layers.length - 1];
  if (dOut.units !== 1 || dOut.activation !== 'identity') {
    fail('discriminator.layers[-1]', "{ units: 1, activation: 'identity' } (D outputs logits)", dOut);
  }
}

/** The largest buffer the run will bind, checked against the device's limits before anything is allocated, so an
 * oversize batch or layer is a clear error instead of a validation failure (or silent zeros) later. */
export function checkFitsDevice(config: GanConfig, data: { rows: Float32Array; dims: number }, limits: GPUSupportedLimits): void {
  const widths = [config.noise.dim, data.dims, ...config.generator.layers.map((l) => l.units), ...config.discriminator.layers.map((l) => l.units)];
  // D sees the fake and the real minibatch as one batch of 2 batchSize rows
  const activationBytes = 2 * config.batchSize * Math.max(...widths) * 4;
  const paramsOf = (input: number, layers: LayerSpec[]) =>
    layers.reduce((sum, l, i) => sum + (i === 0 ? input : layers[i - 1].units) * l.units + l.units, 0) * 4;
  const largest: [string, number][] = [
    ['the dataset', data.rows.length * 4],
    ['an activation buffer (2 batchSize rows, fake and real, x widest layer)', activationBytes],
    ['the generator parameters', paramsOf(config.noise.dim, config.generator.layers)],
    ['the discriminator parameters', paramsOf(data.dims, config.discriminator.layers)],
  ];
  const limit = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  for (const [what, bytes] of largest) {
    if (bytes > limit) {
      throw new Error(`${what} needs ${bytes} bytes, more than this adapter allows in one buffer (${limit}); ` +
        'use a smaller batchSize or narrower layers');
    }
  }
}
