// The Parzen-window evaluation on Dawn against the CPU's direct distances, on real MNIST digits: every point's
// log-likelihood at every width (through several chunks), the width chosen on validation, and the test mean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parzenLogDensity } from '../../src/cpu';
import { mnistSplits, type MnistSet } from '../../src/data/mnist';
import type { AcquiredDevice } from '../../src/gpu/device';
import { requestNodeDevice } from '../../src/node/device';
import { loadMnist } from '../../src/node/mnist';
import { DEFAULT_PARZEN_SIGMAS, ParzenWindow, parzenLogLikelihood } from '../../src/theory/parzen';
import { compareArrays, F32_EPS } from '../support/compare';

const first = (set: MnistSet, n: number) => set.rows.slice(0, n * 784);
const squaredNorms = (rows: Float32Array) => Array.from({ length: rows.length / 784 }, (_, i) => rows.subarray(i * 784, (i + 1) * 784).reduce((a, v) => a + v * v, 0));

describe('the Parzen-window log-likelihood on the GPU', () => {
  let acquired: AcquiredDevice;
  const { train, validation, test } = mnistSplits(loadMnist());
  const samples = first(train, 300), points = first(validation, 40), heldOut = first(test, 40);
  beforeAll(async () => { acquired = await requestNodeDevice(); });
  afterAll(() => acquired?.device.destroy());

  it('agrees with the direct distances at every width, chunk by chunk', async () => {
    const window = await ParzenWindow.create(acquired.device, samples, 784);
    const sigmas = [...DEFAULT_PARZEN_SIGMAS];
    const gpu = await window.logDensities(points, sigmas, 16); // 16 points a chunk: three chunks
    window.destroy();
    const xSq = squaredNorms(points), sSqMax = Math.max(...squaredNorms(samples));
    let largest = 0;
    for (const [w, sigma] of sigmas.entries()) {
      const ref = parzenLogDensity(points, samples, 784, sigma);
      const got = ref.map((_, t) => gpu[t * sigmas.length + w]);
      // ||x||^2 + ||s||^2 - 2 x.s in f32: each term's rounding (a K = 784 dot product for x.s), scaled by 1 / (2 sigma^2)
      const check = compareArrays(`sigma ${sigma.toFixed(3)}`, got, ref,
        (t, r) => (4 * 784 * F32_EPS * (xSq[t] + sSqMax)) / (2 * sigma * sigma) + 4 * F32_EPS * Math.abs(r));
      expect(check.ok, check.report).toBe(true);
      largest = Math.max(largest, check.maxError);
    }
    console.log(`largest |GPU - CPU| over ${points.length / 784} points x ${sigmas.length} widths: ${largest.toExponential(2)} nats`);
  });

  it('chooses the width on validation and reports the test mean with its standard error', async () => {
    const result = await parzenLogLikelihood(acquired.device, samples, 784, points, heldOut);
    const cpuMeans = DEFAULT_PARZEN_SIGMAS.map((s) => parzenLogDensity(points, samples, 784, s).reduce((a, v) => a + v, 0) / 40);
    const best = cpuMeans.indexOf(Math.max(...cpuMeans));
    expect(result.sigma).toBe(DEFAULT_PARZEN_SIGMAS[best]);
    const testRef = parzenLogDensity(heldOut, samples, 784, result.sigma);
    const mean = testRef.reduce((a, v) => a + v, 0) / 40;
    const sd = Math.sqrt(testRef.reduce((a, v) => a + (v - mean) ** 2, 0) / 39);
    console.log(`sigma ${result.sigma.toFixed(3)}: test ${result.mean.toFixed(3)} +- ${result.standardError.toFixed(3)} (CPU ${mean.toFixed(3)})`);
    expect(Math.abs(result.mean - mean)).toBeLessThan(1e-2);
    expect(result.standardError).toBeCloseTo(sd / Math.sqrt(40), 2);
    expect([result.testPoints, result.samples]).toEqual([40, 300]);
  });

  it('rejects rows that do not fit the dimension and bad widths, naming them', async () => {
    await expect(ParzenWindow.create(acquired.device, new Float32Array(785), 784)).rejects.toThrow(/sample set has 785 values/);
    const window = await ParzenWindow.create(acquired.device, samples, 784);
    await expect(window.logDensities(points, [0.2, -1])).rejects.toThrow(/sigmas must be 1 to 16 positive numbers/);
    await expect(window.logDensities(points, new Array(17).fill(0.2))).rejects.toThrow(/sigmas/);
    window.destroy();
  });
});
