// The hand-off to PyTorch (examples/pytorch/webgpu_gan.py): a run trained on Dawn, saved, and loaded into torch
// modules and optimizers gives the engine's G(z) and D's logits, and the optimizers' next step from given gradients
// is the engine's (its CPU mirror of the kernel, from the run's parameters, moments, step counts and scheduled lr);
// the PyTorch continuation then trains with finite losses. Needs /usr/bin/python3 with torch (Debian's python3-torch):
// without it the test fails, saying so.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adam_step, sgd_momentum_step } from '../../src/cpu/optim';
import { ring8 } from '../../src/data/toy';
import type { AcquiredDevice } from '../../src/gpu/device';
import { saveCheckpoint } from '../../src/io/checkpoint';
import { decodeSafetensors } from '../../src/io/safetensors';
import { dcganConfig } from '../../src/train/dcgan';
import { squares, tinyDcgan } from '../cases/dcgan-cases';
import { requestNodeDevice } from '../../src/node/device';
import { WAIT_MS } from '../support/timeouts';
import { learningRatesAt, resolveOptimizer, toyConfig, type GanConfig } from '../../src/train/config';
import { Gan } from '../../src/train/gan';
import { compareArrays, type Check } from '../support/compare';
import { randomF32, seededRandom } from '../support/random';

const PYTHON = '/usr/bin/python3';
const DRIVER = resolve('tests/gpu-node/pytorch_handoff_check.py');
const LAYERS_DRIVER = resolve('tests/gpu-node/pytorch_layers_check.py');
const tol = (_i: number, r: number) => 1e-5 + 1e-5 * Math.abs(r);
const NETS = ['generator', 'discriminator'] as const;

// Mixed activations (leaky_relu with its default alpha and with 0.1, tanh, sigmoid), widths that leave padding in
// the 64-float layout, Adam with betas and eps of its own per network, and a schedule that has changed both rates
// by the checkpoint. The rates are large so that one step moves the parameters far beyond the tolerance.
const adamConfig: GanConfig = toyConfig({
  generator: { layers: [{ units: 24, activation: 'leaky_relu' }, { units: 16, activation: 'tanh' }, { units: 2, activation: 'identity' }] },
  discriminator: { layers: [{ units: 20, activation: 'leaky_relu', alpha: 0.1 }, { units: 12, activation: 'sigmoid' }, { units: 1, activation: 'identity' }] },
  noise: { dim: 5, distribution: 'normal' },
  optimizers: {
    generator: { type: 'adam', lr: 2e-2, beta1: 0.5, beta2: 0.99, eps: 1e-6 },
    discriminator: { type: 'adam', lr: 1e-2, beta1: 0.6, beta2: 0.995, eps: 1e-7 },
  },
  schedule: [{ at: 2, factor: 0.5 }, { at: 4, generator: 0.3, discriminator: 0.7 }],
  k: 2, batchSize: 32, realLabel: 0.9, seed: 11, loss: 'non-saturating',
});

// SGD with momentum (D's left at the default, 0.9), the minimax loss, uniform noise, a schedule for D alone.
const sgdConfig: GanConfig = toyConfig({
  generator: { layers: [{ units: 16, activation: 'relu' }, { units: 2, activation: 'sigmoid' }] },
  discriminator: { layers: [{ units: 12, activation: 'tanh' }, { units: 1, activation: 'identity' }] },
  noise: { dim: 3, distribution: 'uniform' },
  optimizers: { generator: { type: 'sgd', lr: 0.05, momentum: 0.8 }, discriminator: { type: 'sgd', lr: 0.02 } },
  schedule: [{ at: 2, discriminator: 0.5 }],
  k: 1, batchSize: 16, realLabel: 1, seed: 5, loss: 'minimax',
  pack: 2, // PacGAN: D judges pairs; torch's continuation packs its batches the same way
});

