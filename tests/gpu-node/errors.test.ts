// GPU errors become exceptions that say what was being done, on the real Dawn device.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcquiredDevice } from '../../src/gpu/device';
import { GpuError, withErrorScopes } from '../../src/gpu/errors';
import { BufferUsage } from '../../src/gpu/usage';
import { requestNodeDevice } from '../../src/node/device';
import { ring8 } from '../../src/data/toy';
import { toyConfig } from '../../src/train/config';
import { Gan } from '../../src/train/gan';

const data = { rows: ring8(100).rows, dims: 2 };

describe('error scopes', () => {
  let acquired: AcquiredDevice;
  beforeAll(async () => { acquired = await requestNodeDevice(); });
  afterAll(() => acquired?.device.destroy());

  it('turns a validation error into a GpuError naming the work', async () => {
    const device = acquired.device;
    const attempt = withErrorScopes(device, 'allocating a test buffer', () =>
      // MAP_READ may only be combined with COPY_DST: a validation error
      device.createBuffer({ label: 'bad', size: 16, usage: BufferUsage.MAP_READ | BufferUsage.STORAGE }));
    await expect(attempt).rejects.toThrow(GpuError);
    await expect(withErrorScopes(device, 'allocating a test buffer', () =>
      device.createBuffer({ label: 'bad', size: 16, usage: BufferUsage.MAP_READ | BufferUsage.STORAGE })))
      .rejects.toThrow(/validation error while allocating a test buffer/);
  });

  it('passes a clean allocation through', async () => {
    const gan = await Gan.create(acquired.device, toyConfig({ batchSize: 16 }), data);
    const [m] = await gan.train(1);
    expect(Number.isFinite(m.dLoss)).toBe(true);
    gan.destroy();
  });

  it('rejects a bad configuration before any GPU work, naming the field', async () => {
    await expect(Gan.create(acquired.device, toyConfig({ batchSize: 0 }), data)).rejects.toThrow(/config.batchSize/);
    await expect(Gan.create(acquired.device, toyConfig(), { rows: new Float32Array(3), dims: 2 })).rejects.toThrow(/rows of 2/);
  });

  it('refuses every call on a destroyed run, instead of computing zeros on freed buffers', async () => {
    const gan = await Gan.create(acquired.device, toyConfig({ batchSize: 16 }), data);
    await gan.train(1);
    gan.destroy();
    const destroyed = /this run was destroyed/;
    await expect(gan.train(1)).rejects.toThrow(destroyed);
    await expect(gan.sample(4)).rejects.toThrow(destroyed);
    await expect(gan.discriminate(new Float32Array(4))).rejects.toThrow(destroyed);
    await expect(gan.generate(new Float32Array(16))).rejects.toThrow(destroyed);
    await expect(gan.exportState()).rejects.toThrow(destroyed);
    await expect(gan.parameters()).rejects.toThrow(destroyed);
    expect(() => gan.runSteps('generator')).toThrow(destroyed);
  });
});
