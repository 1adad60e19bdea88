// `webgpu-gan evaluate`: an MNIST checkpoint's G measured as the field does (FID, KID, precision and recall, the
// classes its samples fall in: on the features of the engine's own classifier, models/mnist-classifier.safetensors),
// each beside its floor (the 2,000 held-out digits measured the same way against the 8,000 training digits), and by
// the Parzen-window log-likelihood of Goodfellow et al.'s Table 1.
import { readFileSync } from 'node:fs';
import { mnistSplits } from '../data/mnist.js';
import { adapterName } from '../gpu/device.js';
import { loadCheckpoint } from '../io/checkpoint.js';
import { decodeSafetensors } from '../io/safetensors.js';
import { featureSet, loadQualityClassifier, type QualityReport } from '../quality/evaluate.js';
import { qualityOfGpu } from '../quality/pairwise.js';
import { drawRows } from '../quality/measures.js';
import { stackedCoverage } from '../quality/stacked.js';
import { stackedMnist } from '../data/stacked-mnist.js';
import { parzenLogLikelihood } from '../theory/parzen.js';
import { findDefaultClassifier } from './cli-classifier.js';
import { UsageError } from './cli-train.js';
import { requestNodeDevice } from './device.js';
import { loadMnist } from './mnist.js';

export const EVALUATE_OPTIONS = ['checkpoint', 'samples', 'points', 'classifier', 'measures', 'reference'];
export const EVALUATE_FLAGS = ['ema'];
const MEASURES = ['all', 'quality', 'parzen'];

type Integer = (name: string, fallback: number, lo: number, hi: number) => number;

function describe(r: QualityReport): string[] {
  return [
    r.fid.toFixed(2), `${r.kid.mean.toFixed(3)} +- ${r.kid.standardError.toFixed(3)}`,
    r.precision.toFixed(3), r.recall.toFixed(3), `${r.classes.covered}/10, KL ${r.classes.klFromUniform.toFixed(3)}`,
  ];
}

/** A Stacked MNIST checkpoint's G: the modes (of 1000) its samples cover and the KL of their distribution from
 * uniform, as the PacGAN paper counts them (26,000 samples by default), beside the same count for as many stacked
 * images of held-out digits (the floor). */
async function evaluateStacked(bytes: Uint8Array, count: number, classifierBytes: Uint8Array, classifierPath: string, ema: boolean): Promise<void> {
  const { train, validation, test } = mnistSplits(loadMnist());
  const { device, description } = await requestNodeDevice();
  process.stderr.write(`adapter: ${adapterName(description)}\n`);
  const started = performance.now();
  const gan = await loadCheckpoint(device, bytes, { rows: train.rows.subarray(0, 3 * 784), dims: 3 * 784 });
  const samples = await gan.sample(count, { ema }), iteration = gan.iterations;
  gan.destroy();
  const classifier = await loadQualityClassifier(device, classifierBytes);
  const heldOut = { rows: new Float32Array([...validation.rows, ...test.rows]), labels: new Uint8Array([...validation.labels, ...test.labels]),
    count: validation.count + test.count, dims: 784 };
  const floor = await stackedCoverage(classifier, stackedMnist(heldOut, count, 2).rows);
  const ours = await stackedCoverage(classifier, samples);
  const line = (c: { covered: number; klFromUniform: number }) => `${c.covered}/1000 modes, KL from uniform ${c.klFromUniform.toFixed(3)}`;
  process.stdout.write(`Stacked MNIST modes, each channel classified by ${classifierPath} (${((performance.now() - started) / 1000).toFixed(1)} s):\n` +
    `  G (${count} samples, iteration ${iteration})  ${line(ours)}\n  floor (${count} stacked held-out digits)  ${line(floor)}\n`);
  classifier.network.destroy();
  device.destroy();
}

