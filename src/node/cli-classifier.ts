// `webgpu-gan classifier`: trains the MNIST classifier the quality measures use (mnistClassifierConfig()) on the 8,000
// training digits, prints its accuracy on the 1,000 held-out test digits and writes it (src/io/classifier-file.ts).
// The kernels are fixed for this command (the convolutions as GEMMs, the rest as they are; no timing), so the same
// seed gives the same file on the same adapter.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mnistSplits } from '../data/mnist.js';
import { adapterName } from '../gpu/device.js';
import { configureTuning } from '../gpu/tuner.js';
import { encodeClassifier } from '../io/classifier-file.js';
import { featureSet } from '../quality/evaluate.js';
import { accuracyOf, Classifier, mnistClassifierConfig } from '../train/classifier.js';
import { UsageError, writeAtomic } from './cli-train.js';
import { requestNodeDevice } from './device.js';
import { loadMnist } from './mnist.js';

export const CLASSIFIER_OPTIONS = ['out', 'steps', 'seed', 'batch'];
export const DEFAULT_CLASSIFIER_FILE = 'models/mnist-classifier.safetensors';

/** Where evaluate finds the classifier when --classifier is not given: models/ in the working folder, else the
 * nearest models/ above this script (the package's, beside dist/; the repository's, above .build/). */
export function findDefaultClassifier(): string {
  const candidates = [resolve(DEFAULT_CLASSIFIER_FILE)];
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) candidates.push(join(dirname(dir), DEFAULT_CLASSIFIER_FILE));
  return candidates.find((c) => existsSync(c)) ?? DEFAULT_CLASSIFIER_FILE;
}

export async function trainClassifier(options: Record<string, string>, integer: (name: string, fallback: number, lo: number, hi: number) => number): Promise<void> {
  const steps = integer('steps', 1200, 1, 1_000_000);
  const seed = integer('seed', 1, 0, 2 ** 31);
  const batchSize = integer('batch', 64, 1, 4096);
  const out = options.out ?? DEFAULT_CLASSIFIER_FILE;
  if (!out.endsWith('.safetensors')) throw new UsageError(`--out must name a .safetensors file, got '${out}'`);
  const { train, validation, test } = mnistSplits(loadMnist());
  const { device, description } = await requestNodeDevice();
  configureTuning(device, { force: 'gemm' });
  process.stderr.write(`adapter: ${adapterName(description)}\n`);
  const config = mnistClassifierConfig({ seed, batchSize });
  const started = performance.now();
  const c = await Classifier.create(device, config, { rows: train.rows, labels: train.labels });
  const every = Math.min(100, steps);
  // the rate drops as the training loss flattens: x0.3 after half the steps, x0.1 after three quarters
  const drops = [Math.floor(steps / 2), Math.floor((3 * steps) / 4)];
  const rateAt = (step: number) => config.optimizer.lr * (step < drops[0] ? 1 : step < drops[1] ? 0.3 : 0.1);
  for (let done = 0; done < steps; ) {
    const nextDrop = drops.find((d) => d > done) ?? steps;
    const count = Math.min(every, nextDrop - done);
    c.setLearningRate(rateAt(done));
    const records = await c.train(count, { chunk: 50 });
    const { logits } = await featureSet(c, validation.rows);
    done += count;
    const last = records.at(-1)!;
    process.stdout.write(`step ${last.step} (lr ${rateAt(done - 1).toExponential(1)}): minibatch loss ${last.loss.toFixed(3)}, validation accuracy ` +
      `${(100 * accuracyOf(logits, validation.labels, 10)).toFixed(1)}% (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  const accuracy = accuracyOf((await featureSet(c, test.rows)).logits, test.labels, 10);
  const { params, stats } = await c.parameters();
  const bytes = await encodeClassifier({ config, params, stats }, {
    test_accuracy: accuracy.toFixed(4), steps: String(steps), trained_on: 'the 8,000 training digits of the mnist package (mnistSplits().train)',
  });
  mkdirSync(dirname(out), { recursive: true });
  writeAtomic(out, bytes);
  process.stdout.write(`test accuracy ${(100 * accuracy).toFixed(2)}% on the ${test.count} held-out test digits after ${steps} steps ` +
    `(${((performance.now() - started) / 1000).toFixed(0)} s); wrote ${out}\n`);
  c.destroy();
  device.destroy();
}
