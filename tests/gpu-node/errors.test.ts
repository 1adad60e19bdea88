// GPU errors become exceptions that say what was being done, on the real Dawn device.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcquiredDevice } from '../../src/gpu/device';
import { GpuError, withErrorScopes } from '../../src/gpu/errors';
import { BufferUsage } from '../../src/gpu/usage';
import { requestNodeDevice } from '../../src/node/device';
import { DiscriminatorFit, defaultFitConfig } from '../../src/train/fit-discriminator';

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
    const fit = await DiscriminatorFit.create(acquired.device, defaultFitConfig);
    fit.train(2);
    expect(Number.isFinite((await fit.read()).loss)).toBe(true);
    fit.destroy();
  });

  it('rejects a bad configuration before any GPU work, naming the field', async () => {
    await expect(DiscriminatorFit.create(acquired.device, { ...defaultFitConfig, batchSize: 0 })).rejects.toThrow(/batchSize/);
    await expect(DiscriminatorFit.create(acquired.device, { ...defaultFitConfig, generator: { mean: 0, std: 0 } }))
      .rejects.toThrow(/std/);
  });
});
