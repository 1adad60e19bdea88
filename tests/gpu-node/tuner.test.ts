// The kernel tuner on a real device (Dawn): it picks a valid variant for every shape by timing, caches its choices
// and reloads them without measuring again, honours a forced variant family, and never trusts a corrupt or stale
// cache (a warning, then a fresh measurement).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AcquiredDevice } from '../../src/gpu/device';
import { choiceKey, Kernels, variantsOf } from '../../src/gpu/registry';
import {
  configureTuning, kernelSourceFingerprint, SOURCE_KEY, tune, tuningReport, type TuningRequest, type TuningStore,
} from '../../src/gpu/tuner';
import { linearRequests, networkTuningRequests } from '../../src/nn/network-gpu';
import { planNetwork } from '../../src/nn/network';
import { requestNodeDevice } from '../../src/node/device';
import { fileTuningStore } from '../../src/node/tuning-store';
import { ring8 } from '../../src/data/toy';
import { toyConfig } from '../../src/train/config';
import { Gan } from '../../src/train/gan';

const requests: TuningRequest[] = linearRequests({ input: 48, layers: [{ units: 96, activation: 'relu' }, { units: 40, activation: 'identity' }] }, [130]);

function memoryStore(initial?: Record<string, string>): TuningStore & { saved?: Record<string, string> } {
  const store: TuningStore & { saved?: Record<string, string> } = {
    load: () => initial,
    save: (choices) => { store.saved = { ...choices }; },
  };
  return store;
}

