// A learning rate that makes training diverge stops it with a NonFiniteError; no update is applied from the bad
// step on, the step counters stop, and the last snapshot holds finite values and can be restored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ring8 } from '../../src/data/toy';
import type { AcquiredDevice } from '../../src/gpu/device';
import { requestNodeDevice } from '../../src/node/device';
import { toyConfig } from '../../src/train/config';
import { NonFiniteError } from '../../src/train/errors';
import { Gan } from '../../src/train/gan';
import { loadCheckpoint, saveCheckpoint } from '../../src/io/checkpoint';

describe('the NaN guard', () => {
  let acquired: AcquiredDevice;
  beforeAll(async () => { acquired = await requestNodeDevice(); });
  afterAll(() => acquired?.device.destroy());

  it('halts a diverging run with a clear error and keeps a finite snapshot to restore', async () => {
    const config = toyConfig({
      generator: { layers: [{ units: 16, activation: 'relu' }, { units: 2, activation: 'identity' }] },
      discriminator: { layers: [{ units: 16, activation: 'leaky_relu' }, { units: 1, activation: 'identity' }] },
      noise: { dim: 4, distribution: 'normal' }, batchSize: 32, k: 1,
      optimizers: { generator: { type: 'sgd', lr: 0.2, momentum: 0.9 }, discriminator: { type: 'sgd', lr: 0.2, momentum: 0.9 } },
    });
    const gan = await Gan.create(acquired.device, config, { rows: ring8(200).rows, dims: 2 });
    const attempt = gan.train(500, { chunk: 5, snapshotEvery: 5 });
    await expect(attempt).rejects.toThrow(NonFiniteError);
    const error = gan.halted as NonFiniteError;
    console.log(error.message);
    expect(error.message).toMatch(/training diverged: a NaN or an infinity in the .* between iterations \d+ and \d+ .* Try a smaller learning rate/);
    const snapshot = gan.snapshot!;
    expect(snapshot.iterations).toBeGreaterThan(0); // seen here: diverges at iteration 21, snapshot at 20
    expect(snapshot.iterations).toBeLessThan(gan.iterations);
    for (const [name, values] of Object.entries(snapshot.buffers)) {
      if (values instanceof Float32Array) expect(values.every(Number.isFinite), `${name} in the snapshot`).toBe(true);
    }
    // the guard stopped every step from the bad one on: the step counts are behind the iterations that ran
    const counters = await gan.counters();
    expect(counters.gSteps).toBeLessThan(gan.iterations);
    expect(counters.dSteps).toBeLessThan(gan.iterations);
    // while halted, training refuses to go on, and so does saving (the state is not finite); after restoring, the
    // run is the snapshot's, and it saves a checkpoint that loads
    await expect(gan.train(1)).rejects.toThrow(NonFiniteError);
    await expect(saveCheckpoint(gan)).rejects.toThrow(/halted by a NaN or an infinity.*restoreSnapshot\(\) goes back to the last finite snapshot \(iteration \d+\)/);
    gan.restoreSnapshot();
    const reloaded = await loadCheckpoint(acquired.device, await saveCheckpoint(gan), { rows: ring8(200).rows, dims: 2 });
    expect(reloaded.iterations).toBe(snapshot.iterations);
    reloaded.destroy();
    expect(gan.iterations).toBe(snapshot.iterations);
    const restored = await gan.exportState();
    expect(Array.from(restored.buffers['generator.params'])).toEqual(Array.from(snapshot.buffers['generator.params']));
    gan.destroy();
  });
});
