// Supervised training on the engine: a classifier from the same layers, kernels and optimizers as the GANs, trained
// with the fused softmax cross-entropy (shaders/softmax.wgsl). Its use here is the sample-quality measures
// (src/quality/): a small CNN trained on the training digits, whose penultimate features FID, KID and precision and
// recall compare (src/quality/evaluate.ts runs it over a set: featureSet). Each step runs on the GPU like a GAN step: the minibatch and its labels gathered at the same Philox
// draws, forward, loss, backward, the optimizer, step_commit; a chunk of steps is one submit and one read-back.
import { createStorage, readFloats, readUints } from '../gpu/buffers.js';
import { withErrorScopes } from '../gpu/errors.js';
import { Kernels, type Dispatch } from '../gpu/registry.js';
import { tune } from '../gpu/tuner.js';
import { featureSize } from '../nn/layer.js';
import { GpuNetwork, networkTuningRequests } from '../nn/network-gpu.js';
import { planNetwork, type LayerSpec, type NetworkPlan } from '../nn/network.js';
import { MinibatchSampler } from '../data/sampler.js';
import { resolveOptimizer, type OptimizerConfig } from './config.js';
import { optimizerStep } from './schedule.js';

export interface ClassifierConfig {
  /** The width of an input row (784 for MNIST). */
  input: number;
  /** The layers; the last gives one logit per class (identity activation). */
  layers: LayerSpec[];
  classes: number;
  batchSize: number;
  optimizer: OptimizerConfig;
  seed: number;
}

export interface LabelledData {
  rows: Float32Array;
  /** One whole number in [0, classes) per row. */
  labels: ArrayLike<number>;
}

/** The MNIST classifier the quality measures use: two strided 5x5 convolutions (16 and 32 channels), a 64-unit
 * layer (the features) and 10 logits; Adam 1e-3, batch 64. */
export function mnistClassifierConfig(overrides: Partial<ClassifierConfig> = {}): ClassifierConfig {
  return {
    input: 784, classes: 10, batchSize: 64, seed: 1, optimizer: { type: 'adam', lr: 1e-3, beta1: 0.9 },
    layers: [
      { type: 'reshape', shape: [1, 28, 28] },
      { type: 'conv2d', channels: 16, kernel: 5, stride: 2, padding: 2, activation: 'relu' },
      { type: 'conv2d', channels: 32, kernel: 5, stride: 2, padding: 2, activation: 'relu' },
      { type: 'flatten' },
      { units: 64, activation: 'relu' },
      { units: 10, activation: 'identity' },
    ],
    ...overrides,
  };
}

/** Checks a classifier config and its data before any GPU work; errors name the field. */
export function validateClassifier(config: ClassifierConfig, data?: LabelledData): NetworkPlan {
  const { classes, batchSize, seed } = config;
  if (!Number.isInteger(config.input) || config.input < 1) throw new Error(`classifier.input must be a positive integer, got ${config.input}`);
  if (!Number.isInteger(classes) || classes < 2) throw new Error(`classifier.classes must be an integer >= 2, got ${classes}`);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 65536) throw new Error(`classifier.batchSize must be an integer in [1, 65536], got ${batchSize}`);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`classifier.seed must be a non-negative integer, got ${seed}`);
  resolveOptimizer(config.optimizer);
  if (!(config.optimizer.lr > 0)) throw new Error(`classifier.optimizer.lr must be positive, got ${config.optimizer.lr}`);
  const plan = planNetwork({ input: config.input, layers: config.layers }, 'classifier');
  const last = plan.compute[plan.compute.length - 1];
  if (featureSize(last.output) !== classes || last.act.activation !== 'identity') {
    throw new Error(`classifier.layers: the last layer must give ${classes} logits (identity activation), got ${featureSize(last.output)} (${last.act.activation})`);
  }
  if (plan.compute.length < 2) throw new Error('classifier.layers: at least two computing layers (the features, then the logits)');
  if (data) {
    const count = data.rows.length / config.input;
    if (!Number.isInteger(count) || count < 1) throw new Error(`classifier data: ${data.rows.length} values do not make rows of ${config.input}`);
    if (data.labels.length !== count) throw new Error(`classifier data: ${count} rows but ${data.labels.length} labels`);
    for (let i = 0; i < count; i++) {
      const y = data.labels[i];
      if (!Number.isInteger(y) || y < 0 || y >= classes) throw new Error(`classifier data: label ${i} is ${y}, not a class in [0, ${classes})`);
    }
  }
  return plan;
}

/** A chunk's last step: its minibatch's mean loss and accuracy. */
export interface ClassifierRecord { step: number; loss: number; accuracy: number }

const STREAM = 0x51; // the minibatch draws (rows and labels gathered at the same indices)
const COUNTERS = 0;

export class Classifier {
  readonly network: GpuNetwork;
  readonly plan: NetworkPlan;
  steps = 0;
  readonly kernels: Kernels;
  private readonly step: Dispatch[];
  private readonly owned: { destroy(): void }[] = [];
  private readonly metrics: GPUBuffer;
  private readonly guard: GPUBuffer;

