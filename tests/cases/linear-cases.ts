// linear_forward, linear_backward_input and linear_backward_weight (with the bias gradient it sums, and the NaN guard
// it raises) against the CPU reference, at sizes that are not multiples of the 64x64x16 tile, batch 1, every
// activation, overwrite and accumulate.
import {
  activate, activationGrad, linear_backward_bias, linear_backward_input, linear_backward_weight, linear_forward, type CpuActivation,
} from '../../src/cpu';
import { activationCodes } from '../../src/gpu/kernels';
import { compareArrays, compareExact, dotProduct, transcendental, type Check } from '../support/compare';
import { randomF32, seededRandom } from '../support/random';
import type { KernelCase } from './context';

type Shape = [batch: number, inFeatures: number, outFeatures: number];
// [300, 33, 16] to [600, 3, 2] pick every lane layout (LANES_X 2, 8, 4, 1) with more than one block along the rows;
// the last three take the vec4 path (in and out features multiples of 4) with a half-used last vec4 pair of
// columns (N % 8 == 4) and of rows of dw (K % 8 == 4), several blocks each way, and batch 1
const shapes: Shape[] = [
  [1, 1, 1], [1, 7, 65], [7, 65, 257], [65, 257, 7], [3, 784, 65], [64, 256, 784],
  [300, 33, 16], [40, 16, 33], [130, 5, 32], [600, 3, 2], [70, 36, 132], [5, 12, 20], [1, 4, 4],
  // batches the split-K weight gradient cuts into 7 and 8 slices of whole 16-row tiles, the last one short
  [1000, 20, 9], [1030, 7, 65],
];
const activations: CpuActivation[] = ['identity', 'relu', 'leaky_relu', 'tanh', 'sigmoid'];
const fusedShapes: Shape[] = [[1, 1, 1], [1, 7, 65], [7, 65, 257], [65, 257, 7], [3, 784, 65], [64, 256, 784], [70, 36, 132], [1030, 7, 65]];
const ALPHA = 0.2;

function overrides(act: CpuActivation) {
  return { ACT: activationCodes[act], ALPHA };
}

function forwardCase([batch, inF, outF]: Shape, act: CpuActivation): KernelCase {
  return {
    name: `linear_forward ${batch}x${inF}x${outF} ${act}`, kernels: ['linear_forward'],
    async run(ctx) {
      const rand = seededRandom(batch * 1000 + inF * 10 + outF);
      const x = randomF32(rand, batch * inF, 1), w = randomF32(rand, inF * outF, 1 / Math.sqrt(inF));
      const b = randomF32(rand, outF, 0.1);
      const ref = new Float64Array(batch * outF);
      linear_forward(ref, x, w, b, { batch, inFeatures: inF, outFeatures: outF }, act, ALPHA);
      const out = ctx.zeros('out', batch * outF);
      ctx.run(ctx.kernels.prepare('linear_forward', { out, x: ctx.upload('x', x), w: ctx.upload('w', w), b: ctx.upload('b', b) },
        { batch, in_features: inF, out_features: outF }, overrides(act)));
      const gpu = await ctx.readF32(out, batch * outF);
      // bound per output: the dot product's rounding, then the activation's (Lipschitz <= 1)
      const tol = (i: number) => {
        const r = Math.floor(i / outF), c = i % outF;
        let sumAbs = Math.abs(b[c]);
        for (let k = 0; k < inF; k++) sumAbs += Math.abs(x[r * inF + k] * w[k * outF + c]);
        return dotProduct(inF + 1, sumAbs) + (act === 'tanh' || act === 'sigmoid' ? transcendental(sumAbs) : 0);
      };
      return [compareArrays('out', gpu, ref, tol)];
    },
  };
}

