// The classifier the quality measures use, trained by the engine (softmax cross-entropy on the same layers and
// optimizers as the GANs): a brief retraining learns and round-trips through its file, its features' statistics from
// the GPU match the CPU's, the repository's copy reaches its stated accuracy, bad configs and labels are refused by name.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mnistSplits } from '../../src/data/mnist';
import type { AcquiredDevice } from '../../src/gpu/device';
import { loadMnist } from '../../src/node/mnist';
import { requestNodeDevice } from '../../src/node/device';
import { accuracyOf, Classifier, mnistClassifierConfig, validateClassifier } from '../../src/train/classifier';
import { decodeClassifier, encodeClassifier } from '../../src/io/classifier-file';
import { featureSet, loadQualityClassifier, qualityOf } from '../../src/quality/evaluate';
import { qualityOfGpu } from '../../src/quality/pairwise';
import { gaussianFit, modeCounts } from '../../src/quality/measures';
import { stackedModesOf } from '../../src/quality/stacked';
import { stackedMnist } from '../../src/data/stacked-mnist';
import { named } from '../../src/node/cli-data';
import { qualityProbe } from '../../src/node/cli-quality';
import type { Gan } from '../../src/train/gan';

describe('the MNIST classifier', () => {
  let acquired: AcquiredDevice;
  beforeAll(async () => { acquired = await requestNodeDevice(); });
  afterAll(() => acquired?.device.destroy());

  it('learns the digits in a brief retraining: held-out accuracy far above chance', async () => {
    const { train, test } = mnistSplits(loadMnist());
    const config = mnistClassifierConfig({ batchSize: 32 });
    const start = performance.now();
    const c = await Classifier.create(acquired.device, config, { rows: train.rows, labels: train.labels });
    const records = await c.train(30, { chunk: 10 });
    const trainMs = performance.now() - start;
    const { logits, features, dims: featureDims } = await featureSet(c, test.rows.subarray(0, 300 * 784));
    const accuracy = accuracyOf(logits, test.labels.subarray(0, 300), 10);
    console.log(`classifier: 30 steps at batch 32 in ${(trainMs / 1000).toFixed(1)} s; losses ${records.map((r) => r.loss.toFixed(3)).join(' ')}; ` +
      `held-out accuracy ${(100 * accuracy).toFixed(1)}% on 300 digits`);
    expect(records.map((r) => r.step)).toEqual([10, 20, 30]);
    expect(records.at(-1)!.loss).toBeLessThan(Math.log(10) * 0.8); // from about log 10 = 2.30 at the start
    expect(accuracy).toBeGreaterThan(0.5); // chance is 0.1
    expect(featureDims).toBe(64);
    expect(features.length).toBe(300 * 64);
    expect(features.every((v) => Number.isFinite(v) && v >= 0)).toBe(true); // relu features
    // through its file and back: the same network, the feature statistics from the GPU equal the CPU's fit
    const { params, stats } = await c.parameters();
    const bytes = await encodeClassifier({ config, params, stats }, { test_accuracy: accuracy.toFixed(4) });
    expect((await decodeClassifier(bytes)).params).toEqual(params);
    const loaded = await loadQualityClassifier(acquired.device, bytes);
    const set = await featureSet(loaded, test.rows.subarray(0, 300 * 784), 128); // chunks of 128: 128, 128, 44
    expect(set.features).toEqual(features.subarray(0, 300 * 64));
    const cpu = gaussianFit(set.features, 64);
    const scale = Math.max(...cpu.cov.map(Math.abs));
    set.mean.forEach((m, i) => expect(Math.abs(m - cpu.mean[i])).toBeLessThan(1e-5 * (1 + Math.abs(cpu.mean[i]))));
    set.cov.forEach((v, i) => expect(Math.abs(v - cpu.cov[i])).toBeLessThan(1e-4 * scale));
    // a set against itself: FID 0 to rounding, full precision and recall
    const self = qualityOf(set, set, { kidSubsets: 5 });
    expect(self.fid).toBeLessThan(1e-6 * scale * 64);
    expect([self.precision, self.recall]).toEqual([1, 1]);
    loaded.network.destroy();
    c.destroy();
  });

  it('the repository\'s classifier (models/mnist-classifier.safetensors) loads and reaches its stated accuracy, at least 97%', async () => {
    const file = await decodeClassifier(readFileSync('models/mnist-classifier.safetensors'));
    const stated = Number(file.metadata.test_accuracy);
    expect(stated).toBeGreaterThanOrEqual(0.97);
    const { test } = mnistSplits(loadMnist());
    const loaded = await loadQualityClassifier(acquired.device, readFileSync('models/mnist-classifier.safetensors'));
    const set = await featureSet(loaded, test.rows);
    const accuracy = accuracyOf(set.logits, test.labels, 10);
    console.log(`stored classifier: ${(100 * accuracy).toFixed(2)}% on the ${test.count} test digits (stated ${(100 * stated).toFixed(2)}%)`);
    // the file was written with the convolutions as GEMMs; here they run direct: sums in another order may move a
    // digit on the edge, no more
    expect(Math.abs(accuracy - stated)).toBeLessThanOrEqual(0.003);
    // Stacked MNIST from the test digits: each channel classified, the triple of classes is the true mode for about
    // accuracy^3 of the samples
    const stacked = stackedMnist(test, 400, 5);
    const modes = await stackedModesOf(loaded, stacked.rows);
    const right = modes.filter((m, i) => m === stacked.modes[i]).length / 400;
    expect(right).toBeGreaterThan(accuracy ** 3 - 0.05);
    expect(modeCounts(modes, 1000).covered).toBeGreaterThan(250); // 400 draws of 1000 modes: about 330 distinct
    // KID and precision/recall with their pairwise products on the GPU equal the CPU mirror's (f64 throughout), on
    // the test digits against the validation digits
    const other = await featureSet(loaded, mnistSplits(loadMnist()).validation.rows);
    const options = { prPoints: 800, kidSubsets: 10 };
    const [gpu, cpu] = [await qualityOfGpu(loaded.kernels, set, other, options), qualityOf(set, other, options)];
    console.log(`KID GPU ${gpu.kid.mean.toFixed(5)} +- ${gpu.kid.standardError.toFixed(5)}, CPU ${cpu.kid.mean.toFixed(5)}; ` +
      `precision ${gpu.precision} / ${cpu.precision}, recall ${gpu.recall} / ${cpu.recall}`);
    expect(Math.abs(gpu.kid.mean - cpu.kid.mean)).toBeLessThan(0.02 * cpu.kid.standardError + 1e-6);
    expect(Math.abs(gpu.kid.standardError - cpu.kid.standardError)).toBeLessThan(0.02 * cpu.kid.standardError);
    // a distance on a manifold's edge may land on the other side of it in f32: a few of the 800 rows, no more
    expect(Math.abs(gpu.precision - cpu.precision)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(gpu.recall - cpu.recall)).toBeLessThanOrEqual(0.005);
    expect(cpu.precision).toBeGreaterThan(0.5); // two sets of real digits: the manifolds overlap (the check compares something)
    loaded.network.destroy();
  });

  it('train --quality-every measures against the training digits as a whole: held-out digits score near the floor', async () => {
    // the training split is ordered by digit: a reference of its first rows (zeros, ones, some twos) put real
    // digits at FID 200+ and a DCGAN's samples at 230 where evaluate measured 47
    const { validation, test } = mnistSplits(loadMnist());
    const heldOut = new Float32Array([...validation.rows, ...test.rows]);
    const probe = await qualityProbe(acquired.device, named('mnist'), 100);
    // G's place taken by the 2000 held-out digits: the probe's own measurement, on real rows
    const realDigits = { iterations: 100, sample: async (n: number) => heldOut.subarray(0, n * 784) } as unknown as Gan;
    const point = await probe.measure(realDigits);
    probe.destroy();
    console.log(`probe on held-out digits: FID ${point.fid.toFixed(2)}, ${point.covered} classes, KL ${point.kl.toFixed(4)}`);
    expect(point.fid).toBeLessThan(4); // evaluate's floor for 2000 against 2000: 1.6
    expect(point.covered).toBe(10);
    expect(point.kl).toBeLessThan(0.01);
    expect(probe.points.get(100)).toEqual(point);
  });

  it('refuses a config or labels that cannot work, naming the field', () => {
    const config = mnistClassifierConfig();
    expect(() => validateClassifier({ ...config, classes: 7 })).toThrow(/classifier.layers: the last layer must give 7 logits/);
    expect(() => validateClassifier({ ...config, batchSize: 0 })).toThrow(/classifier.batchSize/);
    const rows = new Float32Array(2 * 784);
    expect(() => validateClassifier(config, { rows, labels: [1, 10] })).toThrow(/label 1 is 10, not a class in \[0, 10\)/);
    expect(() => validateClassifier(config, { rows, labels: [1] })).toThrow(/2 rows but 1 labels/);
  });
});
