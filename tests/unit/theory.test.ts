import { describe, expect, it } from 'vitest';
import {
  coveringInterval, gaussianPdf, integrate, jensenShannon, optimalDiscriminator, valueOfGame,
} from '../../src/theory/gaussian';

describe('the theory for 1-D Gaussians', () => {
  const data = { mean: 0, std: 1 }, gen = { mean: 1.5, std: 1 };
  const [lo, hi] = coveringInterval(data, gen);
  const pData = gaussianPdf(data), pG = gaussianPdf(gen);

  it('integrates densities to 1', () => {
    expect(integrate(pData, lo, hi)).toBeCloseTo(1, 10);
  });

  it('V(G, D*) = -log 4 + 2 JSD (Goodfellow et al. 2014, Theorem 1)', () => {
    const dStar = optimalDiscriminator(pData, pG);
    expect(valueOfGame(pData, pG, dStar, lo, hi)).toBeCloseTo(-Math.log(4) + 2 * jensenShannon(pData, pG, lo, hi), 10);
  });

  it('D* is the best discriminator: any other D has a lower V', () => {
    const dStar = optimalDiscriminator(pData, pG);
    const best = valueOfGame(pData, pG, dStar, lo, hi);
    for (const shift of [-0.3, 0.2]) {
      expect(valueOfGame(pData, pG, (x) => dStar(x + shift), lo, hi)).toBeLessThan(best);
    }
  });

  it('at p_g = p_data: D* = 1/2 everywhere, JSD = 0, V = -log 4', () => {
    const dStar = optimalDiscriminator(pData, pData);
    for (const x of [-3, 0, 2]) expect(dStar(x)).toBe(0.5);
    expect(jensenShannon(pData, pData, lo, hi)).toBeCloseTo(0, 12);
    expect(valueOfGame(pData, pData, dStar, lo, hi)).toBeCloseTo(-Math.log(4), 10);
  });

  it('JSD of well separated Gaussians approaches log 2', () => {
    const far = gaussianPdf({ mean: 40, std: 1 });
    expect(jensenShannon(pData, far, -20, 60)).toBeCloseTo(Math.log(2), 6);
  });
});
