import { describe, expect, it } from 'vitest';
import { mnistFromDigitArrays, splitEvery } from '../../src/data/mnist';
import { loadMnist } from '../../src/node/mnist';

describe('MNIST from the mnist package', () => {
  it('loads 10,000 labelled 28x28 digits with pixels in [0, 1]', () => {
    const set = loadMnist();
    expect(set.count).toBe(10_000);
    expect(set.rows.length).toBe(10_000 * 784);
    const perLabel = new Array(10).fill(0);
    for (const l of set.labels) perLabel[l]++;
    for (const c of perLabel) expect(c).toBeGreaterThan(800);
    let ink = 0;
    for (const v of set.rows) ink += v;
    expect(ink / set.rows.length).toBeGreaterThan(0.05); // digits are mostly background, but not blank
    const { train, heldOut } = splitEvery(set, 10);
    expect(train.count + heldOut.count).toBe(10_000);
    expect(Array.from(heldOut.rows.subarray(0, 784))).toEqual(Array.from(set.rows.subarray(0, 784)));
  });

  it('rejects malformed digit arrays, naming the problem', () => {
    expect(() => mnistFromDigitArrays([[0]])).toThrow(/expected 10 digit arrays/);
    const bad = Array.from({ length: 10 }, () => new Array(784).fill(0));
    bad[3] = new Array(785).fill(0);
    expect(() => mnistFromDigitArrays(bad)).toThrow(/digit 3 has 785 values/);
    bad[3] = new Array(784).fill(2);
    expect(() => mnistFromDigitArrays(bad)).toThrow(/digit 3 has a pixel value 2/);
  });
});
