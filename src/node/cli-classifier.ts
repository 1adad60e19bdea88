// `webgpu-gan classifier`: trains the MNIST classifier the quality measures use (mnistClassifierConfig()) on the 8,000
// training digits, prints its accuracy on the 1,000 held-out test digits and writes it (src/io/classifier-file.ts).
// The kernels are fixed for this command (the convolutions as GEMMs, the rest as they are; no timing), so the same
// seed gives the same file on the same adapter.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { mnistSplits } from '../data/mnist.js';
import { adapterName } from '../gpu/device.js';
import { configureTuning } from '../gpu/tuner.js';
import { encodeClassifier } from '../io/classifier-file.js';
import { accuracyOf, Classifier, mnistClassifierConfig } from '../train/classifier.js';
import { UsageError, writeAtomic } from './cli-train.js';
import { requestNodeDevice } from './device.js';
import { loadMnist } from './mnist.js';

export const CLASSIFIER_OPTIONS = ['out', 'steps', 'seed', 'batch'];
export const DEFAULT_CLASSIFIER_FILE = 'models/mnist-classifier.safetensors';

export async function trainClassifier(options: Record<string, string>, integer: (name: string, fallback: number, lo: number, hi: number) => number): Promise<void> {
  const steps = integer('steps', 800, 1, 1_000_000);
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
  for (let done = 0; done < steps; done += every) {
    const records = await c.train(Math.min(every, steps - done), { chunk: 50 });
    const { logits } = await c.evaluate(validation.rows);
    const last = records.at(-1)!;
    process.stdout.write(`step ${last.step}: minibatch loss ${last.loss.toFixed(3)}, validation accuracy ` +
      `${(100 * accuracyOf(logits, validation.labels, 10)).toFixed(1)}% (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  const accuracy = accuracyOf((await c.evaluate(test.rows)).logits, test.labels, 10);
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
