// sgd_momentum_step and adam_step (its step counts advanced by step_commit) and ema_update against the CPU reference,
// over several steps, and the guard that stops them. The kernels view their float buffers as vec4: each buffer here holds
// ceil(n / 4) * 4 floats, with sentinels past n that the kernels may read but must never write.
import { adam_step, ema_update, sgd_momentum_step } from '../../src/cpu';
import { compareArrays, compareExact, elementwise, F32_EPS, type Check } from '../support/compare';
import { randomF32, seededRandom } from '../support/random';
import type { CaseContext, KernelCase } from './context';

const STEPS = 3;

/** `values` followed by `pad` up to a whole vec4. */
function padded(values: Float32Array, pad: number): Float32Array {
  const out = new Float32Array(Math.ceil(values.length / 4) * 4).fill(pad);
  out.set(values);
  return out;
}

/** The floats of `buffer` past n, bit for bit, against those uploaded in `uploaded` (NaN included). */
async function paddingKept(ctx: CaseContext, what: string, buffer: GPUBuffer, uploaded: Float32Array, n: number): Promise<Check> {
  const read = await ctx.readF32(buffer, uploaded.length);
  const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length).subarray(n));
  return compareExact(`${what} past n unchanged`, bits(read), bits(uploaded));
}

function sgdCase(n: number): KernelCase {
  return {
    name: `sgd_momentum_step n=${n}, ${STEPS} steps`,
    async run(ctx) {
      const rand = seededRandom(n);
      const p0 = randomF32(rand, n), g = randomF32(rand, n);
      const h = { lr: Math.fround(0.05), beta1: Math.fround(0.9), weightDecay: Math.fround(0.01) };
      const refP = Float64Array.from(p0), refV = new Float64Array(n);
      for (let s = 0; s < STEPS; s++) sgd_momentum_step(refP, refV, g, h);
      const pP = padded(p0, 7.5), vP = padded(new Float32Array(n), -3.25);
      const param = ctx.upload('param', pP), velocity = ctx.upload('velocity', vP), grad = ctx.upload('grad', padded(g, NaN));
      const guard = ctx.zeros('guard', 1);
      const step = ctx.own(ctx.kernels.prepare('sgd_momentum_step', { param, velocity, grad, guard },
        { n, lr: h.lr, beta1: h.beta1, weight_decay: h.weightDecay }));
      ctx.run(...Array.from({ length: STEPS }, () => step));
      const tol = (i: number, r: number) => elementwise(i, r) * STEPS * 4;
      return [
        compareArrays('param', await ctx.readF32(param, n), refP, tol),
        compareArrays('velocity', await ctx.readF32(velocity, n), refV, tol),
        await paddingKept(ctx, 'param', param, pP, n),
        await paddingKept(ctx, 'velocity', velocity, vP, n),
      ];
    },
  };
}

/** step_commit as a training step runs it before the update: it counts the step on `counters` unless guarded. */
function commit(ctx: CaseContext, counters: GPUBuffer, guard: GPUBuffer, h: { beta1: number; beta2: number; counter_index: number }) {
  return ctx.kernels.prepare('step_commit', {
    counters, guard, rng_state: ctx.zeros('rng_state', 2), metrics: ctx.zeros('metrics', 4), ring: ctx.zeros('ring', 4),
    ring_state: ctx.zeros('ring_state', 1),
  }, { counter_index: h.counter_index, beta1: h.beta1, beta2: h.beta2, guard_bit: 1, metrics_n: 4, ring_slots: 0 });
}

