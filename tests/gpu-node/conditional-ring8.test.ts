// A conditional MLP GAN on the ring of 8, each mode a class: sampled with a label, G's samples land on that label's
// mode (at least 90% within 3 std of it, for every label), where an unconditional G could put them on any mode.
// Seen (seed 1): 93.0-98.0% per label after 1200 iterations (96.4-98.6% after 2000). The same with 8 noise dimensions
// instead of 2 puts every
// sample within 0.5 of its label's mode but sharpens slowly (73-85% within 3 std after 3000 iterations): G has
// more noise to learn to ignore.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ring8 } from '../../src/data/toy';
import type { AcquiredDevice } from '../../src/gpu/device';
import { requestNodeDevice } from '../../src/node/device';
import { toyConfig, type GanConfig } from '../../src/train/config';
import { Gan } from '../../src/train/gan';

const ITERATIONS = 1200;
const adam = { type: 'adam', lr: 2e-3, beta1: 0.5 } as const;
const config: GanConfig = toyConfig({
  generator: { layers: [{ units: 64, activation: 'relu' }, { units: 64, activation: 'relu' }, { units: 2, activation: 'identity' }] },
  discriminator: { layers: [{ units: 64, activation: 'leaky_relu', alpha: 0.2 }, { units: 64, activation: 'leaky_relu', alpha: 0.2 }, { units: 1, activation: 'identity' }] },
  noise: { dim: 2, distribution: 'normal' }, batchSize: 128, seed: 1, conditional: { classes: 8 },
  optimizers: { generator: adam, discriminator: adam },
  schedule: [{ at: Math.round(ITERATIONS * 0.6), factor: 0.3 }, { at: Math.round(ITERATIONS * 0.85), factor: 0.1 }],
});

describe('a conditional GAN on the ring of 8', () => {
  let acquired: AcquiredDevice;
  beforeAll(async () => { acquired = await requestNodeDevice(); });
  afterAll(() => acquired?.device.destroy());

  it('puts at least 90% of the samples of each label within 3 std of that label\'s mode', async () => {
    const data = ring8(10_000, 1);
    const gan = await Gan.create(acquired.device, config, { rows: data.rows, dims: 2, labels: data.labels });
    const start = performance.now();
    await gan.train(ITERATIONS, { chunk: 250, snapshotEvery: 0 });
    const shares: number[] = [];
    for (let label = 0; label < 8; label++) {
      const s = await gan.sample(500, { label });
      const [mx, my] = data.modes[label];
      let near = 0;
      for (let i = 0; i < 500; i++) if (Math.hypot(s[2 * i] - mx, s[2 * i + 1] - my) <= 3 * data.modeStd) near++;
      shares.push(near / 500);
    }
    console.log(`after ${ITERATIONS} iterations (${((performance.now() - start) / ITERATIONS).toFixed(1)} ms each): ` +
      `share within 3 std of its label's mode, per label: ${shares.map((v) => (100 * v).toFixed(1)).join(' ')}`);
    for (const share of shares) expect(share).toBeGreaterThanOrEqual(0.9);
    gan.destroy();
  });
});
