// The sample-quality measures against what is known of them in closed form: FID of a set with itself is 0, FID of
// two Gaussians is the Frechet distance of their parameters, KID's expectation is 0 for two samples of one
// distribution, precision and recall are 0 for disjoint sets and 1 for identical ones.
import { describe, expect, it } from 'vitest';
import {
  classHistogram, drawRows, fid, frechetDistance, gaussianFit, kid, precisionRecall, sqrtPsd, symmetricEigen,
} from '../../src/quality/measures';
import { seededRandom } from '../support/random';

/** n rows of N(mean, L L^T): z ~ N(0, I) through L (d x d), plus the mean. */
function gaussianRows(n: number, mean: number[], L: number[][], seed: number): Float64Array {
  const rand = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const d = mean.length, out = new Float64Array(n * d);
  for (let r = 0; r < n; r++) {
    const z = Array.from({ length: d }, normal);
    for (let i = 0; i < d; i++) out[r * d + i] = mean[i] + L[i].reduce((s, l, j) => s + l * z[j], 0);
  }
  return out;
}

describe('FID', () => {
  it('is 0 between a set and itself (to f64 rounding)', () => {
    const rows = gaussianRows(300, [1, -2, 0.5, 3], [[1, 0, 0, 0], [0.5, 2, 0, 0], [0, 0.3, 0.7, 0], [1, 0, 0, 0.1]], 1);
    const { cov } = gaussianFit(rows, 4);
    const trace = cov[0] + cov[5] + cov[10] + cov[15];
    expect(fid(rows, rows, 4)).toBeLessThan(1e-10 * trace);
  });

  it('matches the closed form of the Frechet distance between two Gaussians', () => {
    // diagonal: |mu1 - mu2|^2 + sum (sigma1 - sigma2)^2
    expect(frechetDistance([0, 1, 2], [4, 0, 0, 0, 1, 0, 0, 0, 9], [1, 1, 0], [1, 0, 0, 0, 4, 0, 0, 0, 9], 3)).toBeCloseTo(1 + 4 + 1 + 1 + 0, 10);
    // 2 x 2, any SPD pair: tr(S1 S2)^1/2 = sqrt(l1) + sqrt(l2) with l the eigenvalues of S1 S2 (real, positive), so
    // tr sqrt = sqrt(tr(S1 S2) + 2 sqrt(det(S1 S2)))
    const rand = seededRandom(7);
    for (let trial = 0; trial < 20; trial++) {
      const spd = () => {
        const [a, b, c] = [rand() * 2 - 1, rand() * 2 - 1, rand() * 2 - 1];
        return [a * a + b * b + 0.1, a * c + b * 0.3, a * c + b * 0.3, c * c + 0.09 + 0.1];
      };
      const s1 = spd(), s2 = spd(), mu1 = [rand(), rand()], mu2 = [rand(), rand()];
      const p = [s1[0] * s2[0] + s1[1] * s2[2], s1[0] * s2[1] + s1[1] * s2[3], s1[2] * s2[0] + s1[3] * s2[2], s1[2] * s2[1] + s1[3] * s2[3]];
      const tr = p[0] + p[3], det = p[0] * p[3] - p[1] * p[2];
      const expected = (mu1[0] - mu2[0]) ** 2 + (mu1[1] - mu2[1]) ** 2 + s1[0] + s1[3] + s2[0] + s2[3] - 2 * Math.sqrt(tr + 2 * Math.sqrt(det));
      expect(frechetDistance(mu1, s1, mu2, s2, 2)).toBeCloseTo(expected, 9);
    }
  });

  it('fits Gaussians and takes square roots of covariances exactly enough to use', () => {
    const rows = gaussianRows(20000, [2, -1], [[1, 0], [0.8, 0.6]], 3);
    const { mean, cov } = gaussianFit(rows, 2);
    expect(mean[0]).toBeCloseTo(2, 1);
    expect(cov[1]).toBeCloseTo(0.8, 1); // L L^T = [[1, 0.8], [0.8, 1]]
    const root = sqrtPsd(cov, 2);
    const back = [root[0] * root[0] + root[1] * root[2], root[0] * root[1] + root[1] * root[3]];
    expect(back[0]).toBeCloseTo(cov[0], 10);
    expect(back[1]).toBeCloseTo(cov[1], 10);
    const { values } = symmetricEigen([2, 1, 1, 2], 2);
    expect([...values].sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
  });
});

describe('KID', () => {
  it('has expectation 0 for two samples of one distribution (within its standard error), and is clearly positive for two', () => {
    const L = [[1, 0, 0], [0.3, 1, 0], [0, 0.2, 0.5]];
    const a = gaussianRows(400, [0, 0, 0], L, 11), b = gaussianRows(400, [0, 0, 0], L, 12);
    const same = kid(a, b, 3, { subsets: 20, size: 200 });
    expect(Math.abs(same.mean)).toBeLessThan(4 * same.standardError + 1e-12);
    const shifted = kid(a, gaussianRows(400, [1, 0, 0], L, 13), 3, { subsets: 20, size: 200 });
    expect(shifted.mean).toBeGreaterThan(10 * shifted.standardError);
  });
});

describe('precision and recall', () => {
  it('are 0 for disjoint sets and 1 for identical ones; a set inside a wider one has full precision and partial recall', () => {
    const a = gaussianRows(120, [0, 0], [[1, 0], [0, 1]], 21);
    const far = gaussianRows(120, [100, 100], [[1, 0], [0, 1]], 22);
    expect(precisionRecall(a, far, 2)).toEqual({ precision: 0, recall: 0 });
    expect(precisionRecall(a, a, 2)).toEqual({ precision: 1, recall: 1 });
    const wide = gaussianRows(400, [0, 0], [[3, 0], [0, 3]], 23);
    const narrow = gaussianRows(400, [0, 0], [[0.3, 0], [0, 0.3]], 24);
    const pr = precisionRecall(wide, narrow, 2); // fakes (narrow) all inside the reals' manifold; reals far outside theirs
    expect(pr.precision).toBeGreaterThan(0.95);
    expect(pr.recall).toBeLessThan(0.3);
  });
});

describe('reference draws', () => {
  it('draw rows from the whole set (a set ordered by class gives every class its share), the same from the same seed', () => {
    // 8000 rows of 2 values, ordered by class like MNIST's training split: row r is (class, r)
    const rows = Float32Array.from({ length: 16_000 }, (_, i) => (i % 2 === 0 ? Math.floor(i / 2 / 800) : i / 2));
    const drawn = drawRows(rows, 2, 2000, 1);
    expect(drawn).toBeInstanceOf(Float32Array);
    expect(drawn.length).toBe(4000);
    const perClass = Array.from({ length: 10 }, (_, c) => drawn.filter((v, i) => i % 2 === 0 && v === c).length);
    perClass.forEach((n) => expect(n).toBeGreaterThan(140)); // 200 each expected; binomial sd about 13
    const indices = new Set(Array.from({ length: 2000 }, (_, j) => drawn[2 * j + 1]));
    expect(indices.size).toBe(2000); // without replacement
    for (let j = 0; j < 2000; j++) expect(drawn[2 * j]).toBe(Math.floor(drawn[2 * j + 1] / 800)); // whole rows
    expect(drawRows(rows, 2, 2000, 1)).toEqual(drawn);
    expect(drawRows(rows, 2, 2000, 2)).not.toEqual(drawn);
    expect(drawRows(rows, 2, 9000, 1)).toEqual(rows); // more than there are: all, in order
  });
});

describe('class histogram', () => {
  it('counts the predicted classes, the ones covered, and the KL from uniform', () => {
    const logits = (labels: number[]) => Float64Array.from(labels.flatMap((y) => Array.from({ length: 4 }, (_, j) => (j === y ? 5 : 0))));
    expect(classHistogram(logits([0, 1, 2, 3, 0, 1, 2, 3]), 4)).toEqual({ counts: [2, 2, 2, 2], covered: 4, klFromUniform: 0 });
    const one = classHistogram(logits([2, 2, 2]), 4);
    expect(one.covered).toBe(1);
    expect(one.klFromUniform).toBeCloseTo(Math.log(4), 12);
  });
});

describe('Stacked MNIST', () => {
  it('stacks three digits as channels, its mode the triple of their classes, the same from the same seed', async () => {
    const { stackedMnist } = await import('../../src/data/stacked-mnist');
    const labels = Uint8Array.from({ length: 30 }, (_, i) => i % 10);
    const rows = Float32Array.from({ length: 30 * 784 }, (_, i) => Math.floor(i / 784) / 100); // image i is all i/100
    const set = { rows, labels, count: 30, dims: 784 };
    const a = stackedMnist(set, 50, 3), b = stackedMnist(set, 50, 3);
    expect(a.rows).toEqual(b.rows);
    expect(a.dims).toBe(3 * 784);
    for (let i = 0; i < 50; i++) {
      const picks = [0, 1, 2].map((c) => Math.round(a.rows[i * a.dims + c * 784] * 100)); // which image is channel c
      expect(a.modes[i]).toBe(100 * labels[picks[0]] + 10 * labels[picks[1]] + labels[picks[2]]);
      for (let c = 0; c < 3; c++) expect(a.rows[i * a.dims + c * 784 + 783]).toBe(a.rows[i * a.dims + c * 784]); // whole digits
    }
    expect(stackedMnist(set, 50, 4).rows).not.toEqual(a.rows);
  });

  it('counts modes covered and the KL of their distribution from uniform', async () => {
    const { modeCounts } = await import('../../src/quality/measures');
    const all = modeCounts(Array.from({ length: 2000 }, (_, i) => i % 1000), 1000);
    expect([all.covered, all.klFromUniform]).toEqual([1000, 0]);
    const half = modeCounts(Array.from({ length: 1000 }, (_, i) => i % 500), 1000);
    expect(half.covered).toBe(500);
    expect(half.klFromUniform).toBeCloseTo(Math.log(2), 12);
  });
});