function adamCase(n: number): KernelCase {
  return {
    name: `adam_step n=${n}, ${STEPS} steps, each counted by step_commit`,
    async run(ctx) {
      const rand = seededRandom(n + 1);
      const p0 = randomF32(rand, n), grads = Array.from({ length: STEPS }, () => randomF32(rand, n, 0.1));
      // the reference takes the hyper-parameters as the GPU receives them, rounded to f32
      const h = { lr: Math.fround(2e-4), beta1: 0.5, beta2: Math.fround(0.999), eps: Math.fround(1e-8), weightDecay: 0 };
      const refP = Float64Array.from(p0), refM = new Float64Array(n), refV = new Float64Array(n);
      grads.forEach((g, s) => adam_step(refP, refM, refV, g, s + 1, h));
      const pP = padded(p0, 7.5), mP = padded(new Float32Array(n), -3.25), vP = padded(new Float32Array(n), 5.5);
      const param = ctx.upload('param', pP), m = ctx.upload('m', mP), v = ctx.upload('v', vP);
      const counters = ctx.upload('counters', new Uint32Array([7, 0, 0, 0])); // [1..4) are this network's (t, S1, S2)
      const guard = ctx.zeros('guard', 1);
      const hyper = { n, lr: h.lr, beta1: h.beta1, beta2: h.beta2, eps: h.eps, counter_index: 1 };
      for (const g of grads) {
        ctx.run(
          commit(ctx, counters, guard, hyper),
          ctx.kernels.prepare('adam_step', { param, m, v, grad: ctx.upload('grad', padded(g, NaN)), counters, guard }, hyper),
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
        await paddingKept(ctx, 'param', param, pP, n),
        await paddingKept(ctx, 'm', m, mP, n),
        await paddingKept(ctx, 'v', v, vP, n),
      ];
      return checks;
    },
  };
}

/** A raised guard (set by the gradient kernels or step_commit, whose cases are with theirs) stops both updates and
 * the step count: the parameters, the moments and t stay as they were. */
function guardedCase(n: number): KernelCase {
  return {
    name: `adam_step and sgd_momentum_step change nothing while the guard is raised (n=${n})`,
    async run(ctx) {
      const rand = seededRandom(n + 3);
      const p0 = randomF32(rand, n), g = randomF32(rand, n), m0 = randomF32(rand, n);
      const param = ctx.upload('param', p0), m = ctx.upload('m', m0), v = ctx.zeros('v', n), grad = ctx.upload('grad', g);
      const velocity = ctx.upload('velocity', m0), sgdParam = ctx.upload('sgd param', p0);
      const counters = ctx.zeros('counters', 3), guard = ctx.upload('guard', new Uint32Array([2]));
      const hyper = { n, lr: 0.01, beta1: 0.5, beta2: 0.999, eps: 1e-8, counter_index: 0 };
      ctx.run(
        commit(ctx, counters, guard, hyper),
        ctx.kernels.prepare('adam_step', { param, m, v, grad, counters, guard }, hyper),
        ctx.kernels.prepare('sgd_momentum_step', { param: sgdParam, velocity, grad, guard }, hyper),
      );
      return [
        compareExact('adam: param unchanged', await ctx.readF32(param, n), p0),
        compareExact('adam: m unchanged', await ctx.readF32(m, n), m0),
        compareExact('sgd: param unchanged', await ctx.readF32(sgdParam, n), p0),
        compareExact('sgd: velocity unchanged', await ctx.readF32(velocity, n), m0),
        compareExact('step count unchanged', await ctx.readU32(counters, 1), [0]),
      ];
    },
  };
}

/** ema_update: STEPS moves toward parameters that change between them (as G's do), then none while the guard is up. */
function emaCase(n: number, decay: number): KernelCase {
  return {
    name: `ema_update n=${n}, decay ${decay}, ${STEPS} steps, then none while the guard is raised`,
    async run(ctx) {
      const rand = seededRandom(n + 11);
      const e0 = randomF32(rand, n), params = Array.from({ length: STEPS }, () => randomF32(rand, n));
      const ref = Float64Array.from(e0);
      for (const p of params) ema_update(ref, p, Math.fround(decay));
      const eP = padded(e0, -3.25);
      const ema = ctx.upload('ema', eP), guard = ctx.zeros('guard', 1);
      for (const p of params) {
        ctx.run(ctx.kernels.prepare('ema_update', { param: ctx.upload('param', padded(p, NaN)), ema, guard }, { n, beta1: decay }));
      }
      const afterSteps = await ctx.readF32(ema, n);
      ctx.device.queue.writeBuffer(guard, 0, new Uint32Array([2]));
      ctx.run(ctx.kernels.prepare('ema_update', { param: ctx.upload('param', padded(params[0], 100)), ema, guard }, { n, beta1: decay }));
      return [
        compareArrays('ema', afterSteps, ref, (i, r) => elementwise(i, r) * STEPS * 4),
        compareExact('ema unchanged while the guard is raised', await ctx.readF32(ema, n), afterSteps),
        await paddingKept(ctx, 'ema', ema, eP, n),
      ];
    },
  };
}

export const optimCases: KernelCase[] = [
  emaCase(1, 0.5), emaCase(7, 0.999), emaCase(257, 0.9), emaCase(70_001, 0.99),
  guardedCase(1), guardedCase(70_001),
  sgdCase(1), sgdCase(6), sgdCase(64), sgdCase(65), sgdCase(70_001),
  adamCase(1), adamCase(7), adamCase(64), adamCase(257), adamCase(70_001)];
