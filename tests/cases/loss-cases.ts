// sigmoid_bce_forward_backward against the CPU reference, including logits of +-100 and +-1e4, and D's form: fake
// and real halves in one call, with the means of D(x) and D(G(z)).
import {
  bceTerm, gan_loss_forward_backward, ganLossTerm, mean_forward, sigmoid_bce_forward_backward, type CpuBceMode, type CpuGanLossMode,
} from '../../src/cpu';
import { bceModes, ganLossModes } from '../../src/gpu/kernels';
import { compareArrays, F32_EPS, transcendental, type Check } from '../support/compare';
import { randomF32, seededRandom } from '../support/random';
import type { KernelCase } from './context';

// offset: the logits start that far into their buffer (D's fake and real halves share one), after values the kernel
// must neither read nor overwrite
function bceCase(n: number, mode: CpuBceMode, target: number, logits?: Float32Array, offset = 0): KernelCase {
  return {
    name: `sigmoid_bce_forward_backward n=${n} ${mode} target=${target}${logits ? ' extreme logits' : ''}${offset ? ` offset ${offset}` : ''}`,
    async run(ctx) {
      const x = logits ?? randomF32(seededRandom(n + target * 10), n, 8);
      const scale = 0.5; // the gradient scale is applied on the GPU, e.g. to weight real and fake halves
      const ref = new Float64Array(n);
      const refLoss = sigmoid_bce_forward_backward(ref, x, mode, target, scale);
      const previous = 0.25; // accumulate adds onto this
      const SENTINEL = 7;
      const padded = (values: ArrayLike<number>) => Float32Array.from({ length: offset + n }, (_, i) => (i < offset ? 1e4 : values[i - offset]));
      const dlogits = ctx.upload('dlogits', new Float32Array(offset + n).fill(SENTINEL));
      const loss = ctx.upload('loss', new Float32Array([0, previous]));
      const params = { n, mode: bceModes[mode], target_label: target, scale, offset };
      ctx.run(
        ctx.kernels.prepare('sigmoid_bce_forward_backward', { dlogits, loss, logits: ctx.upload('logits', padded(x)) },
          { ...params, accumulate: 0, loss_index: 0 }),
        ctx.kernels.prepare('sigmoid_bce_forward_backward', { dlogits, loss, logits: ctx.upload('logits2', padded(x)) },
          { ...params, accumulate: 1, loss_index: 1 }),
      );
      let sumAbs = 0, transcendentalSum = 0;
      for (const xi of x) {
        sumAbs += Math.abs(bceTerm(mode, xi, target).loss);
        transcendentalSum += transcendental(xi);
      }
      const lossTol = (n * F32_EPS * sumAbs + transcendentalSum) / n;
      const gpuLoss = await ctx.readF32(loss, 2);
      const all = await ctx.readF32(dlogits, offset + n);
      const gpuGrad = all.slice(offset);
      const checks: Check[] = [
        compareArrays('mean loss', [gpuLoss[0]], [refLoss], () => lossTol),
        compareArrays('mean loss accumulated', [gpuLoss[1]], [previous + refLoss], () => lossTol + F32_EPS),
        compareArrays('dlogits', gpuGrad, ref, (i) => (scale * transcendental(x[i])) / n),
      ];
      if (offset) checks.push(compareArrays('dlogits before the offset, untouched', all.slice(0, offset), new Array(offset).fill(SENTINEL), () => 0));
      const bounded = gpuGrad.every((g) => Number.isFinite(g) && Math.abs(g) <= (scale / n) * (1 + 4 * F32_EPS));
      checks.push({
        what: 'loss finite and |dlogits| <= scale / n', ok: bounded && Number.isFinite(gpuLoss[0]), count: n, maxError: 0,
        report: `loss ${gpuLoss[0]}, gradient range [${Math.min(...gpuGrad)}, ${Math.max(...gpuGrad)}]`,
      });
      return checks;
    },
  };
}

const extremes = new Float32Array([100, -100, 1e4, -1e4, 0, 30, -30]);
const modes: [CpuBceMode, number][] = [['bce', 1], ['bce', 0], ['bce', 0.9], ['minimax_generator', 0], ['non_saturating_generator', 0]];

// D's batch: `fakes` rows with target 0, then `reals` rows with target y; each half's loss a mean over its rows, the
// two added; the means of the sigmoid over each half written after the loss (metrics [dLoss, gLoss, dReal, dFake]).
function discriminatorCase(fakes: number, reals: number, y: number, spread = 8): KernelCase {
  return {
    name: `sigmoid_bce_forward_backward D's batch: ${fakes} fakes, ${reals} reals, target ${y}, with the means`,
    async run(ctx) {
      const n = fakes + reals;
      const x = randomF32(seededRandom(n * 3 + fakes), n, spread);
      const fake = x.subarray(0, fakes), real = x.subarray(fakes);
      const ref = new Float64Array(n);
      const refLoss = sigmoid_bce_forward_backward(ref.subarray(0, fakes), fake, 'bce', 0)
        + sigmoid_bce_forward_backward(ref.subarray(fakes), real, 'bce', y);
      const dlogits = ctx.zeros('dlogits', n);
      const metrics = ctx.upload('metrics', new Float32Array([9, 8, 7, 6]));
      ctx.run(ctx.kernels.prepare('sigmoid_bce_forward_backward', { dlogits, loss: metrics, logits: ctx.upload('logits', x) },
        { n, fake_rows: fakes, mode: bceModes.bce, target_label: y, scale: 1, loss_index: 0, means: 1, mean_index: 2 }));
      let sumAbs = 0, transcendentalSum = 0;
      x.forEach((xi, i) => {
        sumAbs += Math.abs(bceTerm('bce', xi, i < fakes ? 0 : y).loss) / (i < fakes ? fakes : reals);
        transcendentalSum += transcendental(xi) / (i < fakes ? fakes : reals);
      });
      const lossTol = n * F32_EPS * sumAbs + transcendentalSum;
      const meanTol = (count: number) => 2 * count * F32_EPS + transcendental(0);
      return [
        compareArrays('metrics [D loss, untouched, D(x), D(G(z))]', await ctx.readF32(metrics, 4),
          [refLoss, 8, mean_forward(real, 'sigmoid'), mean_forward(fake, 'sigmoid')],
          (i) => [lossTol, 0, meanTol(reals), meanTol(fakes)][i]),
        compareArrays('dlogits', await ctx.readF32(dlogits, n), ref, (i) => transcendental(x[i]) / (i < fakes ? fakes : reals)),
      ];
    },
  };
}

