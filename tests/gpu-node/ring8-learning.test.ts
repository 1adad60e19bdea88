// Full training on the ring of 8 Gaussians with plain Algorithm 1, measured as in the unrolled-GAN paper on 2000
// samples: modes covered and the share within 3 std of a mode. The paper's criterion is at least 7 modes and 70%.
// This configuration (`npm run convergence -- --gDepth 3 --dLr 7e-4 --batch 256 --schedule 4000:0.3,6000:0.1
// --iterations 6500`) met it for every seed tried: seed 1 8 modes, 78.5%; seed 2 8, 75.8%; seed 3 8, 71.4% (README.md,
// "Convergence on the ring of 8"). The test runs seed 1, the one with the widest margin, within the CI budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modeCoverage, ring8 } from '../../src/data/toy';
import type { AcquiredDevice } from '../../src/gpu/device';
import { requestNodeDevice } from '../../src/node/device';
import { ring8PaperConfig, type GanConfig } from '../../src/train/config';
import { Gan } from '../../src/train/gan';

/** G 8-64-64-64-2 relu, D 2-64-64-1 leaky relu, batch 256, k = 1, non-saturating, Adam (beta1 0.5) with G's lr 1e-3
 * and D's 7e-4. D slower than G keeps the modes G finds early; a deeper G makes sharper clusters; with batch 256
 * (against 128) every seed tried reached 70%: less gradient noise, more even modes when the lrs drop. The lrs drop
 * as the samples sharpen (x0.3 after 4000 iterations, x0.1 after 6000), so that G's steps stop scattering them off
 * the modes; the share climbs through the whole x0.3 phase, and the x0.1 phase settles it. From the CLI:
 * `npm run cli -- train --dataset ring8 --config examples/configs/ring8-paper.json --iterations 6500`. */
const config: GanConfig = ring8PaperConfig(1);

describe('learning the ring of 8', () => {
  let acquired: AcquiredDevice;
  beforeAll(async () => { acquired = await requestNodeDevice(); });
  afterAll(() => acquired?.device.destroy());

  it('covers at least 7 of 8 modes, with at least 70% of samples within 3 std (the paper\'s criterion)', async () => {
    const data = ring8(10_000, 1);
    const start = performance.now();
    const gan = await Gan.create(acquired.device, config, { rows: data.rows, dims: 2 });
    await gan.train(6500, { chunk: 250, snapshotEvery: 0 });
    const coverage = modeCoverage(await gan.sample(2000), data);
    console.log(`after ${gan.iterations} iterations (${((performance.now() - start) / gan.iterations).toFixed(1)} ms each): ` +
      `${coverage.modesCovered}/8 modes, ${(100 * coverage.highQualityFraction).toFixed(1)}% within 3 std, ` +
      `per mode ${coverage.perMode.join(' ')}`);
    expect(gan.iterations).toBe(6500);
    expect(coverage.modesCovered).toBeGreaterThanOrEqual(7);
    // seen for seed 1: 8 modes, 78.5% in the convergence tool, 76.4% on this test's own 2000 samples (151 s here)
    expect(coverage.highQualityFraction).toBeGreaterThanOrEqual(0.7);
    gan.destroy();
  });
});