describe('the kernel tuner', () => {
  const devices: AcquiredDevice[] = [];
  const fresh = async () => {
    const acquired = await requestNodeDevice();
    devices.push(acquired);
    return acquired.device;
  };
  beforeAll(() => { process.env.WEBGPU_GAN_TUNING_CACHE = join(mkdtempSync(join(tmpdir(), 'webgpu-gan-tuning-')), 'tuning.json'); });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => devices.forEach((d) => d.device.destroy()));

  it('times the variants of every shape and keeps a valid one for each, reporting its timings', async () => {
    const device = await fresh();
    const store = memoryStore();
    configureTuning(device, { mode: 'measure', store, minFlops: 0 });
    await tune(device, requests);
    const report = tuningReport(device);
    for (const r of requests) {
      const key = choiceKey(r.name, r.params);
      expect(variantsOf(r.name), key).toContain(report.choices[key]);
      const times = report.timings[key];
      expect(Object.keys(times).sort(), key).toEqual([...variantsOf(r.name)].sort());
      expect(Object.values(times).every((ms) => ms > 0 && Number.isFinite(ms)), key).toBe(true);
      // the choice is the fastest measured
      expect(times[report.choices[key]]).toBe(Math.min(...Object.values(times)));
    }
    expect(store.saved).toEqual({ [SOURCE_KEY]: kernelSourceFingerprint(), ...report.choices });
  });

  it('reloads its cache on another device without measuring again, and the run uses the cached variants', async () => {
    const first = await fresh();
    const path = join(mkdtempSync(join(tmpdir(), 'webgpu-gan-tuning-')), 'tuning.json');
    configureTuning(first, { mode: 'measure', store: fileTuningStore('test adapter', path), minFlops: 0 });
    await tune(first, requests);
    const chosen = tuningReport(first).choices;
    const onDisk = JSON.parse(readFileSync(path, 'utf8'));
    const stamp = { [SOURCE_KEY]: kernelSourceFingerprint() }; // the kernels the choices were measured on
    expect(onDisk).toEqual({ version: 1, adapters: { 'test adapter': { ...stamp, ...chosen } } });
    // force every choice to the tiled variant in the file: the second device must take it from there, not measure
    const tiled = Object.fromEntries(Object.keys(chosen).map((k) => [k, variantsOf(k.split(':')[0])[1]]));
    writeFileSync(path, JSON.stringify({ version: 1, adapters: { 'test adapter': { ...stamp, ...tiled } } }));
    const second = await fresh();
    configureTuning(second, { mode: 'measure', store: fileTuningStore('test adapter', path), minFlops: 0 });
    await tune(second, requests);
    const report = tuningReport(second);
    expect(report.choices).toEqual(tiled);
    expect(report.timings).toEqual({}); // nothing was measured
    const kernels = new Kernels(second);
    expect(kernels.variantFor('linear_forward', requests[0].params)).toBe('linear_forward_tiled');
  });

  it('honours a forced family everywhere it exists, and names the families when asked for one that does not', async () => {
    const device = await fresh();
    configureTuning(device, { force: 'tiled' });
    const gan = await Gan.create(device, toyConfig({ batchSize: 32 }), { rows: ring8(200).rows, dims: 2 });
    const kernels = gan.dispatches().map((d) => d.kernel);
    expect(kernels).toContain('linear_forward_tiled');
    expect(kernels).toContain('linear_backward_weight_tiled');
    expect(kernels).not.toContain('linear_forward');
    expect(kernels).toContain('sigmoid_bce_forward_backward'); // no tiled member: runs as it is
    const [m] = await gan.train(1);
    expect(Number.isFinite(m.dLoss)).toBe(true);
    gan.destroy();
    // split-K: the weight gradients in two passes each (partial products, then their sum), dw and dx apart
    configureTuning(device, { force: 'splitk' });
    const split = await Gan.create(device, toyConfig({ batchSize: 32 }), { rows: ring8(200).rows, dims: 2 });
    const splitKernels = split.dispatches().map((d) => d.kernel);
    expect(splitKernels.filter((k) => k === 'linear_backward_weight_split')).toHaveLength(6);
    expect(splitKernels).not.toContain('linear_backward');
    expect(split.dispatchesPerIteration).toBe(split.dispatches().length + 6);
    const [s] = await split.train(2);
    expect(Number.isFinite(s.dLoss)).toBe(true);
    split.destroy();
    expect(() => configureTuning(device, { force: 'magic' })).toThrow(/no kernel variant family 'magic' \(families: blocked, tiled, splitk, gemm, planar\)/);
    configureTuning(device, { force: undefined });
    expect(new Kernels(device).variantFor('linear_forward', requests[0].params)).toBe('linear_forward');
  });

  it('times a conv layer as its direct gathers and as GEMMs, in rows and in planes (their products tuned first), and runs a GEMM only where its scratch fits', async () => {
    const device = await fresh();
    configureTuning(device, { mode: 'measure', store: memoryStore(), minFlops: 0 });
    const plan = planNetwork({ input: 3 * 9 * 9, layers: [
      { type: 'reshape', shape: [3, 9, 9] }, { type: 'conv2d', channels: 8, kernel: 3, stride: 2, padding: 1, activation: 'relu' },
    ] }, 'conv net');
    const convRequests = networkTuningRequests(plan, [5]);
    const names = convRequests.map((r) => r.name);
    // the GEMM variants' products come before the variants, so each variant is timed with its products' best
    expect(names.indexOf('conv2d_forward')).toBeGreaterThan(names.lastIndexOf('linear_backward_weight'));
    await tune(device, convRequests);
    const report = tuningReport(device);
    for (const name of ['conv2d_forward', 'conv2d_backward_input', 'conv2d_backward_weight'] as const) {
      const r = convRequests.find((q) => q.name === name)!;
      const key = choiceKey(name, r.params);
      expect(Object.keys(report.timings[key]).sort(), key).toEqual([name, `${name}_gemm`, `${name}_planar`].sort());
      expect(report.timings[key][report.choices[key]]).toBe(Math.min(...Object.values(report.timings[key])));
    }
    // a layer whose columns would not fit one binding of the device runs its direct kernel, even with 'gemm' forced
    configureTuning(device, { force: 'gemm' });
    const kernels = new Kernels(device);
    const huge = { batch: 4096, in_channels: 256, in_h: 64, in_w: 64, out_channels: 8, out_h: 64, out_w: 64, kernel: 5, stride: 1, padding: 2 };
    expect(kernels.variantFor('conv2d_forward', huge)).toBe('conv2d_forward');
    expect(kernels.variantFor('conv2d_forward', convRequests.find((q) => q.name === 'conv2d_forward')!.params)).toBe('conv2d_forward_gemm');
    configureTuning(device, { force: 'planar' });
    expect(kernels.variantFor('conv2d_forward', huge)).toBe('conv2d_forward');
    expect(kernels.variantFor('conv2d_forward', convRequests.find((q) => q.name === 'conv2d_forward')!.params)).toBe('conv2d_forward_planar');
    // a list: each kernel runs its member of the first family it has one in
    configureTuning(device, { force: 'gemm,tiled' });
    expect(kernels.variantFor('conv2d_forward', convRequests.find((q) => q.name === 'conv2d_forward')!.params)).toBe('conv2d_forward_gemm');
    expect(kernels.variantFor('linear_forward', requests[0].params)).toBe('linear_forward_tiled');
    expect(() => configureTuning(device, { force: 'gemm,magic' })).toThrow(/no kernel variant family 'gemm,magic'/);
    configureTuning(device, { force: undefined });
  });

  it('spends no more than its time budget: what it leaves runs as it is, and a later call measures it', async () => {
    const device = await fresh();
    configureTuning(device, { mode: 'measure', store: memoryStore(), minFlops: 0, budgetMs: 0 });
    await tune(device, requests);
    expect(tuningReport(device).timings).toEqual({}); // over budget before the first shape
    expect(new Kernels(device).variantFor('linear_forward', requests[0].params)).toBe('linear_forward');
    expect(() => configureTuning(device, { budgetMs: -1 })).toThrow(/budgetMs must be a non-negative number/);
    configureTuning(device, { budgetMs: Infinity });
    await tune(device, requests);
    expect(Object.keys(tuningReport(device).timings).length).toBe(requests.length);
  });

  it('ignores a corrupt cache and stale entries with a warning, and measures anew', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stale = choiceKey(requests[0].name, requests[0].params);
    const device = await fresh();
    configureTuning(device, {
      mode: 'measure', minFlops: 0,
      store: memoryStore({ [SOURCE_KEY]: kernelSourceFingerprint(), [stale]: 'linear_forward_v9', 'nonsense:1x2x3': 'x' }),
    });
    await tune(device, requests.slice(0, 1));
    expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/ignoring the kernel tuning cache's entry "linear_forward:130x48x96" -> "linear_forward_v9"/);
    expect(variantsOf('linear_forward')).toContain(tuningReport(device).choices[stale]);
    expect(tuningReport(device).timings[stale]).toBeDefined(); // measured, not trusted
    const path = join(mkdtempSync(join(tmpdir(), 'webgpu-gan-tuning-')), 'tuning.json');
    writeFileSync(path, '{ this is not json');
    const other = await fresh();
    configureTuning(other, { mode: 'measure', minFlops: 0, store: fileTuningStore('a', path) });
    await tune(other, requests.slice(0, 1));
    expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/the kernel tuning cache could not be read/);
    expect(JSON.parse(readFileSync(path, 'utf8')).version).toBe(1); // replaced by a valid cache
  });

  it('measures anew, with a warning, when the cache was made on other kernels (another version)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const key = choiceKey(requests[0].name, requests[0].params);
    const device = await fresh();
    const store = memoryStore({ [SOURCE_KEY]: '00000000', [key]: 'linear_forward_tiled' });
    configureTuning(device, { mode: 'measure', minFlops: 0, store });
    await tune(device, requests.slice(0, 1));
    expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/measured on other kernels \(fingerprint "00000000".*measuring anew/);
    expect(tuningReport(device).timings[key]).toBeDefined(); // measured, not taken from the old cache
    expect(store.saved?.[SOURCE_KEY]).toBe(kernelSourceFingerprint());
  });
});
