// The schedule of Algorithm 1 on the GPU: who writes what, how counters advance, and that a seed fixes a run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ring8 } from '../../src/data/toy';
import { readFloats } from '../../src/gpu/buffers';
import type { AcquiredDevice } from '../../src/gpu/device';
import { requestNodeDevice } from '../../src/node/device';
import { toyConfig, type GanConfig } from '../../src/train/config';
import { Gan } from '../../src/train/gan';
import { FUSED_BACKWARD_STORAGE_BUFFERS } from '../../src/nn/network-gpu';
import { configureTuning, tuningReport } from '../../src/gpu/tuner';

const small = (overrides: Partial<GanConfig> = {}) => toyConfig({
  generator: { layers: [{ units: 16, activation: 'relu' }, { units: 2, activation: 'identity' }] },
  discriminator: { layers: [{ units: 16, activation: 'leaky_relu' }, { units: 1, activation: 'identity' }] },
  noise: { dim: 4, distribution: 'normal' }, batchSize: 32, k: 3, ...overrides,
});

const keptAlive: unknown[] = [];

describe('the schedule', () => {
  let acquired: AcquiredDevice;
  beforeAll(async () => { acquired = await requestNodeDevice(); });
  afterAll(() => acquired?.device.destroy());
  const data = { rows: ring8(300, 1).rows, dims: 2 };

  it('D steps leave G untouched, the G step leaves D untouched, counters advance by k and by 1', async () => {
    const gan = await Gan.create(acquired.device, small(), data);
    const before = await gan.parameters();
    await gan.runSteps('discriminator', 3);
    const afterD = await gan.parameters();
    expect(Array.from(afterD.generator)).toEqual(Array.from(before.generator));
    expect(Array.from(afterD.discriminator)).not.toEqual(Array.from(before.discriminator));
    expect(await gan.counters()).toEqual({ dSteps: 3, gSteps: 0, draw: 3 });
    const dGradsBefore = await readFloats(acquired.device, gan.discriminator.grads);
    await gan.runSteps('generator');
    const afterG = await gan.parameters();
    expect(Array.from(afterG.discriminator)).toEqual(Array.from(afterD.discriminator));
    expect(Array.from(afterG.generator)).not.toEqual(Array.from(afterD.generator));
    // the generator's gradient flows through D's input only: D's gradient buffer is not written either
    expect(Array.from(await readFloats(acquired.device, gan.discriminator.grads))).toEqual(Array.from(dGradsBefore));
    expect(await gan.counters()).toEqual({ dSteps: 3, gSteps: 1, draw: 4 });
    await gan.train(4);
    expect(await gan.counters()).toEqual({ dSteps: 15, gSteps: 5, draw: 20 });
    gan.destroy();
  });

  it('an iteration at k = 1 is 30 dispatches; on a device with the default 8 storage buffers, 34, with the same result', async () => {
    const config = small({ k: 1, generator: { layers: [{ units: 16, activation: 'relu' }, { units: 16, activation: 'relu' }, { units: 2, activation: 'identity' }] },
      discriminator: { layers: [{ units: 16, activation: 'leaky_relu' }, { units: 16, activation: 'leaky_relu' }, { units: 1, activation: 'identity' }] } });
    const fused = await Gan.create(acquired.device, config, data);
    expect(acquired.device.limits.maxStorageBuffersPerShaderStage).toBeGreaterThanOrEqual(FUSED_BACKWARD_STORAGE_BUFFERS);
    expect(fused.dispatchesPerIteration).toBe(30);
    expect(fused.dispatches().filter((d) => d.kernel === 'linear_backward')).toHaveLength(4);
    // a device with WebGPU's default limits (as an embedding app may pass in): dw and dx of a layer run apart
    const { create } = await import('webgpu');
    const gpu = create([]);
    keptAlive.push(gpu); // a collected Dawn instance takes its devices with it
    const adapter = await gpu.requestAdapter();
    const plain = await adapter!.requestDevice();
    try {
      expect(plain.limits.maxStorageBuffersPerShaderStage).toBeLessThan(FUSED_BACKWARD_STORAGE_BUFFERS);
      const apart = await Gan.create(plain, config, data);
      expect(apart.dispatchesPerIteration).toBe(34);
      expect(apart.dispatches().some((d) => d.kernel === 'linear_backward')).toBe(false);
      const [a, b] = [await fused.train(3), await apart.train(3)];
      expect(b).toEqual(a);
      const [pa, pb] = [await fused.parameters(), await apart.parameters()];
      expect(Array.from(pb.generator)).toEqual(Array.from(pa.generator));
      expect(Array.from(pb.discriminator)).toEqual(Array.from(pa.discriminator));
      apart.destroy();
      // tuning on such a device never builds the fused kernel it cannot bind (no uncaptured validation error)
      const uncaptured: string[] = [];
      plain.addEventListener('uncapturederror', (e) => uncaptured.push((e as GPUUncapturedErrorEvent).error.message));
      configureTuning(plain, { mode: 'measure', minFlops: 0 });
      (await Gan.create(plain, config, data)).destroy();
      await plain.queue.onSubmittedWorkDone();
      expect(uncaptured).toEqual([]);
      expect(Object.keys(tuningReport(plain).timings).some((k) => k.startsWith('linear_backward:'))).toBe(false);
      expect(Object.keys(tuningReport(plain).timings).length).toBeGreaterThan(0);
    } finally {
      fused.destroy();
      plain.destroy();
    }
  });

  it('one seed, one adapter: identical results run to run; another seed differs', async () => {
    const run = async (seed: number) => {
      const gan = await Gan.create(acquired.device, small({ seed, k: 1 }), data);
      const metrics = await gan.train(6, { chunk: 4 });
      const p = await gan.parameters();
      gan.destroy();
      return { metrics, g: Array.from(p.generator), d: Array.from(p.discriminator) };
    };
    const a = await run(5), b = await run(5), c = await run(6);
    expect(b).toEqual(a);
    expect(c.g).not.toEqual(a.g);
  });

  it('reports every iteration once, with finite metrics, across chunks; abort stops between chunks', async () => {
    const gan = await Gan.create(acquired.device, small({ k: 1 }), data);
    const seen: number[] = [];
    await gan.train(10, { chunk: 3, onMetrics: (m) => seen.push(...m.map((r) => r.iteration)) });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const m of gan.metrics()) {
      for (const v of [m.dLoss, m.gLoss, m.dReal, m.dFake]) expect(Number.isFinite(v)).toBe(true);
      expect(m.dReal).toBeGreaterThan(0);
      expect(m.dReal).toBeLessThan(1);
    }
    const controller = new AbortController();
    const aborted = gan.train(100, { chunk: 2, signal: controller.signal, onMetrics: () => controller.abort() });
    await expect(aborted).rejects.toThrow(/aborted/);
    expect(gan.iterations).toBe(12);
    const samples = await gan.sample(50);
    expect(samples.length).toBe(100);
    expect(samples.every(Number.isFinite)).toBe(true);
    const d = await gan.discriminate(data.rows.subarray(0, 20));
    expect(d.length).toBe(10);
    expect(d.every((p) => p > 0 && p < 1)).toBe(true);
    gan.destroy();
  });
});
