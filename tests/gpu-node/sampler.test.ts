// The on-GPU minibatch sampler: the rows it gathers are the rows the CPU reference picks with the same Philox draws.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gather_rows, rng_index } from '../../src/cpu';
import { MinibatchSampler } from '../../src/data/sampler';
import { ring8 } from '../../src/data/toy';
import { createStorage, readFloats } from '../../src/gpu/buffers';
import type { AcquiredDevice } from '../../src/gpu/device';
import { Kernels } from '../../src/gpu/registry';
import { requestNodeDevice } from '../../src/node/device';
import { compareExact } from '../support/compare';

describe('MinibatchSampler on Dawn', () => {
  let acquired: AcquiredDevice;
  beforeAll(async () => { acquired = await requestNodeDevice(); });
  afterAll(() => acquired?.device.destroy());

  it('gathers the rows that the CPU reference draws, and fresh rows after rng_advance', async () => {
    const device = acquired.device;
    const kernels = new Kernels(device);
    const data = ring8(1000, 7);
    const rngState = createStorage(device, 'rng_state', 2);
    const sampler = new MinibatchSampler(kernels, data.rows, 2, 65, rngState, 11, 5);
    const advance = kernels.prepare('rng_advance', { rng_state: rngState }, {});
    for (const draw of [0, 1]) {
      kernels.run(sampler.dispatches);
      const gpu = await readFloats(device, sampler.batch, 65 * 2);
      const idx = new Uint32Array(65);
      rng_index(idx, { seed: 11, stream: 5, draw }, data.count);
      const ref = new Float64Array(65 * 2);
      gather_rows(ref, data.rows, idx, 2, data.count);
      const check = compareExact(`minibatch at draw ${draw}`, gpu, ref);
      expect(check.ok, check.report).toBe(true);
      kernels.run([advance]);
    }
    expect(() => new MinibatchSampler(kernels, new Float32Array([1, NaN]), 2, 4, rngState, 1, 1)).toThrow(/NaN/);
    expect(() => new MinibatchSampler(kernels, new Float32Array([1, 2, 3]), 2, 4, rngState, 1, 1)).toThrow(/rows of 2/);
    sampler.destroy();
    advance.destroy();
    rngState.destroy();
  });
});
