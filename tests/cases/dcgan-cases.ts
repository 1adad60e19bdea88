// A tiny DCGAN (conv, transposed conv, batch norm in G) as a whole trainer, in Dawn and in Chromium: 3 iterations
// agree with the CPU reference trainer (parameters, metrics and batch norm's running statistics), and a run resumed
// through a checkpoint equals a straight one bit for bit.
import { CpuGan } from '../../src/cpu';
import { loadCheckpoint, saveCheckpoint } from '../../src/io/checkpoint';
import { dcganConfig } from '../../src/train/dcgan';
import type { GanConfig } from '../../src/train/config';
import type { LayerSpec } from '../../src/nn/network';
import { G_INIT_STREAM, Gan } from '../../src/train/gan';
import { initNetwork } from '../../src/nn/network';
import { compareArrays, compareExact, type Check } from '../support/compare';
import { seededRandom } from '../support/random';
import type { KernelCase } from './context';

// 8x8 images: G 5 -> linear 2*2*2*2 -> BN relu -> convT 2 (4x4) -> BN relu -> convT 1 (8x8) sigmoid; D conv 2 (4x4),
// conv 4 (2x2), linear 1. Adam's eps is raised to 1e-3, as in the MLP comparison (tests/gpu-node/trainer-vs-cpu.test.ts).
const tinyOverrides: Partial<GanConfig> = {
  noise: { dim: 5, distribution: 'normal' }, batchSize: 6, seed: 11, k: 2,
  optimizers: { generator: { type: 'adam', lr: 5e-3, beta1: 0.5, eps: 1e-3 }, discriminator: { type: 'adam', lr: 5e-3, beta1: 0.5, eps: 1e-3 } },
};
export const tinyDcgan = dcganConfig(tinyOverrides, { side: 8, features: 2 });

/** PacGAN: D judges pairs of images as one of 2 channels (3 fake pairs and 3 real pairs per step), G's gradient
 * coming back through the pairs to each of its 6 images. */
const packed = dcganConfig(tinyOverrides, { side: 8, features: 2, pack: 2 });

/** 40 images of 8x8: a bright square at a random place on a dark ground; its label says where it stands across
 * (0: left, 1: middle, 2: right). */
export function squares(count = 40): { rows: Float32Array; dims: number; labels: number[] } {
  const rand = seededRandom(3);
  const rows = new Float32Array(count * 64);
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const x0 = Math.floor(rand() * 5), y0 = Math.floor(rand() * 5);
    labels.push(Math.min(2, Math.floor(x0 / 2)));
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) rows[i * 64 + y * 8 + x] = x >= x0 && x < x0 + 3 && y >= y0 && y < y0 + 3 ? 0.9 : 0.1 * rand();
  }
  return { rows, dims: 64, labels };
}

const data = squares();

/** The DCGAN under the stabilisers of 2017-18: WGAN-GP's penalty (the double backward through conv2d), spectral
 * norm of D's conv and linear layers, the moving average of G; D's first conv with tanh, so that the penalty's
 * second-order term runs through a conv too. */
const stabilised: GanConfig = {
  ...tinyDcgan, loss: 'wasserstein', penalty: { type: 'wgan-gp', weight: 10 }, spectralNorm: true, ema: { decay: 0.8 },
  discriminator: { layers: tinyDcgan.discriminator.layers.map((l, i) => (i === 1 ? { ...l, activation: 'tanh' } as LayerSpec : l)) },
};

/** A conditional DCGAN: its convolutional D conditions by projection (the label's class term at its last layer),
 * under R1, so that the double backward runs through the class term too, and through a transposed conv put in D
 * after its first conv (4x4 kept: kernel 3, stride 1, padding 1), the one layer kind a DCGAN's D lacks. */
const conditional: GanConfig = {
  ...tinyDcgan, conditional: { classes: 3, discriminator: 'projection' }, penalty: { type: 'r1', weight: 2 },
  discriminator: { layers: tinyDcgan.discriminator.layers.flatMap((l, i) => (i === 1
    ? [l, { type: 'conv_transpose2d', channels: 2, kernel: 3, stride: 1, padding: 1, activation: 'tanh' } as LayerSpec] : [l])) },
};