/** rows as a .npy file (format 1.0: magic, version, header length, a dict padded to 64 bytes, then the data). */
function writeNpy(file: string, rows: Float32Array, dims: number): void {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows.length / dims}, ${dims}), }`;
  const headerLength = Math.ceil((10 + dict.length + 1) / 64) * 64 - 10;
  const header = Buffer.alloc(10 + headerLength, ' ');
  header.write('\x93NUMPY\x01\x00', 0, 'latin1');
  header.writeUInt16LE(headerLength, 8);
  header.write(dict, 10, 'latin1');
  header[header.length - 1] = 0x0a;
  writeFileSync(file, Buffer.concat([header, Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength)]));
}

const readF32 = (file: string) => {
  const b = readFileSync(file);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

interface Report {
  hyper: Record<(typeof NETS)[number], { type: string; lr: number; betas: number[] | null; eps: number | null; momentum: number | null; step: number | null }>;
  losses: [number, number][];
  finite: boolean;
  saved_iterations: number;
  saved_keys: string[];
}

describe('hand-off to PyTorch', () => {
  let acquired: AcquiredDevice;
  const work = mkdtempSync(join(tmpdir(), 'webgpu-gan-torch-'));
  beforeAll(async () => { acquired = await requestNodeDevice(); });
  afterAll(() => {
    acquired?.device.destroy();
    rmSync(work, { recursive: true, force: true });
  });

  for (const [name, config, iterations] of [['adam', adamConfig, 5], ['sgd', sgdConfig, 3]] as const) {
    it(`${name}: torch's G(z), D(x) and next optimizer step equal the engine's; training continues`, async () => {
      const dir = mkdtempSync(join(work, `${name}-`));
      const data = ring8(400, 4);
      const gan = await Gan.create(acquired.device, config, { rows: data.rows, dims: 2 });
      await gan.train(iterations, { chunk: 2 });
      writeFileSync(join(dir, 'run.safetensors'), await saveCheckpoint(gan));
      writeNpy(join(dir, 'data.npy'), data.rows, 2);
      const rand = seededRandom(99);
      const z = randomF32(rand, 37 * config.noise.dim, 2);
      const x = randomF32(rand, 42 * 2, 3); // 42 rows: 21 pairs for the packing D
      writeFileSync(join(dir, 'z.bin'), z);
      writeFileSync(join(dir, 'x.bin'), x);
      const gz = await gan.generate(z);
      const logits = await gan.logits(x);
      // fixed gradients, zero in the layout's padding, and the engine's next step from them (its CPU mirror)
      const state = await gan.exportState();
      const rates = learningRatesAt(config, gan.iterations);
      const counters = state.buffers['optimizer.counters'] as Uint32Array;
      const expected: Record<string, Float64Array> = {};
      for (const net of NETS) {
        const layout = (net === 'generator' ? gan.generator : gan.discriminator).layout;
        const grad = new Float32Array(layout.totalFloats);
        for (const t of layout.tensors) grad.set(randomF32(rand, t.size, 0.1), t.offset);
        writeFileSync(join(dir, `${net}.grad.bin`), grad);
        const p = Float64Array.from(state.buffers[`${net}.params`]);
        const m = Float64Array.from(state.buffers[`${net}.optimizer.moment1`]);
        const v = Float64Array.from(state.buffers[`${net}.optimizer.moment2`]);
        const o = resolveOptimizer(config.optimizers[net]);
        const t = counters[net === 'generator' ? 4 : 0] + 1;
        if (o.type === 'adam') adam_step(p, m, v, grad, t, { lr: rates[net], beta1: o.beta1, beta2: o.beta2, eps: o.eps });
        else sgd_momentum_step(p, m, grad, { lr: rates[net], beta1: o.beta1 });
        expected[net] = p;
      }
      const counts = await gan.counters();
      gan.destroy();

      const started = performance.now();
      const py = spawnSync(PYTHON, [DRIVER, join(dir, 'run.safetensors'), dir], { encoding: 'utf8', timeout: WAIT_MS });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (py.error || py.status !== 0) {
        const why = py.status === 3 ? `${PYTHON} has no torch: install Debian's python3-torch (apt-get install python3-torch)` : 'failed';
        throw new Error(`${PYTHON} ${DRIVER} ${why} (status ${py.status}, ${py.error?.message ?? ''}):\n${py.stderr}`);
      }
      const report = JSON.parse(py.stdout.trim().split('\n').pop()!) as Report;

      // the optimizers hold the config's hyperparameters, the scheduled lr and the engine's step counts
      for (const net of NETS) {
        const o = resolveOptimizer(config.optimizers[net]);
        const h = report.hyper[net];
        expect(h.lr, `${net} lr`).toBeCloseTo(rates[net], 12);
        if (o.type === 'adam') {
          expect(h).toMatchObject({ type: 'Adam', betas: [o.beta1, o.beta2], eps: o.eps });
          expect(h.step, `${net} step`).toBe(net === 'generator' ? counts.gSteps : counts.dSteps);
        } else {
          expect(h).toMatchObject({ type: 'SGD', momentum: o.beta1 });
        }
      }
      const checks: Check[] = [
        compareArrays('G(z)', readF32(join(dir, 'gz.bin')), gz, tol),
        compareArrays("D's logits", readF32(join(dir, 'logits.bin')), logits, tol),
        ...NETS.map((net) => compareArrays(`${net} after one step`, readF32(join(dir, `${net}.after.bin`)), expected[net], tol)),
      ];
      console.log(`pytorch hand-off (${name}), python ${seconds} s: ` +
        checks.map((c) => `${c.what} max error ${c.maxError.toExponential(2)}`).join('; '));
      for (const c of checks) expect(c.ok, c.report).toBe(true);
      // the step compared is one that matters: it moves the parameters far beyond the tolerance
      for (const net of NETS) {
        const before = state.buffers[`${net}.params`];
        const moved = expected[net].reduce((a, v, i) => Math.max(a, Math.abs(v - before[i])), 0);
        expect(moved, `${net}'s step`).toBeGreaterThan(1e-3);
      }

      expect(report.losses).toHaveLength(3);
      expect(report.finite, JSON.stringify(report.losses)).toBe(true);
      expect(report.saved_iterations).toBe(iterations + 3);
      expect(report.saved_keys).toEqual(['config', 'discriminator', 'generator', 'iterations', 'losses', 'opt_d', 'opt_g']);
    });
  }

  it("a DCGAN's conv, transposed-conv, batch-norm and linear tensors are torch's state dicts; torch's G(z) and D(x) are the engine's (D packing pairs)", async () => {
    const dir = mkdtempSync(join(work, 'layers-'));
    const data = squares();
    // stride 1 and padding 0 as well as DCGAN's 4/2/1, a 3x3 kernel, batch norm on flat features and on channels
    const config = dcganConfig({
      ...tinyDcgan,
      generator: { layers: [
        { units: 12, activation: 'identity' }, { type: 'batch_norm', activation: 'relu' }, { type: 'reshape', shape: [3, 2, 2] },
        { type: 'conv_transpose2d', channels: 4, kernel: 3, stride: 1, padding: 0, activation: 'identity' }, // 4x4
        { type: 'batch_norm', activation: 'relu' },
        { type: 'conv_transpose2d', channels: 1, kernel: 4, stride: 2, padding: 1, activation: 'sigmoid' }, // 8x8
      ] },
      // PacGAN: D reads pairs of images as 2 channels (load_networks gives torch's D the packed width)
      discriminator: dcganConfig({}, { side: 8, features: 2, pack: 2 }).discriminator, pack: 2,
    });
    const gan = await Gan.create(acquired.device, config, data);
    await gan.train(4, { chunk: 2 }); // batch norm's running statistics move away from (0, 1)
    writeFileSync(join(dir, 'run.safetensors'), await saveCheckpoint(gan));
    const rand = seededRandom(7);
    const z = randomF32(rand, 9 * config.noise.dim, 2), x = randomF32(rand, 9 * 2 * data.dims, 1); // 9 pairs
    writeFileSync(join(dir, 'z.bin'), z);
    writeFileSync(join(dir, 'x.bin'), x);
    const gz = await gan.generate(z), logits = await gan.logits(x);
    const tensors = decodeSafetensors(await saveCheckpoint(gan)).tensors;
    gan.destroy();
    const py = spawnSync(PYTHON, [LAYERS_DRIVER, join(dir, 'run.safetensors'), dir], { encoding: 'utf8', timeout: WAIT_MS });
    if (py.error || py.status !== 0) throw new Error(`${PYTHON} ${LAYERS_DRIVER} failed (status ${py.status}, ${py.error?.message ?? ''}):\n${py.stderr}`);
    const report = JSON.parse(py.stdout.trim().split('\n').pop()!) as Record<string, Record<string, number[]>>;
    for (const net of NETS) {
      // every torch tensor but num_batches_tracked is in the file under the same name, with torch's shape
      // (linear's transposed: the engine stores [in, out]); and every layer tensor of the file is in torch's
      const torchKeys = Object.keys(report[net]).filter((k) => !k.endsWith('num_batches_tracked'));
      const fileKeys = [...tensors.keys()].filter((k) => /^(generator|discriminator)\.l\d+\./.test(k) && k.startsWith(`${net}.`)).map((k) => k.slice(net.length + 1));
      expect(fileKeys.sort()).toEqual(torchKeys.sort());
      for (const key of torchKeys) {
        const shape = tensors.get(`${net}.${key}`)!.shape;
        const linear = config[net].layers[Number(/^l(\d+)/.exec(key)![1])].type === undefined && key.endsWith('.weight');
        expect(linear ? [...shape].reverse() : shape, `${net}.${key}`).toEqual(report[net][key]);
      }
      expect(torchKeys.some((k) => /running_var/.test(k)) || net === 'discriminator').toBe(true);
    }
    const checks = [compareArrays('G(z)', readF32(join(dir, 'gz.bin')), gz, tol), compareArrays("D's logits", readF32(join(dir, 'logits.bin')), logits, tol)];
    for (const c of checks) expect(c.ok, c.report).toBe(true);
  });
});
