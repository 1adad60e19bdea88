// Whole-trainer cases, run the same way on Dawn and in Chromium: exact resume through a checkpoint, and the GPU
// trainer against the CPU reference trainer.
import { CpuGan } from '../../src/cpu';
import { ring8 } from '../../src/data/toy';
import { loadCheckpoint, saveCheckpoint } from '../../src/io/checkpoint';
import { toyConfig } from '../../src/train/config';
import { Gan } from '../../src/train/gan';
import { compareArrays, compareExact, type Check } from '../support/compare';
import type { KernelCase } from './context';

const config = toyConfig({
  generator: { layers: [{ units: 16, activation: 'relu' }, { units: 2, activation: 'identity' }] },
  discriminator: { layers: [{ units: 16, activation: 'leaky_relu' }, { units: 1, activation: 'identity' }] },
  noise: { dim: 4, distribution: 'normal' }, batchSize: 32, k: 2, seed: 9,
  optimizers: { generator: { type: 'adam', lr: 5e-3, beta1: 0.5, eps: 1e-3 }, discriminator: { type: 'adam', lr: 5e-3, beta1: 0.5, eps: 1e-3 } },
  // steps inside the runs below (and inside a chunk of 3), so resuming and the CPU comparison cross them
  schedule: [{ at: 2, factor: 0.5 }, { at: 5, generator: 2, discriminator: 0.25 }],
});
const data = { rows: ring8(300, 4).rows, dims: 2 };

const resumeCase: KernelCase = {
  name: 'trainer: train 4, save, load, train 3 equals train 7, bit for bit',
  async run(ctx) {
    const straight = await Gan.create(ctx.device, config, data);
    await straight.train(7, { chunk: 3 });
    const reference = await straight.exportState();
    straight.destroy();
    const first = await Gan.create(ctx.device, config, data);
    await first.train(4, { chunk: 3 });
    const bytes = await saveCheckpoint(first);
    first.destroy();
    const resumed = await loadCheckpoint(ctx.device, bytes, data);
    await resumed.train(3, { chunk: 3 });
    const state = await resumed.exportState();
    resumed.destroy();
    const checks: Check[] = Object.entries(reference.buffers).map(([name, values]) => compareExact(name, state.buffers[name], values));
    checks.push(compareExact('history', state.history.flatMap((m) => [m.dLoss, m.gLoss]), reference.history.flatMap((m) => [m.dLoss, m.gLoss])));
    return checks;
  },
};

const versusCpuCase: KernelCase = {
  name: 'trainer: 3 iterations (k = 2, Adam, an lr step after 2) agree with the CPU reference trainer',
  async run(ctx) {
    const gan = await Gan.create(ctx.device, config, data);
    await gan.train(3, { chunk: 3 });
    const p = await gan.parameters();
    gan.destroy();
    const cpu = new CpuGan(config, data.rows, 2);
    for (let i = 0; i < 3; i++) cpu.iteration();
    const tol = (_i: number, r: number) => 2e-6 + 2e-5 * Math.abs(r);
    return [compareArrays('G', p.generator, cpu.g.params, tol), compareArrays('D', p.discriminator, cpu.d.params, tol)];
  },
};

const fact = (what: string, ok: boolean): Check => ({ what, ok, count: 1, maxError: ok ? 0 : Infinity, report: `${what}: ${ok}` });

const scheduleCase: KernelCase = {
  name: "trainer: a schedule step to D's lr 0 freezes D exactly from that iteration, and G's keeps it moving",
  async run(ctx) {
    const frozen = { ...config, schedule: [{ at: 3, discriminator: 0 }] };
    const gan = await Gan.create(ctx.device, frozen, data);
    await gan.train(3, { chunk: 8 });
    const before = await gan.parameters();
    const rates = gan.learningRates;
    await gan.train(3, { chunk: 8 });
    const after = await gan.parameters();
    gan.destroy();
    const gMoved = after.generator.some((v, i) => v !== before.generator[i]);
    return [
      compareExact('D after 6 against D after 3', after.discriminator, before.discriminator),
      fact('G keeps moving after the step (its lr is unchanged)', gMoved),
      fact(`learningRates after 3 are { generator: 5e-3, discriminator: 0 }, got ${JSON.stringify(rates)}`,
        rates.discriminator === 0 && rates.generator === 5e-3),
    ];
  },
};

export const trainerCases: KernelCase[] = [resumeCase, versusCpuCase, scheduleCase];
