// Checkpoints on Dawn: resume is exact (train N, save, load, train M equals train N + M, bit for bit; also with the
// moving average of G), and a
// checkpoint that does not fit its config is rejected naming the tensor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ring8 } from '../../src/data/toy';
import type { AcquiredDevice } from '../../src/gpu/device';
import { loadCheckpoint, saveCheckpoint, stateLayoutFor } from '../../src/io/checkpoint';
import { CheckpointError, decodeSafetensors, encodeSafetensors } from '../../src/io/safetensors';
import { requestNodeDevice } from '../../src/node/device';
import { toyConfig, type GanConfig } from '../../src/train/config';
import { Gan } from '../../src/train/gan';

const config = toyConfig({
  generator: { layers: [{ units: 16, activation: 'relu' }, { units: 2, activation: 'identity' }] },
  discriminator: { layers: [{ units: 16, activation: 'leaky_relu' }, { units: 1, activation: 'identity' }] },
  noise: { dim: 4, distribution: 'normal' }, batchSize: 32, k: 2, seed: 3,
});
const data = { rows: ring8(300, 2).rows, dims: 2 };

describe('checkpoints', () => {
  let acquired: AcquiredDevice;
  let saved: Uint8Array;
  beforeAll(async () => { acquired = await requestNodeDevice(); });
  afterAll(() => acquired?.device.destroy());

  async function resumeIsExact(config: GanConfig): Promise<Uint8Array> {
    const device = acquired.device;
    const straight = await Gan.create(device, config, data);
    await straight.train(9, { chunk: 3 });
    const reference = await straight.exportState();
    const referenceSamples = await straight.sample(16, { ema: !!config.ema });
    straight.destroy();

    const first = await Gan.create(device, config, data);
    await first.train(5, { chunk: 3 });
    const file = await saveCheckpoint(first);
    first.destroy();
    const resumed = await loadCheckpoint(device, file, data);
    expect(resumed.iterations).toBe(5);
    // the loaded state is already a snapshot, so a device lost before any training resumes from the checkpoint
    expect(resumed.snapshot?.iterations).toBe(5);
    await resumed.train(4, { chunk: 3 });
    const state = await resumed.exportState();
    expect(Object.keys(state.buffers).sort()).toEqual(Object.keys(reference.buffers).sort());
    for (const [name, values] of Object.entries(reference.buffers)) {
      expect(Array.from(state.buffers[name]), name).toEqual(Array.from(values));
    }
    expect(state.history).toEqual(reference.history);
    expect(Array.from(await resumed.sample(16, { ema: !!config.ema }))).toEqual(Array.from(referenceSamples));
    resumed.destroy();
    return file;
  }

  it('resume is exact: train 5, save, load, train 4 equals train 9', async () => {
    saved = await resumeIsExact(config);
  });

  it('resume is exact with spectral norm (u and v kept) and the moving average of G, under the hinge loss', async () => {
    const stabilised: GanConfig = { ...config, loss: 'hinge', spectralNorm: true, ema: { decay: 0.95 } };
    const file = await resumeIsExact(stabilised);
    const { tensors } = decodeSafetensors(file);
    expect(tensors.get('discriminator.spectral_u')!.shape).toEqual([17]); // l0's 16 rows, then l1's 1
    expect(tensors.get('discriminator.spectral_v')!.shape).toEqual([18]); // l0's 2 columns, then l1's 16
    const gan = await Gan.create(acquired.device, stabilised, data);
    expect(stateLayoutFor(stabilised, 2)).toEqual(gan.stateLayout());
    gan.destroy();
  });

  it('resume is exact with the moving average of G, stored per layer as generator_ema.*', async () => {
    const withEma = { ...config, ema: { decay: 0.9 } };
    const file = await resumeIsExact(withEma);
    expect(decodeSafetensors(file).tensors.get('generator_ema.l0.weight')!.shape).toEqual([4, 16]);
    const gan = await Gan.create(acquired.device, withEma, data);
    expect(stateLayoutFor(withEma, 2)).toEqual(gan.stateLayout());
    gan.destroy();
    const plain = await Gan.create(acquired.device, config, data);
    await expect(plain.sample(4, { ema: true })).rejects.toThrow(/sample: \{ ema: true \} needs a run with config.ema/);
    plain.destroy();
  });

  it('reconfigure keeps the exact state: train 4, reconfigure with the same config, train 3 equals train 7', async () => {
    const straight = await Gan.create(acquired.device, config, data);
    await straight.train(7, { chunk: 7 });
    const reference = await straight.exportState();
    straight.destroy();
    const first = await Gan.create(acquired.device, config, data);
    await first.train(4, { chunk: 4 });
    const second = await first.reconfigure(structuredClone(config));
    expect(second.iterations).toBe(4);
    await second.train(3, { chunk: 3 });
    const state = await second.exportState();
    for (const [name, values] of Object.entries(reference.buffers)) expect(Array.from(state.buffers[name]), name).toEqual(Array.from(values));
    // and a new learning rate takes effect: a zero rate leaves the parameters where they were
    const frozen = await second.reconfigure({ ...config, optimizers: {
      generator: { ...config.optimizers.generator, lr: 0 }, discriminator: { ...config.optimizers.discriminator, lr: 0 } } });
    const before = await frozen.parameters();
    await frozen.train(2, { chunk: 2 });
    const after = await frozen.parameters();
    expect(Array.from(after.generator)).toEqual(Array.from(before.generator));
    expect(Array.from(after.discriminator)).toEqual(Array.from(before.discriminator));
    frozen.destroy();
  });

  it('stores weights per layer with PyTorch-readable names, shapes and the config', () => {
    const { tensors, metadata } = decodeSafetensors(saved);
    expect(tensors.get('generator.l0.weight')!.shape).toEqual([4, 16]);
    expect(tensors.get('discriminator.l1.bias')!.shape).toEqual([1]);
    expect(JSON.parse(metadata.config)).toEqual(config);
    expect(metadata.iterations).toBe('5');
  });

  function rewrite(edit: (t: ReturnType<typeof decodeSafetensors>) => void): Uint8Array {
    const file = decodeSafetensors(saved);
    edit(file);
    return encodeSafetensors(file.tensors, file.metadata);
  }

  const faults: [string, (t: ReturnType<typeof decodeSafetensors>) => void, RegExp][] = [
    ['a missing tensor', (f) => f.tensors.delete('discriminator.l0.weight'), /tensor 'discriminator.l0.weight' is missing/],
    ['an extra tensor', (f) => f.tensors.set('stowaway', { dtype: 'F32', shape: [1], data: new Float32Array(1) }), /unexpected tensor 'stowaway'/],
    ['a shape that does not fit the config', (f) => f.tensors.set('generator.l0.bias', { dtype: 'F32', shape: [8], data: new Float32Array(8) }), /'generator.l0.bias' has shape \[8\], expected \[16\]/],
    ['a wrong dtype', (f) => f.tensors.set('rng.state', { dtype: 'F32', shape: [2], data: new Float32Array(2) }), /'rng.state' is F32, expected U32/],
    ['a NaN payload', (f) => { (f.tensors.get('generator.l1.weight')!.data as Float32Array)[3] = NaN; }, /'generator.l1.weight' holds a non-finite value \(NaN\) at index 3/],
    ['another format', (f) => { f.metadata.format = 'other/9'; }, /format "other\/9"/],
    ['a broken config', (f) => { f.metadata.config = JSON.stringify({ ...config, k: 0 }); }, /metadata.config is invalid: config.k must be/],
    ['a changed weight (the checksum)', (f) => { (f.tensors.get('generator.l1.weight')!.data as Float32Array)[3] += 0.125; },
      /tensor 'generator.l1.weight': its bytes do not match the file's checksum/],
    ['an edited config (the checksum)', (f) => { f.metadata.config = JSON.stringify({ ...config, seed: 4 }); }, /metadata .* does not match the file's checksum/],
  ];
  for (const [what, edit, message] of faults) {
    it(`rejects ${what}`, async () => {
      await expect(loadCheckpoint(acquired.device, rewrite(edit), data)).rejects.toThrow(CheckpointError);
      await expect(loadCheckpoint(acquired.device, rewrite(edit), data)).rejects.toThrow(message);
    });
  }

  it('refuses a small file whose config declares 4096-wide layers before allocating anything', async () => {
    const wide = { ...config, generator: { layers: [{ units: 4096, activation: 'relu' }, { units: 2, activation: 'identity' }] } };
    const hostile = rewrite((f) => { f.metadata.config = JSON.stringify(wide); });
    const start = performance.now();
    await expect(loadCheckpoint(acquired.device, hostile, data)).rejects.toThrow(/'generator.l0.weight' has shape \[4,16\], expected \[4,4096\]/);
    expect(performance.now() - start).toBeLessThan(5000); // a hang guard: it takes milliseconds (it took 62 s, building the GAN first)
  });

  it('knows the state layout from the config alone, as the GPU run lays it out', async () => {
    const gan = await Gan.create(acquired.device, config, data);
    expect(stateLayoutFor(config, 2)).toEqual(gan.stateLayout());
    gan.destroy();
  });

  it('rejects data of another width', async () => {
    await expect(loadCheckpoint(acquired.device, saved, { rows: new Float32Array(9), dims: 3 })).rejects.toThrow(/rows of 2, the data given has rows of 3/);
  });

  it('saves a consistent checkpoint while a train() is in flight (a save clicked mid-training), which loads', async () => {
    const device = acquired.device;
    const gan = await Gan.create(device, config, data);
    const training = gan.train(300, { chunk: 3, snapshotEvery: 0 }); // not awaited: the save below lands while a chunk is in flight
    while (gan.iterations === 0) await new Promise((r) => setTimeout(r, 1)); // the first chunk is submitted
    expect(gan.metrics().length).toBe(0); // ...and not read back yet
    const bytes = await saveCheckpoint(gan);
    await training;
    const { metadata } = decodeSafetensors(bytes);
    const iterations = Number(metadata.iterations);
    expect(iterations).toBeGreaterThan(0); // the chunk submitted before the save is in it
    const loaded = await loadCheckpoint(device, bytes, data);
    expect(loaded.iterations).toBe(iterations);
    expect(loaded.metrics().length).toBe(iterations);
    // the history saved is the one training reported for those iterations
    expect(loaded.metrics()).toEqual(gan.metrics().slice(0, iterations));
    loaded.destroy();
    gan.destroy();
  });
});