// gan_loss_forward_backward (least-squares, hinge, Wasserstein on D's raw output): D's form, `fakes` rows then `reals`,
// or G's (fakes = 0, every row scored with the generator's target), the logits at an offset after values it must
// not touch, and accumulate. Hinge's kinks at +-1 are among the logits: its gradient there is the one-sided value
// the CPU term gives (0), so each side of the kink is checked.
function ganLossCase(mode: CpuGanLossMode, fakes: number, reals: number, target: number, offset = 0): KernelCase {
  const discriminator = mode.endsWith('_discriminator');
  return {
    name: `gan_loss_forward_backward ${mode}: ${discriminator ? `${fakes} fakes, ${reals} reals` : `${reals} rows`}, target ${target}` +
      `${offset ? `, offset ${offset}` : ''}, with the means`,
    async run(ctx) {
      const n = fakes + reals;
      const x = randomF32(seededRandom(n * 7 + fakes + offset), n, 3);
      if (n > 4) x.set([1, -1, 0, 1e4].slice(0, n - 1), 1); // hinge's kinks and a large logit
      const fake = x.subarray(0, fakes), real = x.subarray(fakes);
      const ref = new Float64Array(n);
      const scale = 0.5;
      const refLoss = (fakes ? gan_loss_forward_backward(ref.subarray(0, fakes), fake, mode, true, target, scale) : 0)
        + gan_loss_forward_backward(ref.subarray(fakes), real, mode, false, target, scale);
      const SENTINEL = 7;
      const dlogits = ctx.upload('dlogits', new Float32Array(offset + n).fill(SENTINEL));
      const metrics = ctx.upload('metrics', new Float32Array([9, 0.25, 7, 6]));
      const logits = ctx.upload('logits', Float32Array.from({ length: offset + n }, (_, i) => (i < offset ? 1e4 : x[i - offset])));
      const params = { n, fake_rows: fakes, mode: ganLossModes[mode], target_label: target, scale, offset, means: 1, mean_index: 2 };
      ctx.run(
        ctx.kernels.prepare('gan_loss_forward_backward', { dlogits, loss: metrics, logits }, { ...params, accumulate: 0, loss_index: 0 }),
        ctx.kernels.prepare('gan_loss_forward_backward', { dlogits, loss: metrics, logits }, { ...params, accumulate: 1, loss_index: 1 }),
      );
      let lossTol = 0;
      x.forEach((xi, i) => { lossTol += (2 * n * F32_EPS * (Math.abs(ganLossTerm(mode, xi, i < fakes, target).loss) + 1)) / (i < fakes ? fakes : reals); });
      const meanTol = (values: Float32Array) => (values.length ? 2 * values.length * F32_EPS * mean_forward(values.map(Math.abs)) : 0);
      const all = await ctx.readF32(dlogits, offset + n);
      const checks = [
        compareArrays('metrics [loss, loss accumulated onto 0.25, mean D(x), mean D(G(z))]', await ctx.readF32(metrics, 4),
          [refLoss, 0.25 + refLoss, mean_forward(real), fakes ? mean_forward(fake) : 0],
          (i) => [lossTol, lossTol + F32_EPS, meanTol(real), meanTol(fake)][i]),
        // x - y rounds the target to f32 (0.9 is not exact): an absolute error of about eps * y on the difference
        compareArrays('dlogits', all.slice(offset), ref, (i, r) => 4 * F32_EPS * (Math.abs(r) + (scale * (target + 1)) / (i < fakes ? fakes : reals))),
      ];
      if (offset) checks.push(compareArrays('dlogits before the offset, untouched', all.slice(0, offset), new Array(offset).fill(SENTINEL), () => 0));
      return checks;
    },
  };
}

const rawModes: CpuGanLossMode[] = ['least_squares_discriminator', 'hinge_discriminator', 'wasserstein_discriminator'];

export const lossCases: KernelCase[] = [
  ...rawModes.flatMap((m) => [ganLossCase(m, 1, 1, 1), ganLossCase(m, 257, 257, m.startsWith('least') ? 0.9 : 1), ganLossCase(m, 3, 700, 1, 64)]),
  ganLossCase('least_squares_generator', 0, 1, 1), ganLossCase('least_squares_generator', 0, 513, 1, 64),
  ganLossCase('critic_generator', 0, 1, 1), ganLossCase('critic_generator', 0, 300, 1),

  discriminatorCase(1, 1, 1), discriminatorCase(64, 64, 0.9), discriminatorCase(257, 257, 1), discriminatorCase(3, 700, 1, 100),

  ...modes.map(([m, t]) => bceCase(1, m, t)),
  ...modes.map(([m, t]) => bceCase(257, m, t)),
  bceCase(1000, 'bce', 1),
  ...modes.map(([m, t]) => bceCase(extremes.length, m, t, extremes)),
  bceCase(64, 'bce', 0.9, undefined, 64),
  bceCase(5, 'non_saturating_generator', 0, undefined, 3),
];
