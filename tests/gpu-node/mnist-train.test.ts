// The standard GAN on MNIST rows, end to end on Dawn: a few iterations, finite metrics, samples are images.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcquiredDevice } from '../../src/gpu/device';
import { loadMnist } from '../../src/node/mnist';
import { requestNodeDevice } from '../../src/node/device';
import { standardConfig } from '../../src/train/config';
import { Gan } from '../../src/train/gan';

describe('the standard GAN on MNIST', () => {
  let acquired: AcquiredDevice;
  beforeAll(async () => { acquired = await requestNodeDevice(); });
  afterAll(() => acquired?.device.destroy());

  it('trains: D separates real digits from the first fakes, and samples are 28x28 images in [0, 1]', async () => {
    const mnist = loadMnist();
    const gan = await Gan.create(acquired.device, standardConfig({ batchSize: 32 }), { rows: mnist.rows, dims: 784 });
    const metrics = await gan.train(6, { chunk: 3 });
    for (const m of metrics) for (const v of [m.dLoss, m.gLoss, m.dReal, m.dFake]) expect(Number.isFinite(v)).toBe(true);
    const last = metrics.at(-1)!;
    expect(last.dReal).toBeGreaterThan(last.dFake); // early on D wins: it tells real digits from noise images
    const samples = await gan.sample(4);
    expect(samples.length).toBe(4 * 784);
    expect(samples.every((v) => v >= 0 && v <= 1)).toBe(true);
    gan.destroy();
  });
});