export async function evaluate(options: Record<string, string>, integer: Integer, readCheckpoint: (command: string, o: Record<string, string>) => Uint8Array): Promise<void> {
  integer('samples', 10_000, 2, 100_000); // checked before the checkpoint is read
  const points = integer('points', 1000, 2, 1000);
  const referenceCount = integer('reference', 8000, 10, 8000);
  const measures = options.measures ?? 'all';
  if (!MEASURES.includes(measures)) throw new UsageError(`--measures must be ${MEASURES.join(', ')}, got '${measures}'`);
  const real = options.checkpoint === 'real';
  const bytes = real ? undefined : readCheckpoint('evaluate', options);
  const metadata = bytes && decodeSafetensors(bytes).metadata;
  const name = metadata?.dataset;
  const stacked = name === 'stacked-mnist';
  // --ema: the moving average of G's weights is what is measured (a run that keeps one; a broken config is
  // loadCheckpoint's to report)
  const ema = options.ema !== undefined;
  if (ema && real) throw new UsageError('--ema: --checkpoint real has no generator');
  let saved: { ema?: unknown } | undefined;
  try { saved = JSON.parse(metadata?.config ?? '') as { ema?: unknown }; } catch { /* reported by loadCheckpoint */ }
  if (ema && saved && !saved.ema) throw new UsageError(`--ema: the run in ${options.checkpoint} keeps no moving average of G (train it with --ema DECAY)`);
  const count = integer('samples', stacked ? 26_000 : 10_000, 2, 100_000);
  // --checkpoint real: the training digits themselves are the window's centres, the score of a generator that
  // reproduces its training set exactly (a ceiling to read G's score against)
  if (bytes && name !== 'mnist' && !stacked) {
    throw new UsageError(`--checkpoint ${options.checkpoint} was trained on '${name}': evaluate needs an MNIST or Stacked MNIST checkpoint`);
  }
  if (stacked && measures !== 'all') throw new UsageError('--measures: a Stacked MNIST checkpoint is measured by its modes alone');
  const classifierPath = options.classifier ?? findDefaultClassifier();
  let classifierBytes: Uint8Array | undefined;
  if (measures !== 'parzen') {
    try {
      classifierBytes = readFileSync(classifierPath);
    } catch (e) {
      throw new UsageError(`--classifier ${classifierPath}: ${(e as Error).message} (write one with: webgpu-gan classifier --out ${classifierPath})`);
    }
  }
  if (stacked) return evaluateStacked(bytes!, count, classifierBytes!, classifierPath, ema);
  const { train, validation, test } = mnistSplits(loadMnist());
  const { device, description } = await requestNodeDevice();
  process.stderr.write(`adapter: ${adapterName(description)}\n`);
  let started = performance.now();
  // --checkpoint real: a draw of the training digits (never their first rows: the split is ordered by digit)
  let samples = bytes ? new Float32Array(0) : drawRows(train.rows, 784, count, 3), source = 'training digits';
  if (bytes) {
    // the digits' labels too, which a conditional run's G and D are made with (its samples draw their classes at random)
    const gan = await loadCheckpoint(device, bytes, { rows: train.rows, dims: 784, labels: train.labels });
    samples = await gan.sample(count, { ema });
    source = `samples of G${ema ? ' (its moving average)' : ''}, iteration ${gan.iterations}`;
    gan.destroy();
  }
  if (classifierBytes) {
    const classifier = await loadQualityClassifier(device, classifierBytes);
    // random digits, not the first: the splits are ordered by class
    const reference = await featureSet(classifier, drawRows(train.rows, 784, referenceCount, 1));
    const heldOut = await featureSet(classifier, drawRows(new Float32Array([...validation.rows, ...test.rows]), 784, Math.min(referenceCount, 2000), 2));
    const floor = describe(await qualityOfGpu(classifier.kernels, reference, heldOut));
    const rows = [['measure', bytes ? `G${ema ? ', averaged' : ''} (${count} samples)` : '', `floor (${heldOut.count} held-out digits)`]];
    const ours = bytes ? describe(await qualityOfGpu(classifier.kernels, reference, await featureSet(classifier, samples))) : floor.map(() => '');
    ['FID', 'KID', 'precision (k = 3)', 'recall (k = 3)', 'classes covered'].forEach((m, i) => rows.push([m, ours[i], floor[i]]));
    process.stdout.write(`sample quality on the features of ${classifierPath} (test accuracy ${(100 * classifier.accuracy).toFixed(1)}%), ` +
      `against ${reference.count} training digits (${((performance.now() - started) / 1000).toFixed(1)} s):\n` +
      rows.map((r) => `  ${r[0].padEnd(18)} ${r[1].padEnd(Math.max(22, rows[0][1].length + 1))} ${r[2]}`).join('\n') + '\n');
    classifier.network.destroy();
  }
  if (measures !== 'quality') {
    started = performance.now();
    const r = await parzenLogLikelihood(device, samples, 784, drawRows(validation.rows, 784, points, 4), drawRows(test.rows, 784, points, 5));
    const widths = r.validation.map((v) => `${v.sigma.toFixed(3)}: ${v.mean.toFixed(1)}`).join(', ');
    process.stdout.write(`validation mean log-likelihood by window width (${points} digits): ${widths}\n` +
      `Parzen-window log-likelihood of ${r.testPoints} held-out test digits under ${r.samples} ${source}: ` +
      `${r.mean.toFixed(1)} +- ${r.standardError.toFixed(1)} nats (sigma ${r.sigma.toFixed(3)}; ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s)\n` +
      'for scale: Goodfellow et al. (2014), Table 1, adversarial nets on the 10,000 MNIST test digits: 225 +- 2\n');
  }
  device.destroy();
}
