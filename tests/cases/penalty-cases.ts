// The gradient penalty's kernels against the CPU mirror at odd sizes: the points (real rows, interpolates), the
// penalty and dP/dg (R1, WGAN-GP, a zero row), and the element-wise steps of the double backward for every activation.
import { activationGrad, activationSecond, activate, gradient_penalty, type CpuActivation, type PenaltyType } from '../../src/cpu';
import { activationCodes } from '../../src/gpu/kernels';
import { compareArrays, F32_EPS } from '../support/compare';
import { randomF32, seededRandom } from '../support/random';
import type { KernelCase } from './context';

function pointsCase(n: number, dims: number, interpolate: boolean): KernelCase {
  return {
    name: `penalty_points ${n} rows of ${dims}, ${interpolate ? 'interpolates' : 'the real rows'}`,
    async run(ctx) {
      const rand = seededRandom(n * 13 + dims);
      const rows = randomF32(rand, 2 * n * dims, 4), eps = Float32Array.from({ length: n }, () => rand());
      const ref = Float64Array.from({ length: n * dims }, (_, i) => {
        const real = rows[n * dims + i], fake = rows[i];
        return interpolate ? real + eps[Math.floor(i / dims)] * (fake - real) : real;
      });
      const out = ctx.zeros('points', n * dims);
      ctx.run(ctx.kernels.prepare('penalty_points', { out, rows: ctx.upload('rows', rows), eps: ctx.upload('eps', eps) }, { n, dims, mode: interpolate ? 1 : 0 }));
      return [compareArrays('points', await ctx.readF32(out, n * dims), ref, (_i, r) => 4 * F32_EPS * (Math.abs(r) + 4))];
    },
  };
}

function penaltyCase(n: number, dims: number, type: PenaltyType, weight: number): KernelCase {
  return {
    name: `gradient_penalty ${type} weight ${weight}, ${n} rows of ${dims} (one row zero), added to the loss`,
    async run(ctx) {
      const g = randomF32(seededRandom(n + dims * 5), n * dims, 2);
      g.fill(0, 0, dims); // a zero gradient: WGAN-GP's direction is undefined there, taken as 0
      const u = new Float64Array(n * dims);
      const p = gradient_penalty(u, g, n, dims, type, Math.fround(weight));
      const gu = ctx.zeros('u', n * dims), metrics = ctx.upload('metrics', new Float32Array([0.5, 7, 7, 7]));
      ctx.run(ctx.kernels.prepare('gradient_penalty', { u: gu, metrics, g: ctx.upload('g', g) },
        { n, dims, mode: type === 'r1' ? 0 : 1, weight, loss_index: 0 }));
      const scale = (4 * dims + 8) * F32_EPS;
      const norms = Array.from({ length: n }, (_, r) => Math.hypot(...g.subarray(r * dims, (r + 1) * dims)));
      return [
        compareArrays('D loss + P', await ctx.readF32(metrics, 4), [0.5 + p, 7, 7, 7], (i, r) => (i ? 0 : 2 * n * scale * Math.abs(r) + F32_EPS)),
        // WGAN-GP's |g| - 1 cancels where |g| is near 1: an absolute error of about eps |g| in that factor
        compareArrays('dP/dg', await ctx.readF32(gu, n * dims), u,
          (i, r) => scale * Math.abs(r) + (type === 'r1' ? 0 : (8 * F32_EPS * weight * Math.abs(g[i]) * (1 + norms[Math.floor(i / dims)])) / n) + 1e-30),
      ];
    },
  };
}

function elementwiseCase(act: CpuActivation, n: number): KernelCase {
  return {
    name: `activation_tangent and activation_second_adjoint ${act}, ${n} elements`,
    async run(ctx) {
      const rand = seededRandom(n + act.length);
      const h = randomF32(rand, n, 3).map((z) => activate(act, z, 0.2));
      const t = randomF32(rand, n, 2), hbar = randomF32(rand, n, 2), hdotbar = randomF32(rand, n, 2), adot = randomF32(rand, n, 2);
      const d1 = (i: number) => activationGrad(act, h[i], 0.2), d2 = (i: number) => activationSecond(act, h[i]);
      const overrides = { ACT_IN: activationCodes[act], ALPHA_IN: 0.2 };
      const out = ctx.zeros('out', n), abar = ctx.zeros('abar', n), adotbar = ctx.zeros('adotbar', n), abarNoPrimal = ctx.zeros('abar0', n);
      const hb = ctx.upload('h', h), hdb = ctx.upload('hdotbar', hdotbar), ad = ctx.upload('adot', adot);
      ctx.run(
        ctx.kernels.prepare('activation_tangent', { out, t: ctx.upload('t', t), h: hb }, { n }, overrides),
        ctx.kernels.prepare('activation_second_adjoint', { abar, adotbar, hbar: ctx.upload('hbar', hbar), hdotbar: hdb, adot: ad, h: hb }, { n, has_primal: 1 }, overrides),
        ctx.kernels.prepare('activation_second_adjoint', { abar: abarNoPrimal, adotbar: ctx.zeros('unused', n), hbar: hdb, hdotbar: hdb, adot: ad, h: hb }, { n, has_primal: 0 }, overrides),
      );
      const tol = (_i: number, r: number) => 8 * F32_EPS * (Math.abs(r) + 1);
      return [
        compareArrays("act'(h) t", await ctx.readF32(out, n), Array.from({ length: n }, (_, i) => d1(i) * t[i]), tol),
        compareArrays("abar = hbar act' + hdotbar adot act''", await ctx.readF32(abar, n), Array.from({ length: n }, (_, i) => hbar[i] * d1(i) + hdotbar[i] * adot[i] * d2(i)), tol),
        compareArrays("adotbar = hdotbar act'", await ctx.readF32(adotbar, n), Array.from({ length: n }, (_, i) => hdotbar[i] * d1(i)), tol),
        compareArrays('abar without the primal stream', await ctx.readF32(abarNoPrimal, n), Array.from({ length: n }, (_, i) => hdotbar[i] * adot[i] * d2(i)), tol),
      ];
    },
  };
}

export const penaltyCases: KernelCase[] = [
  pointsCase(1, 1, false), pointsCase(33, 2, true), pointsCase(7, 784, true), pointsCase(300, 3, false),
  penaltyCase(1, 1, 'r1', 1), penaltyCase(33, 2, 'wgan-gp', 10), penaltyCase(7, 784, 'r1', 0.1), penaltyCase(300, 5, 'wgan-gp', 1),
  ...(['identity', 'relu', 'leaky_relu', 'tanh', 'sigmoid'] as const).map((a) => elementwiseCase(a, 257)), elementwiseCase('tanh', 1),
];