// actIn: the activation that produced x (the previous layer's), folded by linear_backward_input into dx
// fused: the one dispatch of linear_backward (which overwrites dx, accumulate or not), else linear_backward_input and
// linear_backward_weight
function backwardCase([batch, inF, outF]: Shape, actIn: CpuActivation, accumulate: boolean, fused = false): KernelCase {
  return {
    name: `linear_backward${fused ? '' : '_input + _weight'} ${batch}x${inF}x${outF} input ${actIn}${accumulate ? ' accumulate' : ''}`,
    kernels: fused ? ['linear_backward'] : ['linear_backward_input', 'linear_backward_weight'],
    async run(ctx) {
      const s = { batch, inFeatures: inF, outFeatures: outF };
      const rand = seededRandom(batch * 7 + inF * 3 + outF + (accumulate ? 1 : 0));
      // a plausible layer input: the activation of random pre-activations, rounded to f32 as the GPU holds it
      const x = Float32Array.from(randomF32(rand, batch * inF, 2), (z) => activate(actIn, z, ALPHA));
      const w = randomF32(rand, inF * outF, 1 / Math.sqrt(inF));
      const dpre = randomF32(rand, batch * outF);
      const init = { dx: randomF32(rand, batch * inF), dw: randomF32(rand, inF * outF), db: randomF32(rand, outF) };
      const ref = {
        dx: Float64Array.from(init.dx), dw: Float64Array.from(init.dw), db: Float64Array.from(init.db),
      };
      const accumulateDx = accumulate && !fused;
      linear_backward_input(ref.dx, dpre, w, x, s, actIn, ALPHA, accumulateDx);
      linear_backward_weight(ref.dw, x, dpre, s, accumulate);
      linear_backward_bias(ref.db, dpre, s, accumulate);

      const bufs = {
        x: ctx.upload('x', x), w: ctx.upload('w', w), dpre: ctx.upload('dpre', dpre),
        dx: ctx.upload('dx', init.dx), dw: ctx.upload('dw', init.dw), db: ctx.upload('db', init.db), guard: ctx.zeros('guard', 1),
      };
      const params = { batch, in_features: inF, out_features: outF, accumulate: accumulate ? 1 : 0 };
      const k = ctx.kernels;
      const actOverrides = { ACT_IN: activationCodes[actIn], ALPHA_IN: ALPHA };
      if (fused) {
        ctx.run(k.prepare('linear_backward', { ...bufs }, { ...params, guard_bit: 4 }, actOverrides));
      } else {
        ctx.run(
          k.prepare('linear_backward_input', { dx: bufs.dx, dpre: bufs.dpre, w: bufs.w, x: bufs.x }, params, actOverrides),
          k.prepare('linear_backward_weight', { dw: bufs.dw, db: bufs.db, guard: bufs.guard, x: bufs.x, dpre: bufs.dpre },
            { ...params, guard_bit: 4 }),
        );
      }
      const carried = (v: number) => (accumulate ? Math.abs(v) : 0);
      const tolDx = (i: number) => {
        const r = Math.floor(i / inF), kk = i % inF;
        let sum = 0;
        for (let c = 0; c < outF; c++) sum += Math.abs(dpre[r * outF + c] * w[kk * outF + c]);
        // the sum's rounding, then one more for the product with actIn'(x), bounded by 1 in magnitude
        return dotProduct(outF + 3, sum * Math.abs(activationGrad(actIn, x[i], ALPHA)) + (accumulateDx ? Math.abs(init.dx[i]) : 0));
      };
      const tolDw = (i: number) => {
        const kk = Math.floor(i / outF), c = i % outF;
        let sum = carried(init.dw[i]);
        for (let r = 0; r < batch; r++) sum += Math.abs(x[r * inF + kk] * dpre[r * outF + c]);
        return dotProduct(batch + 2, sum);
      };
      const tolDb = (c: number) => {
        let sum = carried(init.db[c]);
        for (let r = 0; r < batch; r++) sum += Math.abs(dpre[r * outF + c]);
        return dotProduct(batch + 2, sum);
      };
      const checks: Check[] = [
        compareArrays('dx', await ctx.readF32(bufs.dx, batch * inF), ref.dx, tolDx),
        compareArrays('dw', await ctx.readF32(bufs.dw, inF * outF), ref.dw, tolDw),
        compareArrays('db', await ctx.readF32(bufs.db, outF), ref.db, tolDb),
        compareExact('guard clear (finite gradients)', await ctx.readU32(bufs.guard, 1), [0]),
      ];
      return checks;
    },
  };
}

