// Full training on the ring of 8 Gaussians with plain Algorithm 1, measured as in the unrolled-GAN paper on 2000
// samples: modes covered and the share within 3 std of a mode. The paper's criterion is at least 7 modes and 70%;
// this configuration (`npm run convergence -- --gDepth 3 --dLr 7e-4 --schedule 4000:0.3,5500:0.1 --iterations 7000`)
// reaches 7-8 modes for every seed tried but 70% for seed 1 only (seeds 2 and 3: 68% and 45%; README.md,
// "Convergence on the ring of 8"), so the test asserts the modes and only the share that every seed reached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modeCoverage, ring8 } from '../../src/data/toy';
import type { AcquiredDevice } from '../../src/gpu/device';
import { requestNodeDevice } from '../../src/node/device';
import { toyConfig, type GanConfig } from '../../src/train/config';
import { Gan } from '../../src/train/gan';

const hidden = (activation: 'relu' | 'leaky_relu', depth: number) =>
  Array.from({ length: depth }, () => ({ units: 64, activation, alpha: 0.2 }));

/** G 8-64-64-64-2 relu, D 2-64-64-1 leaky relu, batch 128, k = 1, non-saturating, Adam (beta1 0.5) with G's lr 1e-3
 * and D's 7e-4, both times `factor`. D slower than G keeps the modes G finds early; a deeper G makes sharper clusters. */
const config = (factor: number): GanConfig => toyConfig({
  generator: { layers: [...hidden('relu', 3), { units: 2, activation: 'identity' }] },
  discriminator: { layers: [...hidden('leaky_relu', 2), { units: 1, activation: 'identity' }] },
  noise: { dim: 8, distribution: 'normal' }, batchSize: 128, k: 1, loss: 'non-saturating', seed: 1,
  optimizers: {
    generator: { type: 'adam', lr: 1e-3 * factor, beta1: 0.5 },
    discriminator: { type: 'adam', lr: 7e-4 * factor, beta1: 0.5 },
  },
});

// [iterations, lr factor]: the lrs drop as the samples sharpen, so that G's steps stop scattering them off the modes
const phases: [number, number][] = [[4000, 1], [1500, 0.3], [1500, 0.1]];

describe('learning the ring of 8', () => {
  let acquired: AcquiredDevice;
  beforeAll(async () => { acquired = await requestNodeDevice(); });
  afterAll(() => acquired?.device.destroy());

  it('covers at least 7 of 8 modes, with at least 40% of samples within 3 std', async () => {
    const data = ring8(10_000, 1);
    const start = performance.now();
    let gan: Gan | undefined;
    for (const [iterations, factor] of phases) {
      gan = gan ? await gan.reconfigure(config(factor)) : await Gan.create(acquired.device, config(factor), { rows: data.rows, dims: 2 });
      await gan.train(iterations, { chunk: 250, snapshotEvery: 0 });
    }
    const coverage = modeCoverage(await gan!.sample(2000), data);
    console.log(`after ${gan!.iterations} iterations (${((performance.now() - start) / gan!.iterations).toFixed(1)} ms each): ` +
      `${coverage.modesCovered}/8 modes, ${(100 * coverage.highQualityFraction).toFixed(1)}% within 3 std, ` +
      `per mode ${coverage.perMode.join(' ')}`);
    expect(gan!.iterations).toBe(7000);
    expect(coverage.modesCovered).toBeGreaterThanOrEqual(7);
    // seen here with seed 1: 7 modes, 71.8%; the paper's 70% is not asserted since seeds 2 and 3 stop at 68% and 45%
    expect(coverage.highQualityFraction).toBeGreaterThanOrEqual(0.4);
    gan!.destroy();
  }, 400_000);
});
