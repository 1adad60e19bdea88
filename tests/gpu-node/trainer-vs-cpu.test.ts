// The GPU trainer against the CPU reference trainer, same seed, same draws, same initial weights: parameters and
// metrics agree after 1, 2 and 5 iterations: Goodfellow et al.'s two losses with both optimizers, k = 1 and k = 3; the
// least-squares, hinge and Wasserstein losses with Adam at k = 1 and SGD at k = 3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpuGan, network_forward, spectral_norm_forward } from '../../src/cpu';
import { initMlp } from '../../src/nn/network';
import { ring8 } from '../../src/data/toy';
import type { AcquiredDevice } from '../../src/gpu/device';
import { requestNodeDevice } from '../../src/node/device';
import { toyConfig, type GanConfig, type OptimizerConfig } from '../../src/train/config';
import { Gan } from '../../src/train/gan';
import { lossPlan, type GanLoss } from '../../src/train/losses';
import { classesOf, generatorSpec, labelsApart, onehotLabels, rowsWithLabels } from '../../src/train/conditional';
import { compareArrays } from '../support/compare';

// f32 against f64 through a few layers and steps. Adam's eps is raised to 1e-3 here: with the default 1e-8 a
// gradient at rounding level (1e-9) moves its parameter by a full lr in a direction set by rounding noise, which
// compares nothing; with 1e-3 such gradients move parameters by lr * g / eps, continuously.
const paramTol = (_i: number, r: number) => 2e-6 + 2e-5 * Math.abs(r); // gaps seen: about 1.6e-7
const metricTol = (_i: number, r: number) => 1e-5 + 1e-4 * Math.abs(r);

const adam: OptimizerConfig = { type: 'adam', lr: 5e-3, beta1: 0.5, beta2: 0.999, eps: 1e-3 };
const sgd: OptimizerConfig = { type: 'sgd', lr: 0.05, momentum: 0.9 };

function smallConfig(loss: GanConfig['loss'], opt: OptimizerConfig, k: number): GanConfig {
  return toyConfig({
    generator: { layers: [{ units: 24, activation: 'relu' }, { units: 2, activation: 'identity' }] },
    discriminator: { layers: [{ units: 20, activation: 'leaky_relu', alpha: 0.2 }, { units: 1, activation: 'identity' }] },
    noise: { dim: 5, distribution: k === 3 ? 'uniform' : 'normal' },
    k, loss, optimizers: { generator: opt, discriminator: opt }, batchSize: 33, seed: 7,
    realLabel: lossPlan(loss).usesRealLabel ? 0.9 : 1, // a critic's loss takes none other than 1
  });
}

/** Under spectral normalisation: u and v (state) against the CPU's, and D's outputs on a few rows: discriminate()
 * refreshes W / sigma from the raw weights and the current u and v, as this does on the CPU. */
async function spectralChecks(gan: Gan, cpu: CpuGan, target: number) {
  const state = await gan.exportState();
  const sn = cpu.spectral!;
  const rows = 17, x = Float32Array.from({ length: 2 * rows }, (_, i) => Math.sin(i) * 2);
  const effective = new Float64Array(cpu.d.params.length);
  for (const l of sn.plan.layers) {
    spectral_norm_forward(effective, cpu.d.params, l, sn.u.slice(l.uOffset, l.uOffset + l.rows), sn.v.slice(l.vOffset, l.vOffset + l.cols), false);
  }
  const classes = classesOf(cpu.config), label = classes ? 3 : undefined; // a conditional D judges as of a class
  const labels = label === undefined ? undefined : new Array<number>(rows).fill(label);
  const cpuLogits = (labelsApart(cpu.config)
    ? network_forward(effective, cpu.d.spec, Float64Array.from(x), rows, { labels: Float64Array.from(onehotLabels(labels, rows, classes)) })
    : network_forward(effective, cpu.d.spec, Float64Array.from(rowsWithLabels(x, 2, labels, classes)), rows)).outputs.at(-1)!;
  // the normalisation changes D: its layers' sigmas are not 1
  expect(Math.max(...sn.sigma.map((sigma) => Math.abs(Math.log(sigma))))).toBeGreaterThan(0.1);
  return [
    compareArrays(`spectral u after ${target}`, state.buffers['discriminator.spectral_u'], sn.u, paramTol),
    compareArrays(`spectral v after ${target}`, state.buffers['discriminator.spectral_v'], sn.v, paramTol),
    compareArrays(`D's outputs after ${target}`, await gan.logits(x, { label }), cpuLogits, metricTol),
  ];
}

