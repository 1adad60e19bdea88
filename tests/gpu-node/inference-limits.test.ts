// Sampling and evaluating more rows than one buffer of the network's widest layer holds on the device: the work runs
// in passes that fit, and every row is computed. Before, 70,000 samples of a G 4096 wide came back as 60,000 samples
// and 10,000 rows of zeros (an over-sized binding fails validation silently), and D's probabilities as 0.5.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcquiredDevice } from '../../src/gpu/device';
import { requestNodeDevice } from '../../src/node/device';
import { ring8 } from '../../src/data/toy';
import { toyConfig } from '../../src/train/config';
import { Gan } from '../../src/train/gan';

const keptAlive: unknown[] = [];

describe('requests larger than a buffer', () => {
  let acquired: AcquiredDevice;
  let device: GPUDevice;
  beforeAll(async () => {
    acquired = await requestNodeDevice(); // finds the Vulkan driver (SwiftShader here) for the plain device below
    const { create } = await import('webgpu');
    const gpu = create([]);
    keptAlive.push(gpu); // a collected Dawn instance takes its devices with it
    device = await (await gpu.requestAdapter())!.requestDevice(); // WebGPU's default limits: 128 MiB per binding
  });
  afterAll(() => {
    device?.destroy();
    acquired?.device.destroy();
  });

  it('runs G and D in passes that fit, and the rows past the first pass are computed, not zeros', async () => {
    const config = toyConfig({
      generator: { layers: [{ units: 4096, activation: 'relu' }, { units: 2, activation: 'identity' }] },
      discriminator: { layers: [{ units: 4096, activation: 'leaky_relu' }, { units: 1, activation: 'identity' }] },
      noise: { dim: 2, distribution: 'normal' }, batchSize: 16,
    });
    const gan = await Gan.create(device, config, { rows: ring8(64, 1).rows, dims: 2 });
    const perPass = Math.floor((device.limits.maxStorageBufferBindingSize - 16) / (4 * 4096));
    const n = 2 * perPass + 1000; // three passes
    const z = Float32Array.from({ length: 2 * n }, (_, i) => Math.sin(i * 0.37) * 2);
    const all = await gan.generate(z);
    expect(all.length).toBe(2 * n);
    // the same rows one pass at a time, each within the limit: bit for bit the same (a row's result does not
    // depend on the rows beside it)
    const parts: Float32Array[] = [];
    for (let first = 0; first < n; first += perPass) {
      parts.push(await gan.generate(z.subarray(2 * first, 2 * Math.min(n, first + perPass))));
    }
    expect(Array.from(all)).toEqual(parts.flatMap((p) => Array.from(p)));
    const tail = all.subarray(2 * (n - 1000));
    expect(tail.some((v) => v !== 0)).toBe(true);
    const logits = await gan.logits(all);
    expect(logits.length).toBe(n);
    expect(logits.every(Number.isFinite)).toBe(true);
    expect(Array.from(logits.subarray(n - 5))).toEqual(Array.from(await gan.logits(all.subarray(2 * (n - 5)))));
    expect(logits.subarray(n - 1000).some((v) => v !== 0)).toBe(true);
    const samples = await gan.sample(n);
    expect(samples.length).toBe(2 * n);
    expect(samples.every(Number.isFinite)).toBe(true);
    expect(samples.subarray(2 * (n - 1000)).some((v) => v !== 0)).toBe(true);
    gan.destroy();
  });

  it('keeps concurrent calls apart: each gets its own rows, though they share the buffers of one size', async () => {
    const gan = await Gan.create(acquired.device, toyConfig({ batchSize: 16 }), { rows: ring8(64, 1).rows, dims: 2 });
    const z1 = Float32Array.from({ length: 16 * 100 }, (_, i) => Math.cos(i)), z2 = z1.map((v) => -v);
    const [one, two] = await Promise.all([gan.generate(z1), gan.generate(z2)]);
    expect(Array.from(one)).toEqual(Array.from(await gan.generate(z1)));
    expect(Array.from(two)).toEqual(Array.from(await gan.generate(z2)));
    const [a, b] = await Promise.all([gan.sample(100), gan.sample(100)]); // two draws of the sampling stream
    expect(Array.from(a)).not.toEqual(Array.from(b));
    gan.destroy();
  });
});
