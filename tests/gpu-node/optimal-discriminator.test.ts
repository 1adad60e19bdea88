// Proposition 1 of Goodfellow et al. (2014) on the GPU: with G fixed and affine (p_g known), training D alone drives
// D(x) to D*(x), and V(G, D) to -log 4 + 2 JSD(p_data || p_g); at p_g = p_data, D -> 1/2 and V -> -log 4.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcquiredDevice } from '../../src/gpu/device';
import { requestNodeDevice } from '../../src/node/device';
import {
  coveringInterval, gaussianPdf, jensenShannon, optimalDiscriminator, valueOfGame, type Gaussian1d,
} from '../../src/theory/gaussian';
import { defaultFitConfig, discriminatorAt, DiscriminatorFit } from '../../src/train/fit-discriminator';

async function fit(device: GPUDevice, data: Gaussian1d, generator: Gaussian1d, steps: number) {
  const run = await DiscriminatorFit.create(device, { ...defaultFitConfig, data, generator });
  for (let done = 0; done < steps; done += 200) run.train(200);
  const result = await run.read();
  run.destroy();
  return result;
}

function centralError(d: (x: number) => number, dStar: (x: number) => number, a: Gaussian1d, b: Gaussian1d): number {
  let worst = 0;
  for (const g of [a, b]) {
    for (let t = -2; t <= 2; t += 0.05) worst = Math.max(worst, Math.abs(d(g.mean + t * g.std) - dStar(g.mean + t * g.std)));
  }
  return worst;
}

describe('the optimal discriminator, trained on the GPU', () => {
  let acquired: AcquiredDevice;
  beforeAll(async () => { acquired = await requestNodeDevice(); });
  afterAll(() => acquired?.device.destroy());

  it('D -> D* and V(G, D) -> -log 4 + 2 JSD when p_g differs from p_data', async () => {
    const data = { mean: -1, std: 1 }, generator = { mean: 1, std: 1 };
    const { w, b, loss } = await fit(acquired.device, data, generator, 2000);
    console.log(`D(x) = sigmoid(${w.toFixed(4)} x + ${b.toFixed(4)}), D*(x) = sigmoid(-2 x); -V estimate ${loss.toFixed(4)}`);
    const pData = gaussianPdf(data), pG = gaussianPdf(generator);
    const dStar = optimalDiscriminator(pData, pG);
    const d = discriminatorAt(w, b);
    const [lo, hi] = coveringInterval(data, generator);
    const target = -Math.log(4) + 2 * jensenShannon(pData, pG, lo, hi);
    const v = valueOfGame(pData, pG, d, lo, hi);
    expect(centralError(d, dStar, data, generator), `D(x) = sigmoid(${w} x + ${b}); D* = sigmoid(-2x)`).toBeLessThan(0.05);
    expect(Math.abs(v - target), `V(G, D) ${v}, -log 4 + 2 JSD ${target}`).toBeLessThan(0.03);
    expect(Number.isFinite(loss)).toBe(true);
  });

  it('D -> 1/2 everywhere and V -> -log 4 when p_g = p_data', async () => {
    const same = { mean: 0.5, std: 1 };
    const { w, b } = await fit(acquired.device, same, same, 2000);
    const d = discriminatorAt(w, b);
    const pdf = gaussianPdf(same);
    const [lo, hi] = coveringInterval(same, same);
    expect(centralError(d, () => 0.5, same, same), `D(x) = sigmoid(${w} x + ${b})`).toBeLessThan(0.05);
    expect(Math.abs(valueOfGame(pdf, pdf, d, lo, hi) + Math.log(4))).toBeLessThan(0.03);
  });
});