describe('GPU trainer vs CPU reference trainer', () => {
  let acquired: AcquiredDevice;
  beforeAll(async () => { acquired = await requestNodeDevice(); });
  afterAll(() => acquired?.device.destroy());
  const data = ring8(500, 3);

  // [loss, optimizer, k, stabilisers and their name]
  type Run = readonly [GanLoss, 'adam' | 'sgd', number, Partial<GanConfig>?, string?];
  const runs: Run[] = [
    ...(['minimax', 'non-saturating'] as const).flatMap((l) => [[l, 'adam', 1], [l, 'adam', 3], [l, 'sgd', 1], [l, 'sgd', 3]] as const),
    ...(['least-squares', 'hinge', 'wasserstein'] as const).flatMap((l) => [[l, 'adam', 1], [l, 'sgd', 3]] as const),
    ['non-saturating', 'adam', 2, { ema: { decay: 0.8 } }, 'the moving average of G'],
    ['hinge', 'sgd', 1, { ema: { decay: 0.5 } }, 'the moving average of G'],
    ['hinge', 'adam', 1, { spectralNorm: true }, 'spectral norm'],
    ['non-saturating', 'adam', 3, { spectralNorm: true }, 'spectral norm'],
    ['wasserstein', 'sgd', 2, { spectralNorm: true, ema: { decay: 0.7 } }, 'spectral norm and the moving average of G'],
    ['wasserstein', 'adam', 2, { penalty: { type: 'wgan-gp', weight: 10 } }, 'WGAN-GP'],
    ['non-saturating', 'sgd', 1, { penalty: { type: 'r1', weight: 5 } }, 'R1'],
    ['hinge', 'adam', 1, { penalty: { type: 'r1', weight: 2 }, spectralNorm: true }, 'R1 and spectral norm'],
    ['non-saturating', 'adam', 2, { conditional: { classes: 8 } }, 'conditional on the ring\'s 8 modes'],
    ['hinge', 'sgd', 1, { conditional: { classes: 8 }, spectralNorm: true, ema: { decay: 0.9 } }, 'conditional, spectral norm, EMA'],
    ['non-saturating', 'adam', 2, { conditional: { classes: 8, discriminator: 'projection' } }, 'conditional, a projection D'],
    ['wasserstein', 'adam', 1, { conditional: { classes: 8, discriminator: 'projection' }, penalty: { type: 'wgan-gp', weight: 10 }, spectralNorm: true },
      'conditional, a projection D, WGAN-GP and spectral norm'],
    ['non-saturating', 'adam', 2, { conditional: { classes: 8, discriminator: 'auxiliary' } }, 'ACGAN (D classifies)'],
    ['hinge', 'sgd', 1, { conditional: { classes: 8, discriminator: 'auxiliary', auxiliaryWeight: 0.5 }, penalty: { type: 'r1', weight: 2 } },
      'ACGAN, classifier weight 0.5, R1'],
    // the double backward's second-order term: D's hidden activations with act'' != 0
    ['wasserstein', 'adam', 1, { penalty: { type: 'wgan-gp', weight: 10 }, discriminator: { layers: [
      { units: 12, activation: 'tanh' }, { units: 7, activation: 'sigmoid' }, { units: 1, activation: 'identity' }] } }, 'WGAN-GP, D tanh then sigmoid'],
    ['least-squares', 'sgd', 2, { penalty: { type: 'r1', weight: 1 }, discriminator: { layers: [
      { units: 9, activation: 'sigmoid' }, { units: 1, activation: 'identity' }] } }, 'R1, D sigmoid'],
  ];
  for (const [loss, optName, k, extras, extrasName] of runs) {
    const opt = optName === 'adam' ? adam : sgd;
    it(`${loss}, ${optName}, k = ${k}${extrasName ? `, ${extrasName}` : ''}`, async () => {
      const config = { ...smallConfig(loss, opt, k), ...extras };
      const gan = await Gan.create(acquired.device, config, { rows: data.rows, dims: 2, labels: data.labels });
      const cpu = new CpuGan(config, data.rows, 2, undefined, data.labels);
      let done = 0;
      for (const target of [1, 2, 5]) {
        const gpuMetrics = await gan.train(target - done, { chunk: 2 });
        for (let i = done; i < target; i++) cpu.iteration();
        done = target;
        const p = await gan.parameters();
        const checks = [
          compareArrays(`G after ${target}`, p.generator, cpu.g.params, paramTol),
          compareArrays(`D after ${target}`, p.discriminator, cpu.d.params, paramTol),
          ...(config.ema ? [compareArrays(`G's moving average after ${target}`, p.generatorEma ?? [], cpu.gEma!, paramTol)] : []),
          ...(config.spectralNorm ? await spectralChecks(gan, cpu, target) : []),
          ...gpuMetrics.map((m) => {
            const c = cpu.metrics[m.iteration - 1];
            return compareArrays(`metrics of iteration ${m.iteration}`, [m.dLoss, m.gLoss, m.dReal, m.dFake], [c.dLoss, c.gLoss, c.dReal, c.dFake], metricTol);
          }),
        ];
        for (const c of checks) expect(c.ok, c.report).toBe(true);
      }
      // the comparison means something only if training moved the weights well beyond the tolerance
      const initialG = initMlp(generatorSpec(config), config.seed, 0x1000);
      const finalG = (await gan.parameters()).generator;
      const moved = Math.max(...finalG.map((v, i) => Math.abs(v - initialG[i])));
      expect(moved).toBeGreaterThan(1e-2);
      if (config.ema) { // an average that lags G, not a copy of it nor its start
        const ema = (await gan.parameters()).generatorEma!;
        expect(Math.max(...ema.map((v, i) => Math.abs(v - finalG[i])))).toBeGreaterThan(1e-3);
        expect(Math.max(...ema.map((v, i) => Math.abs(v - initialG[i])))).toBeGreaterThan(1e-3);
      }
      const worst = Math.max(...finalG.map((v, i) => Math.abs(v - cpu.g.params[i])));
      console.log(`${loss}/${optName}/k=${k}: G moved up to ${moved.toExponential(2)}, GPU-CPU gap up to ${worst.toExponential(2)}`);
      const counters = await gan.counters();
      expect(counters).toEqual({ dSteps: 5 * k, gSteps: 5, draw: 5 * (k + 1) });
      if (config.conditional?.discriminator === 'auxiliary') { // an ACGAN's D as a classifier: the softmax of its class logits
        const x = Float32Array.from({ length: 2 * 9 }, (_, i) => Math.cos(i) * 2);
        const out = network_forward(cpu.d.params, cpu.d.spec, Float64Array.from(x), 9).outputs.at(-1)!;
        const probabilities = Array.from({ length: 9 }, (_, r) => {
          const row = Array.from(out.subarray(r * 9 + 1, r * 9 + 9)), m = Math.max(...row), e = row.map((v) => Math.exp(v - m));
          return e.map((v) => v / e.reduce((a, b) => a + b, 0));
        }).flat();
        const check = compareArrays('classify', await gan.classify(x), probabilities, metricTol);
        expect(check.ok, check.report).toBe(true);
        expect(Math.max(...probabilities)).toBeGreaterThan(0.13); // moved off uniform (1/8): the check compares something
      } else {
        await expect(gan.classify(new Float32Array(2))).rejects.toThrow(/classify: needs an ACGAN/);
      }
      gan.destroy();
    });
  }
});
