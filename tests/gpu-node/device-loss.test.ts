// Device loss injected with device.destroy() in the middle of training: the call in flight rejects with a
// DeviceLostError (nothing hangs), and a new device resumes from the snapshot to the same result as an
// uninterrupted run from that snapshot.
import { describe, expect, it } from 'vitest';
import { ring8 } from '../../src/data/toy';
import { requestNodeDevice } from '../../src/node/device';
import { toyConfig } from '../../src/train/config';
import { DeviceLostError } from '../../src/train/errors';
import { Gan, type GanState } from '../../src/train/gan';

const config = toyConfig({
  generator: { layers: [{ units: 16, activation: 'relu' }, { units: 2, activation: 'identity' }] },
  discriminator: { layers: [{ units: 16, activation: 'leaky_relu' }, { units: 1, activation: 'identity' }] },
  noise: { dim: 4, distribution: 'normal' }, batchSize: 32, k: 1, seed: 4,
});
const data = { rows: ring8(300, 5).rows, dims: 2 };

describe('device loss', () => {
  it('rejects the training call in flight, and resumes from the snapshot on a new device exactly', async () => {
    const first = await requestNodeDevice();
    const gan = await Gan.create(first.device, config, data);
    const training = gan.train(10_000, {
      chunk: 5, snapshotEvery: 10,
      onMetrics: (m) => { if (m.at(-1)!.iteration >= 30) first.device.destroy(); },
    });
    await expect(training).rejects.toThrow(DeviceLostError);
    console.log((gan.halted as Error).message);
    await expect(training).rejects.toThrow(/the GPU device was lost \(destroyed.*snapshot at iteration 20/);
    await expect(gan.sample(4)).rejects.toThrow(DeviceLostError); // read-backs reject rather than hang
    const snapshot = gan.snapshot as GanState;
    expect(snapshot.iterations).toBe(20); // the last snapshot before the loss (every 10 iterations)

    const second = await requestNodeDevice();
    const resumed = await Gan.fromSnapshot(second.device, config, data, snapshot);
    await resumed.train(12, { chunk: 4 });
    const reference = await Gan.fromSnapshot(second.device, config, data, snapshot);
    await reference.train(12, { chunk: 6 });
    const a = await resumed.exportState(), b = await reference.exportState();
    for (const [name, values] of Object.entries(b.buffers)) expect(Array.from(a.buffers[name]), name).toEqual(Array.from(values));
    expect(a.iterations).toBe(32);
    resumed.destroy();
    reference.destroy();
    second.device.destroy();
  });

  it('a run lost before its first train() has no snapshot, and starts again from its initial state', async () => {
    const first = await requestNodeDevice();
    const gan = await Gan.create(first.device, config, data);
    first.device.destroy();
    await expect(gan.train(5)).rejects.toThrow(/No snapshot was taken/);
    expect(gan.snapshot).toBeUndefined();
    const second = await requestNodeDevice();
    const restarted = await Gan.fromSnapshot(second.device, config, data, gan.snapshot);
    const fresh = await Gan.create(second.device, config, data);
    expect(restarted.iterations).toBe(0);
    const a = await restarted.parameters(), b = await fresh.parameters();
    expect(Array.from(a.generator)).toEqual(Array.from(b.generator));
    expect(Array.from(a.discriminator)).toEqual(Array.from(b.discriminator));
    expect((await restarted.train(3)).length).toBe(3);
    restarted.destroy();
    fresh.destroy();
    second.device.destroy();
  });
});
