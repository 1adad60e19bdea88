// The CPU Parzen window: one sample is a Gaussian density; the kernel's mirror (from x.s and norms) agrees with the
// direct distances; a point far from every sample still has a finite log-likelihood.
import { describe, expect, it } from 'vitest';
import { logSumExp, parzen_forward, parzenLogDensity, row_sq_norm_forward } from '../../src/cpu';
import { mnistSplits } from '../../src/data/mnist';
import { loadMnist } from '../../src/node/mnist';

describe('the Parzen window on the CPU', () => {
  it('with one sample, is the Gaussian log density N(x; s, sigma^2 I)', () => {
    const x = [0.3, -1.2, 2], s = [0.1, -1, 1.5], sigma = 0.7;
    const d2 = x.reduce((a, v, i) => a + (v - s[i]) ** 2, 0);
    const expected = -d2 / (2 * sigma * sigma) - 3 * Math.log(sigma * Math.sqrt(2 * Math.PI));
    expect(parzenLogDensity(x, s, 3, sigma)[0]).toBeCloseTo(expected, 12);
  });

  it('with two samples, is the log of the mean of their densities', () => {
    const g = (x: number, m: number, s: number) => Math.exp(-((x - m) ** 2) / (2 * s * s)) / (s * Math.sqrt(2 * Math.PI));
    expect(parzenLogDensity([0.5], [0, 2], 1, 0.8)[0]).toBeCloseTo(Math.log((g(0.5, 0, 0.8) + g(0.5, 2, 0.8)) / 2), 12);
  });

  it('the kernel mirror (x.s and squared norms) equals the direct distances', () => {
    const dims = 5, points = [0.1, 0.2, 0.3, 0.4, 0.5, -1, 0, 1, 0, -1], samples = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0.5, -0.5, 0.5, -0.5, 0.5];
    const xSq = new Float64Array(2), sSq = new Float64Array(3), dots = new Float64Array(6);
    row_sq_norm_forward(xSq, points, 2, dims);
    row_sq_norm_forward(sSq, samples, 3, dims);
    for (let t = 0; t < 2; t++) for (let j = 0; j < 3; j++) for (let c = 0; c < dims; c++) dots[t * 3 + j] += points[t * dims + c] * samples[j * dims + c];
    const sigmas = [0.3, 1.1];
    const out = new Float64Array(4);
    parzen_forward(out, dots, xSq, sSq, sigmas, 2, 3, dims);
    for (const [w, sigma] of sigmas.entries()) {
      const direct = parzenLogDensity(points, samples, dims, sigma);
      expect(out[w]).toBeCloseTo(direct[0], 10);
      expect(out[2 + w]).toBeCloseTo(direct[1], 10);
    }
  });

  it('stays finite for a point far from every sample, where exp() alone underflows', () => {
    const v = parzenLogDensity([1000, 1000], [0, 0, 1, 1], 2, 0.1)[0];
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeLessThan(-1e7);
    expect(logSumExp([-1e6, -1e6])).toBeCloseTo(-1e6 + Math.log(2), 6);
  });

  it('splits the MNIST digits into disjoint train, validation and test sets', () => {
    const { train, validation, test } = mnistSplits(loadMnist());
    expect([train.count, validation.count, test.count]).toEqual([8000, 1000, 1000]);
    const key = (rows: Float32Array, i: number) => rows.subarray(i * 784, (i + 1) * 784).join(',');
    const trainKeys = new Set(Array.from({ length: train.count }, (_, i) => key(train.rows, i)));
    const leaked = [validation, test].flatMap((s) => Array.from({ length: 200 }, (_, i) => key(s.rows, i))).filter((k) => trainKeys.has(k));
    expect(leaked.length).toBe(0);
  });
});
