// Full training on the ring of 8 Gaussians with plain Algorithm 1, measured as in the unrolled-GAN paper on 2000
// samples: modes covered and the share within 3 std of a mode. The paper's criterion is at least 7 modes and 70%.
// ring8PaperConfig meets it for seeds 1, 2 and 3 in 6500 iterations (README.md, "Convergence on the ring of 8"); to
// keep the suite's time, this test trains a faster variant of it for 3500 iterations: both lrs doubled (G 2e-3, D
// 1.4e-3), x0.3 after 2000 and x0.1 after 3000 (`npm run convergence -- --gDepth 3 --gLr 2e-3 --dLr 1.4e-3 --batch 256
// --schedule 2000:0.3,3000:0.1 --iterations 3500 --seed S`). It is less robust: seed 1 8 modes, 77.3%; seed 2 8,
// 80.5%; seed 3 collapsed onto one mode from the start (1 mode, 0.2%). The test runs seed 1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modeCoverage, ring8 } from '../../src/data/toy';
import type { AcquiredDevice } from '../../src/gpu/device';
import { requestNodeDevice } from '../../src/node/device';
import { ring8PaperConfig, type GanConfig } from '../../src/train/config';
import { Gan } from '../../src/train/gan';

const ITERATIONS = 3500;
const paper = ring8PaperConfig(1);
/** ring8PaperConfig(1) (G 8-64-64-64-2 relu, D 2-64-64-1 leaky relu, batch 256, k = 1, non-saturating, Adam beta1 0.5)
 * with its lrs doubled and its schedule compressed. */
const config: GanConfig = {
  ...paper,
  optimizers: {
    generator: { ...paper.optimizers.generator, lr: 2e-3 },
    discriminator: { ...paper.optimizers.discriminator, lr: 1.4e-3 },
  },
  schedule: [{ at: 2000, factor: 0.3 }, { at: 3000, factor: 0.1 }],
};

describe('learning the ring of 8', () => {
  let acquired: AcquiredDevice;
  beforeAll(async () => { acquired = await requestNodeDevice(); });
  afterAll(() => acquired?.device.destroy());

  it('covers at least 7 of 8 modes, with at least 70% of samples within 3 std (the paper\'s criterion)', async () => {
    const data = ring8(10_000, 1);
    const start = performance.now();
    const gan = await Gan.create(acquired.device, config, { rows: data.rows, dims: 2 });
    await gan.train(ITERATIONS, { chunk: 250, snapshotEvery: 0 });
    const coverage = modeCoverage(await gan.sample(2000), data);
    console.log(`after ${gan.iterations} iterations (${((performance.now() - start) / gan.iterations).toFixed(1)} ms each): ` +
      `${coverage.modesCovered}/8 modes, ${(100 * coverage.highQualityFraction).toFixed(1)}% within 3 std, ` +
      `per mode ${coverage.perMode.join(' ')}`);
    expect(gan.iterations).toBe(ITERATIONS);
    expect(coverage.modesCovered).toBeGreaterThanOrEqual(7);
    // seen for seed 1: 8 modes, 77.3% in the convergence tool
    expect(coverage.highQualityFraction).toBeGreaterThanOrEqual(0.7);
    gan.destroy();
  });
});