const edgeCase: KernelCase = {
  name: 'linear_forward tanh and sigmoid saturate at +-100 without NaN', kernels: ['linear_forward'],
  async run(ctx) {
    const x = new Float32Array([100, -100, 1e4, -1e4, 0]);
    const checks: Check[] = [];
    for (const act of ['tanh', 'sigmoid'] as const) {
      const out = ctx.zeros(`out-${act}`, x.length);
      ctx.run(ctx.kernels.prepare('linear_forward',
        { out, x: ctx.upload('x', x), w: ctx.upload('w', new Float32Array([1])), b: ctx.upload('b', new Float32Array([0])) },
        { batch: x.length, in_features: 1, out_features: 1 }, overrides(act)));
      const expected = act === 'tanh' ? [1, -1, 1, -1, 0] : [1, 0, 1, 0, 0.5];
      checks.push(compareArrays(`${act}(+-100, +-1e4, 0)`, await ctx.readF32(out, x.length), expected, () => 0));
    }
    return checks;
  },
};

// A NaN or an infinity in dpre or x reaches dw (and dpre's reaches db): the weight gradient raises its guard bit,
// OR-ed into what the guard held; with guard_bit 0 nothing is checked. Where: the last element, so the last block,
// row of workgroups or bias column finds it.
function guardCase([batch, inF, outF]: Shape, bad: number, where: 'dpre' | 'x', guardBit: number, preset = 0, allFamilies = true): KernelCase {
  return {
    name: `linear_backward_weight ${batch}x${inF}x${outF} ${bad} in ${where} raises guard bit ${guardBit}${preset ? ` onto ${preset}` : ''}`,
    // the guard's code is the same in every family: the others rerun two of these (a forced family reruns a case
    // about a kernel it has a member for; a case about none runs in the default family only)
    kernels: allFamilies ? ['linear_backward_weight'] : [],
    async run(ctx) {
      const rand = seededRandom(batch + inF + outF);
      const x = randomF32(rand, batch * inF), dpre = randomF32(rand, batch * outF);
      (where === 'x' ? x : dpre)[(where === 'x' ? x : dpre).length - 1] = bad;
      const guard = ctx.upload('guard', new Uint32Array([preset])), dw = ctx.zeros('dw', inF * outF), db = ctx.zeros('db', outF);
      ctx.run(ctx.kernels.prepare('linear_backward_weight', { dw, db, guard, x: ctx.upload('x', x), dpre: ctx.upload('dpre', dpre) },
        { batch, in_features: inF, out_features: outF, guard_bit: guardBit }));
      const dbHolds = (await ctx.readF32(db, outF)).some((v) => !Number.isFinite(v));
      return [
        compareExact('guard', await ctx.readU32(guard, 1), [preset | guardBit]),
        compareExact('db non-finite exactly when dpre was', [dbHolds ? 1 : 0], [where === 'dpre' ? 1 : 0]),
      ];
    },
  };
}

export const linearCases: KernelCase[] = [
  guardCase([7, 65, 257], NaN, 'dpre', 1), guardCase([64, 256, 784], Infinity, 'x', 2, 1),
  guardCase([300, 33, 16], -Infinity, 'dpre', 2, 0, false), guardCase([1, 1, 1], NaN, 'x', 1, 0, false),
  guardCase([600, 3, 2], NaN, 'dpre', 0, 0, false),
  ...shapes.map((s, i) => forwardCase(s, activations[i % activations.length])),
  ...activations.map((a) => forwardCase([7, 65, 257], a)),
  ...shapes.map((s, i) => backwardCase(s, activations[(i + 2) % activations.length], i % 2 === 1)),
  ...activations.map((a, i) => backwardCase([7, 65, 257], a, i % 2 === 0)),
  // the fused backward runs the same blocks and tiles as the two kernels above (whose cases cover every shape and
  // activation): its own cases cover the odd sizes, batch 1, the vec4 paths, every activation and the split-K sizes
  ...fusedShapes.map((s, i) => backwardCase(s, activations[i % activations.length], i % 2 === 0, true)),
  edgeCase,
];