const versusCpu = (config: GanConfig, what: string): KernelCase => ({
  name: `trainer: a tiny DCGAN${what}, 3 iterations (k = 2), agrees with the CPU reference trainer`, kernels: ['conv2d_forward', 'batch_norm_forward'],
  async run(ctx) {
    const tinyDcgan = config;
    const gan = await Gan.create(ctx.device, tinyDcgan, data);
    const metrics = await gan.train(3, { chunk: 3 });
    const p = await gan.parameters();
    const state = await gan.exportState();
    gan.destroy();
    const cpu = new CpuGan(tinyDcgan, data.rows, data.dims, undefined, data.labels);
    for (let i = 0; i < 3; i++) cpu.iteration();
    const tol = (_i: number, r: number) => 5e-6 + 5e-5 * Math.abs(r);
    // the comparison means something only if training moved the weights well beyond the tolerance
    const initial = initNetwork({ input: tinyDcgan.noise.dim, layers: tinyDcgan.generator.layers }, tinyDcgan.seed, G_INIT_STREAM);
    const moved = Math.max(...p.generator.map((v, i) => Math.abs(v - initial[i])));
    return [
      { what: 'G moved', ok: moved > 1e-2, count: 1, maxError: 0, report: `G moved at most ${moved} from its initial weights` },
      compareArrays('G', p.generator, cpu.g.params, tol), compareArrays('D', p.discriminator, cpu.d.params, tol),
      compareArrays("G's running statistics", state.buffers['generator.stats'], cpu.g.stats, tol),
      ...(config.ema ? [compareArrays("G's moving average", p.generatorEma!, cpu.gEma!, tol)] : []),
      ...(config.spectralNorm ? [compareArrays("D's spectral u", state.buffers['discriminator.spectral_u'], cpu.spectral!.u, tol)] : []),
      compareArrays('metrics', metrics.flatMap((m) => [m.dLoss, m.gLoss, m.dReal, m.dFake]),
        cpu.metrics.flatMap((m) => [m.dLoss, m.gLoss, m.dReal, m.dFake]), (_i, r) => 1e-5 + 1e-4 * Math.abs(r)),
    ];
  },
});

// conditional (a projection D: its embedding and the labels' draws go through the checkpoint too)
const resume: KernelCase = {
  name: 'trainer: a tiny conditional DCGAN trained 2, saved, loaded and trained 2 equals one trained 4, bit for bit',
  kernels: ['conv2d_forward', 'batch_norm_forward'],
  async run(ctx) {
    const tinyDcgan = conditional;
    const straight = await Gan.create(ctx.device, tinyDcgan, data);
    await straight.train(4, { chunk: 2 });
    const reference = await straight.exportState();
    const samples = await straight.sample(5, { label: 1 });
    straight.destroy();
    const first = await Gan.create(ctx.device, tinyDcgan, data);
    await first.train(2, { chunk: 2 });
    const resumed = await loadCheckpoint(ctx.device, await saveCheckpoint(first), data);
    first.destroy();
    await resumed.train(2, { chunk: 2 });
    const state = await resumed.exportState();
    const resampled = await resumed.sample(5, { label: 1 });
    resumed.destroy();
    const checks: Check[] = Object.entries(reference.buffers).map(([name, values]) => compareExact(name, state.buffers[name], values));
    checks.push(compareExact('samples (inference: running statistics)', resampled, samples));
    return checks;
  },
};

export const dcganCases: KernelCase[] = [
  versusCpu(tinyDcgan, ''), versusCpu(stabilised, ' with WGAN-GP, spectral norm and EMA'),
  versusCpu(conditional, ', conditional (a projection D, a transposed conv in it) with R1'), versusCpu(packed, ' packing pairs for D (PacGAN)'), resume,
];
