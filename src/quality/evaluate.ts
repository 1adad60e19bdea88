// Sample quality as the field measures it, on the features of the engine's own MNIST classifier
// (models/mnist-classifier.safetensors): the classifier runs on the GPU over both sets, and the features' sums and
// Gram matrix (for FID's Gaussians) are accumulated there too, by the matmul's weight-gradient kernel (F^T F and the
// column sums in one dispatch per chunk); the rest is f64 on the CPU (src/quality/measures.ts).
import { createStorage, readFloats } from '../gpu/buffers.js';
import { Kernels } from '../gpu/registry.js';
import { featureSize } from '../nn/layer.js';
import { GpuNetwork } from '../nn/network-gpu.js';
import { decodeClassifier } from '../io/classifier-file.js';
import type { ClassifierConfig } from '../train/classifier.js';
import { classHistogram, frechetDistance, kid, precisionRecall, sampleRows } from './measures.js';

export interface QualityClassifier {
  kernels: Kernels;
  network: GpuNetwork;
  config: ClassifierConfig;
  /** Its held-out accuracy as the file states it. */
  accuracy: number;
}

/** Loads a classifier file (checked on the CPU first) onto the device. */
export async function loadQualityClassifier(device: GPUDevice, bytes: Uint8Array): Promise<QualityClassifier> {
  const file = await decodeClassifier(bytes);
  const kernels = new Kernels(device);
  const network = new GpuNetwork(kernels, 'quality classifier', { input: file.config.input, layers: file.config.layers }, file.config.seed, 0x3000, file.params);
  if (network.plan.statsLayout.totalFloats) device.queue.writeBuffer(network.stats, 0, file.stats as Float32Array<ArrayBuffer>);
  return { kernels, network, config: file.config, accuracy: Number(file.metadata.test_accuracy) };
}

/** What the classifier makes of a set of rows: its features and logits, and the features' mean and covariance from
 * the sums and Gram matrix accumulated on the GPU. */
export interface FeatureSet {
  count: number;
  dims: number;
  features: Float32Array;
  logits: Float32Array;
  mean: Float64Array;
  cov: Float64Array;
}

/** A classifier network (a loaded one, or a Classifier in training) in inference over `rows`, `chunk` to a pass (the
 * last padded). */
export async function featureSet(c: Pick<QualityClassifier, 'kernels' | 'network' | 'config'>, rows: Float32Array, chunk = 500): Promise<FeatureSet> {
  const { kernels, network, config } = c;
  const device = kernels.device;
  const count = rows.length / config.input;
  if (!Number.isInteger(count) || count < 2) throw new Error(`quality: need at least 2 rows of ${config.input} values, got ${rows.length} values`);
  const size = Math.min(chunk, count);
  const dims = featureSize(network.layers[network.layers.length - 2].output);
  const input = createStorage(device, 'quality input', size * config.input);
  const gram = createStorage(device, 'feature Gram matrix', dims * dims), sums = createStorage(device, 'feature sums', dims);
  const guard = createStorage(device, 'unused guard', 1);
  const app = network.apply(input, size, `quality ${size}`, undefined, { training: false });
  const penultimate = app.outputs[app.outputs.length - 2] as GPUBuffer;
  const features = new Float32Array(count * dims), logits = new Float32Array(count * config.classes);
  try {
    for (let first = 0; first < count; first += size) {
      const n = Math.min(size, count - first);
      const part = new Float32Array(size * config.input);
      part.set(rows.subarray(first * config.input, (first + n) * config.input));
      device.queue.writeBuffer(input, 0, part);
      // F^T F and the column sums of this chunk's n rows (not the padding), added to the previous chunks'
      const stats = kernels.prepare('linear_backward_weight', { dw: gram, db: sums, guard, x: penultimate, dpre: penultimate },
        { batch: n, in_features: dims, out_features: dims, accumulate: first > 0 ? 1 : 0, guard_bit: 0 }, {}, 'feature statistics');
      kernels.run([...app.forward, stats], 'quality features');
      stats.destroy();
      features.set((await readFloats(device, penultimate, size * dims)).subarray(0, n * dims), first * dims);
      logits.set((await readFloats(device, app.output as GPUBuffer, size * config.classes)).subarray(0, n * config.classes), first * config.classes);
    }
    const g = await readFloats(device, gram, dims * dims), s = await readFloats(device, sums, dims);
    const mean = Float64Array.from(s, (v) => v / count);
    const cov = new Float64Array(dims * dims);
    for (let i = 0; i < dims; i++) for (let j = 0; j < dims; j++) cov[i * dims + j] = (g[i * dims + j] - count * mean[i] * mean[j]) / (count - 1);
    return { count, dims, features, logits, mean, cov };
  } finally {
    app.release();
    [input, gram, sums, guard].forEach((b) => b.destroy());
  }
}

export interface QualityReport {
  samples: number;
  fid: number;
  kid: { mean: number; standardError: number };
  precision: number;
  recall: number;
  /** The samples' predicted classes. */
  classes: { counts: number[]; covered: number; klFromUniform: number };
}

/** Every measure of `fake` against `real` (feature sets of the same classifier). Precision and recall use `prPoints`
 * random rows of each (their cost grows as its square). */
export function qualityOf(real: FeatureSet, fake: FeatureSet, options: { prPoints?: number; kidSubsets?: number } = {}): QualityReport {
  const q = qualityPlan(real, fake, options);
  return qualityReport(real, fake, kid(real.features, fake.features, real.dims, q.kid), precisionRecall(q.prReal, q.prFake, real.dims, 3));
}

/** What qualityOf and qualityOfGpu (src/quality/pairwise.ts) measure on: KID's subsets, and the rows of each set that
 * precision and recall compare (`prPoints` random rows: their cost grows as its square). */
export function qualityPlan(real: FeatureSet, fake: FeatureSet, { prPoints = 2000, kidSubsets = 50 } = {}) {
  const pr = (s: FeatureSet, seed: number) => sampleRows(s.features, real.dims, prPoints, seed);
  // subsets of at most half the smaller set, so that they differ and their spread says something
  return { kid: { subsets: kidSubsets, size: Math.min(1000, Math.floor(Math.min(real.count, fake.count) / 2)) }, prReal: pr(real, 1), prFake: pr(fake, 2) };
}

/** The report from KID and precision/recall measured by either path, with FID and the classes. */
export function qualityReport(real: FeatureSet, fake: FeatureSet, kidValue: QualityReport['kid'],
  pr: { precision: number; recall: number }): QualityReport {
  return {
    samples: fake.count,
    fid: frechetDistance(real.mean, real.cov, fake.mean, fake.cov, real.dims),
    kid: kidValue,
    ...pr,
    classes: classHistogram(fake.logits, fake.logits.length / fake.count),
  };
}
