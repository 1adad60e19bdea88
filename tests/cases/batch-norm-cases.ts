// batch_norm_forward (training: batch statistics, saved, running statistics moved; inference: running statistics)
// and batch_norm_backward (dx with the activation below folded in, dgamma and dbeta, overwrite and accumulate)
// against the CPU mirror (src/cpu/batch-norm.ts), including values whose variance is far below eps.
import { activate, activationGrad, batch_norm_backward, batch_norm_forward, type CpuActivation } from '../../src/cpu';
import { activationCodes } from '../../src/gpu/kernels';
import { compareArrays, F32_EPS, transcendental, type Check } from '../support/compare';
import { randomF32, seededRandom } from '../support/random';
import type { KernelCase } from './context';

type Sizes = [batch: number, channels: number, plane: number];
const ALPHA = 0.2;
const MOMENTUM = 0.1, EPS = 1e-5;

/** Rounding bounds: a sum of n terms by a tree of 256 and loops, relative to the sum of their magnitudes. */
const sumError = (n: number) => (Math.log2(Math.max(n, 2)) + Math.ceil(n / 256) + 4) * F32_EPS;

function batchNormCase([batch, channels, plane]: Sizes, act: CpuActivation, actIn: CpuActivation, spread: number, accumulate: boolean): KernelCase {
  const s = { batch, channels, plane };
  const n = batch * channels * plane, count = batch * plane;
  return {
    name: `batch_norm_forward + _backward ${batch}x${channels}x${plane}, ${act}, input ${actIn}, spread ${spread}${accumulate ? ', accumulate' : ''}`,
    kernels: ['batch_norm_forward', 'batch_norm_backward'],
    async run(ctx) {
      const rand = seededRandom(batch * 1000 + channels * 10 + plane);
      // a layer's outputs: offset from zero, as after a linear layer, then the activation below
      const x = Float32Array.from(randomF32(rand, n, spread), (z) => activate(actIn, 3 + z, ALPHA));
      const gamma = Float32Array.from(randomF32(rand, channels, 0.5), (v) => 1 + v), beta = randomF32(rand, channels, 0.5);
      const running = { mean: randomF32(rand, channels), variance: Float32Array.from(randomF32(rand, channels, 0.5), (v) => 1 + v) };
      const dpre = randomF32(rand, n);
      const init = { dgamma: randomF32(rand, channels), dbeta: randomF32(rand, channels) };
      const ref = {
        out: new Float64Array(n), mean: new Float64Array(channels), invstd: new Float64Array(channels),
        runMean: Float64Array.from(running.mean), runVar: Float64Array.from(running.variance),
        dx: new Float64Array(n), dgamma: Float64Array.from(init.dgamma), dbeta: Float64Array.from(init.dbeta),
        infer: new Float64Array(n),
      };
      const saved = { mean: ref.mean, invstd: ref.invstd };
      batch_norm_forward(ref.out, saved, x, gamma, beta, { mean: ref.runMean, variance: ref.runVar }, s,
        { training: true, momentum: MOMENTUM, eps: EPS }, act, ALPHA);
      batch_norm_backward({ dx: ref.dx, dgamma: ref.dgamma, dbeta: ref.dbeta }, dpre, x, gamma, saved, s, accumulate, actIn, ALPHA);
      // inference with the running statistics as they were before (a second application)
      batch_norm_forward(ref.infer, { mean: new Float64Array(channels), invstd: new Float64Array(channels) }, x, gamma, beta,
        { mean: Float64Array.from(running.mean), variance: Float64Array.from(running.variance) }, s, { training: false, momentum: MOMENTUM, eps: EPS }, act, ALPHA);

      const buf = {
        x: ctx.upload('x', x), gamma: ctx.upload('gamma', gamma), beta: ctx.upload('beta', beta), dpre: ctx.upload('dpre', dpre),
        runMean: ctx.upload('running_mean', running.mean), runVar: ctx.upload('running_var', running.variance),
        inferMean: ctx.upload('running_mean (inference)', running.mean), inferVar: ctx.upload('running_var (inference)', running.variance),
        out: ctx.zeros('out', n), infer: ctx.zeros('inferred', n), saved: ctx.zeros('saved', 2 * channels), inferSaved: ctx.zeros('saved (inference)', 2 * channels),
        dx: ctx.zeros('dx', n), dgamma: ctx.upload('dgamma', init.dgamma), dbeta: ctx.upload('dbeta', init.dbeta), guard: ctx.zeros('guard', 1),
      };
      const k = ctx.kernels;
      const common = { batch, channels, plane, momentum: MOMENTUM, eps: EPS };
      ctx.run(
        k.prepare('batch_norm_forward', { out: buf.out, x: buf.x, gamma: buf.gamma, beta: buf.beta, running_mean: buf.runMean, running_var: buf.runVar, saved: buf.saved },
          { ...common, training: 1 }, { ACT: activationCodes[act], ALPHA }),
        k.prepare('batch_norm_backward', { dx: buf.dx, dpre: buf.dpre, x: buf.x, gamma: buf.gamma, saved: buf.saved, dgamma: buf.dgamma, dbeta: buf.dbeta, guard: buf.guard },
          { ...common, training: 1, accumulate: accumulate ? 1 : 0, guard_bit: 1 }, { ACT_IN: activationCodes[actIn], ALPHA_IN: ALPHA }),
        k.prepare('batch_norm_forward', { out: buf.infer, x: buf.x, gamma: buf.gamma, beta: buf.beta, running_mean: buf.inferMean, running_var: buf.inferVar, saved: buf.inferSaved },
          { ...common, training: 0 }, { ACT: activationCodes[act], ALPHA }),
      );
      // error bounds per channel: the mean's rounding moves every xhat by meanErr * invstd
      const c = (i: number) => Math.floor(i / plane) % channels;
      const meanAbs = new Float64Array(channels);
      x.forEach((v, i) => { meanAbs[c(i)] += Math.abs(v) / count; });
      const xhatErr = (ch: number) => 2 * sumError(count) * meanAbs[ch] * ref.invstd[ch] + 8 * F32_EPS * (Math.abs(ref.invstd[ch]) + 1);
      const xhat = (i: number) => (x[i] - ref.mean[c(i)]) * ref.invstd[c(i)];
      const smooth = act === 'tanh' || act === 'sigmoid';
      const tolOut = (i: number) => Math.abs(gamma[c(i)]) * (xhatErr(c(i)) * (1 + Math.abs(xhat(i))) + 4 * F32_EPS * Math.abs(xhat(i)))
        + 1e-6 + (smooth ? transcendental(ref.out[i]) : 0);
      const dpreAbs = new Float64Array(channels), dxhatAbs = new Float64Array(channels);
      dpre.forEach((v, i) => { dpreAbs[c(i)] += Math.abs(v); dxhatAbs[c(i)] += Math.abs(v * xhat(i)); });
      const tolSums = (ch: number) => ({ d: sumError(count) * dpreAbs[ch], dx: sumError(count) * dxhatAbs[ch] + xhatErr(ch) * dpreAbs[ch] * 2 });
      const tolDx = (i: number) => {
        const ch = c(i), t = tolSums(ch);
        const scale = Math.abs(gamma[ch] * ref.invstd[ch]) / count;
        const inner = count * Math.abs(dpre[i]) * 4 * F32_EPS + t.d + Math.abs(xhat(i)) * t.dx + xhatErr(ch) * (1 + Math.abs(ref.dgamma[ch]));
        return (scale * inner + 8 * F32_EPS * Math.abs(ref.dx[i])) * Math.max(1, Math.abs(activationGrad(actIn, x[i], ALPHA))) + 1e-7;
      };
      const carried = (v: number) => (accumulate ? Math.abs(v) * 2 * F32_EPS : 0);
      const tolRun = (v: number) => 1e-6 + 1e-5 * Math.abs(v);
      const checks: Check[] = [
        compareArrays('out (training)', await ctx.readF32(buf.out, n), ref.out, tolOut),
        compareArrays('running_mean', await ctx.readF32(buf.runMean, channels), ref.runMean, (_i, r) => tolRun(r)),
        compareArrays('running_var', await ctx.readF32(buf.runVar, channels), ref.runVar, (i, r) => tolRun(r) + MOMENTUM * 4 * xhatErr(i) / ref.invstd[i] ** 2),
        compareArrays('dgamma', await ctx.readF32(buf.dgamma, channels), ref.dgamma, (i) => tolSums(i).dx + carried(init.dgamma[i]) + 1e-7),
        compareArrays('dbeta', await ctx.readF32(buf.dbeta, channels), ref.dbeta, (i) => tolSums(i).d + carried(init.dbeta[i]) + 1e-7),
        compareArrays('dx', await ctx.readF32(buf.dx, n), ref.dx, tolDx),
        compareArrays('out (inference)', await ctx.readF32(buf.infer, n), ref.infer, (_i, r) => 1e-5 * (Math.abs(r) + 1) + (smooth ? transcendental(r) : 0)),
      ];
      return checks;
    },
  };
}

export const batchNormCases: KernelCase[] = [
  batchNormCase([3, 7, 25], 'relu', 'identity', 1, false),
  batchNormCase([1, 3, 49], 'tanh', 'leaky_relu', 1, true),
  batchNormCase([64, 5, 1], 'identity', 'relu', 1, false), // BatchNorm1d on flat features
  batchNormCase([5, 2, 196], 'leaky_relu', 'identity', 1, true), // more values per channel than invocations
  batchNormCase([3, 2, 25], 'sigmoid', 'identity', 1e-3, false), // variance ~3e-7, far below eps
];