  static async create(device: GPUDevice, config: ClassifierConfig, data: LabelledData, initial?: Float32Array): Promise<Classifier> {
    const plan = validateClassifier(config, data);
    await tune(device, networkTuningRequests(plan, [config.batchSize]));
    return withErrorScopes(device, 'allocating the classifier', () => new Classifier(device, config, data, plan, initial));
  }

  private constructor(readonly device: GPUDevice, readonly config: ClassifierConfig, data: LabelledData, plan: NetworkPlan, initial?: Float32Array) {
    const k = (this.kernels = new Kernels(device));
    const n = config.batchSize;
    const own = <T extends { destroy(): void }>(o: T): T => (this.owned.push(o), o);
    const buf = (label: string, init: number | Float32Array | Uint32Array) => own(createStorage(device, label, init));
    this.plan = plan;
    this.network = own(new GpuNetwork(k, 'C', { input: config.input, layers: config.layers }, config.seed, 0x3000, initial));
    const rngState = buf('classifier rng_state', 2);
    const rows = own(new MinibatchSampler(k, data.rows, config.input, n, rngState, config.seed, STREAM, undefined, 1));
    const labels = own(new MinibatchSampler(k, Float32Array.from(data.labels), 1, n, rngState, config.seed, STREAM, undefined, 1));
    const app = this.network.apply(rows.batch, n, 'train');
    const dlogits = buf('dlogits', n * config.classes);
    this.metrics = buf('classifier metrics', 4);
    this.guard = buf('classifier guard', 1);
    const counters = buf('classifier counters', 4);
    const o = resolveOptimizer(config.optimizer);
    const moments = { m: buf('C.moment1', this.network.layout.totalFloats), v: buf('C.moment2', this.network.layout.totalFloats), counterIndex: COUNTERS };
    this.step = [
      ...rows.dispatches, ...labels.dispatches, ...app.forward,
      k.prepare('softmax_ce_forward_backward', { dlogits, metrics: this.metrics, logits: app.output, labels: labels.batch },
        { n, classes: config.classes, scale: 1, accumulate: 0, loss_index: 0 }, {}, 'classifier loss'),
      ...app.backward(dlogits, { accumulate: false, label: 'classifier step', guard: { buffer: this.guard, bit: 1 } }),
      ...optimizerStep(k, this.network, o, moments, {
        // no metrics ring (ringSlots 0: step_commit leaves it alone), but its bindings are distinct buffers
        counters, guard: this.guard, metrics: this.metrics, rngState, ring: buf('unused ring', 4), ringState: buf('unused ring state', 1), ringSlots: 0,
      }, 1, false),
    ].map(own);
  }

  /** Sets the optimizer's learning rate for the steps that follow (a schedule, from the caller). */
  setLearningRate(lr: number): void {
    if (!(lr > 0 && Number.isFinite(lr))) throw new Error(`learning rate must be a positive number, got ${lr}`);
    this.step.find((d) => d.kernel === 'adam_step' || d.kernel === 'sgd_momentum_step')!.setParams({ lr });
  }

  /** Runs `steps` steps, `chunk` to a submit; returns each chunk's last record. Throws, naming the step, when a loss
   * or a gradient went non-finite (no update was applied from that step on). */
  async train(steps: number, { chunk = 50 }: { chunk?: number } = {}): Promise<ClassifierRecord[]> {
    if (!Number.isInteger(steps) || steps < 0) throw new Error(`steps must be a non-negative integer, got ${steps}`);
    const records: ClassifierRecord[] = [];
    for (let done = 0; done < steps; done += chunk) {
      const count = Math.min(chunk, steps - done);
      this.kernels.run(Array.from({ length: count }, () => this.step).flat(), 'classifier steps');
      const [metrics, guard] = [await readFloats(this.device, this.metrics, 2), (await readUints(this.device, this.guard, 1))[0]];
      this.steps += count;
      if (guard !== 0 || !Number.isFinite(metrics[0])) {
        throw new Error(`classifier training diverged between steps ${this.steps - count + 1} and ${this.steps} (a NaN or an infinity in a loss or a gradient); try a smaller learning rate`);
      }
      records.push({ step: this.steps, loss: metrics[0], accuracy: metrics[1] });
    }
    return records;
  }

  /** The flat parameters (the network's layout), and the running statistics. */
  async parameters(): Promise<{ params: Float32Array; stats: Float32Array }> {
    return { params: await readFloats(this.device, this.network.params, this.network.layout.totalFloats), stats: await readFloats(this.device, this.network.stats) };
  }

  destroy(): void {
    this.owned.forEach((o) => o.destroy());
    this.owned.length = 0;
  }
}

/** The share of rows whose largest logit is their label's. */
export function accuracyOf(logits: Float32Array, labels: ArrayLike<number>, classes: number): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let j = 1; j < classes; j++) if (logits[i * classes + j] > logits[i * classes + best]) best = j;
    if (best === labels[i]) right++;
  }
  return right / labels.length;
}
