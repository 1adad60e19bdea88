// sgd_momentum_step, adam_step and optimizer_count_step against the CPU reference, over several steps.
import { adam_step, sgd_momentum_step } from '../../src/cpu';
import { compareArrays, compareExact, elementwise, F32_EPS, type Check } from '../support/compare';
import { randomF32, seededRandom } from '../support/random';
import type { KernelCase } from './context';

const STEPS = 3;

function sgdCase(n: number): KernelCase {
  return {
    name: `sgd_momentum_step n=${n}, ${STEPS} steps`,
    async run(ctx) {
      const rand = seededRandom(n);
      const p0 = randomF32(rand, n), g = randomF32(rand, n);
      const h = { lr: Math.fround(0.05), beta1: Math.fround(0.9), weightDecay: Math.fround(0.01) };
      const refP = Float64Array.from(p0), refV = new Float64Array(n);
      for (let s = 0; s < STEPS; s++) sgd_momentum_step(refP, refV, g, h);
      const param = ctx.upload('param', p0), velocity = ctx.zeros('velocity', n), grad = ctx.upload('grad', g);
      const step = ctx.own(ctx.kernels.prepare('sgd_momentum_step', { param, velocity, grad },
        { n, lr: h.lr, beta1: h.beta1, weight_decay: h.weightDecay }));
      ctx.run(...Array.from({ length: STEPS }, () => step));
      const tol = (i: number, r: number) => elementwise(i, r) * STEPS * 4;
      return [
        compareArrays('param', await ctx.readF32(param, n), refP, tol),
        compareArrays('velocity', await ctx.readF32(velocity, n), refV, tol),
      ];
    },
  };
}

function adamCase(n: number): KernelCase {
  return {
    name: `adam_step n=${n}, ${STEPS} steps with optimizer_count_step`,
    async run(ctx) {
      const rand = seededRandom(n + 1);
      const p0 = randomF32(rand, n), grads = Array.from({ length: STEPS }, () => randomF32(rand, n, 0.1));
      // the reference takes the hyper-parameters as the GPU receives them, rounded to f32
      const h = { lr: Math.fround(2e-4), beta1: 0.5, beta2: Math.fround(0.999), eps: Math.fround(1e-8), weightDecay: 0 };
      const refP = Float64Array.from(p0), refM = new Float64Array(n), refV = new Float64Array(n);
      grads.forEach((g, s) => adam_step(refP, refM, refV, g, s + 1, h));
      const param = ctx.upload('param', p0), m = ctx.zeros('m', n), v = ctx.zeros('v', n);
      const counters = ctx.upload('counters', new Uint32Array([7, 0, 0, 0])); // [1..4) are this network's (t, S1, S2)
      const hyper = { n, lr: h.lr, beta1: h.beta1, beta2: h.beta2, eps: h.eps, counter_index: 1 };
      for (const g of grads) {
        ctx.run(
          ctx.kernels.prepare('optimizer_count_step', { counters }, hyper),
          ctx.kernels.prepare('adam_step', { param, m, v, grad: ctx.upload('grad', g), counters }, hyper),
        );
      }
      // Adam's update is about lr per element whatever the gradient's scale, so its error is relative to lr.
      // one rounding of the parameter per step, plus the update's own few ulp
      const paramTol = (_i: number, r: number) => (STEPS + 1) * F32_EPS * Math.abs(r) + 1e-5 * h.lr * STEPS;
      const checks: Check[] = [
        compareArrays('param', await ctx.readF32(param, n), refP, paramTol),
        compareArrays('m', await ctx.readF32(m, n), refM, (i, r) => 4 * elementwise(i, r) * 0.1),
        compareArrays('v', await ctx.readF32(v, n), refV, (i, r) => 1e-9 + 1e-5 * Math.abs(r)),
        compareExact('step counts', (await ctx.readU32(counters, 2)), [7, STEPS]),
      ];
      return checks;
    },
  };
}

export const optimCases: KernelCase[] = [sgdCase(1), sgdCase(65), sgdCase(70_001), adamCase(1), adamCase(257), adamCase(70_001)];
