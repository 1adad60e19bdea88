// conv2d and conv_transpose2d: forward (bias and activation fused), input gradient (the activation below folded
// in) and weight gradient (with db, overwrite and accumulate, and the NaN guard) against the CPU mirror
// (src/cpu/conv.ts, which scatters where the GPU gathers), on odd sizes and DCGAN's.
import {
  activate, activationGrad, conv2d_backward_input, conv2d_backward_weight, conv2d_forward, conv_transpose2d_backward_input,
  conv_transpose2d_backward_weight, conv_transpose2d_forward, type ConvShape, type CpuActivation,
} from '../../src/cpu';
import { activationCodes } from '../../src/gpu/kernels';
import { compareArrays, compareExact, dotProduct, transcendental, type Check } from '../support/compare';
import { randomF32, seededRandom } from '../support/random';
import type { KernelCase } from './context';

type Sizes = [kernel: number, stride: number, padding: number, inChannels: number, outChannels: number, inH: number, inW: number, batch: number];
const ALPHA = 0.2;

function shapeOf([kernel, stride, padding, inChannels, outChannels, inH, inW, batch]: Sizes, transposed: boolean): ConvShape {
  const side = (n: number) => (transposed ? (n - 1) * stride - 2 * padding + kernel : Math.floor((n + 2 * padding - kernel) / stride) + 1);
  return { batch, inChannels, inH, inW, outChannels, outH: side(inH), outW: side(inW), kernel, stride, padding };
}

const params = (s: ConvShape, accumulate = false, guardBit = 0) => ({
  batch: s.batch, in_channels: s.inChannels, in_h: s.inH, in_w: s.inW, out_channels: s.outChannels, out_h: s.outH,
  out_w: s.outW, kernel: s.kernel, stride: s.stride, padding: s.padding, accumulate: accumulate ? 1 : 0, guard_bit: guardBit,
});

const mirrors = {
  conv2d: { forward: conv2d_forward, input: conv2d_backward_input, weight: conv2d_backward_weight },
  conv_transpose2d: { forward: conv_transpose2d_forward, input: conv_transpose2d_backward_input, weight: conv_transpose2d_backward_weight },
};
const abs = (v: ArrayLike<number>) => Float64Array.from(v, Math.abs);

/** The three kernels of one layer on one shape: out = act(conv(x) + b); dx with actIn' folded; dw and db. */
function convCase(type: 'conv2d' | 'conv_transpose2d', sizes: Sizes, act: CpuActivation, actIn: CpuActivation, accumulate: boolean): KernelCase {
  const transposed = type === 'conv_transpose2d';
  const s = shapeOf(sizes, transposed);
  const names = [`${type}_forward`, `${type}_backward_input`, `${type}_backward_weight`] as const;
  const taps = s.kernel * s.kernel;
  return {
    name: `${type} k${s.kernel} s${s.stride} p${s.padding} ${s.inChannels}x${s.inH}x${s.inW} -> ${s.outChannels}x${s.outH}x${s.outW} batch ${s.batch}, ${act}, input ${actIn}${accumulate ? ', accumulate' : ''}`,
    kernels: [...names],
    async run(ctx) {
      const rand = seededRandom(sizes.reduce((a, v) => a * 31 + v, 7));
      const inSize = s.batch * s.inChannels * s.inH * s.inW, outSize = s.batch * s.outChannels * s.outH * s.outW;
      const wSize = s.inChannels * s.outChannels * taps;
      const x = Float32Array.from(randomF32(rand, inSize, 2), (z) => activate(actIn, z, ALPHA));
      const w = randomF32(rand, wSize, 1 / Math.sqrt(s.inChannels * taps)), b = randomF32(rand, s.outChannels, 0.1);
      const dpre = randomF32(rand, outSize);
      const init = { dw: randomF32(rand, wSize), db: randomF32(rand, s.outChannels) };
      const m = mirrors[type];
      const ref = {
        out: new Float64Array(outSize), dx: new Float64Array(inSize), dw: Float64Array.from(init.dw), db: Float64Array.from(init.db),
      };
      m.forward(ref.out, x, w, b, s, act, ALPHA);
      m.input(ref.dx, dpre, w, x, s, actIn, ALPHA);
      m.weight(ref.dw, ref.db, x, dpre, s, accumulate);
      // per element, the sum of the absolute values of its terms: the same computation on absolute values
      const mag = { out: new Float64Array(outSize), dx: new Float64Array(inSize), dw: abs(init.dw).map((v) => (accumulate ? v : 0)), db: abs(init.db).map((v) => (accumulate ? v : 0)) };
      m.forward(mag.out, abs(x), abs(w), abs(b), s);
      m.input(mag.dx, abs(dpre), abs(w), x, s);
      m.weight(mag.dw, mag.db, abs(x), abs(dpre), s, true);
      const terms = s.inChannels * taps + 1, sums = s.batch * s.outH * s.outW + 2;

      const bufs = {
        x: ctx.upload('x', x), w: ctx.upload('w', w), b: ctx.upload('b', b), dpre: ctx.upload('dpre', dpre),
        out: ctx.zeros('out', outSize), dx: ctx.zeros('dx', inSize), dw: ctx.upload('dw', init.dw), db: ctx.upload('db', init.db),
        guard: ctx.zeros('guard', 1),
      };
      const k = ctx.kernels;
      ctx.run(
        k.prepare(names[0], { out: bufs.out, x: bufs.x, w: bufs.w, b: bufs.b }, params(s), { ACT: activationCodes[act], ALPHA }),
        k.prepare(names[1], { dx: bufs.dx, dpre: bufs.dpre, w: bufs.w, x: bufs.x }, params(s), { ACT_IN: activationCodes[actIn], ALPHA_IN: ALPHA }),
        k.prepare(names[2], { dw: bufs.dw, db: bufs.db, guard: bufs.guard, dpre: bufs.dpre, x: bufs.x }, params(s, accumulate, 4)),
      );
      const smooth = act === 'tanh' || act === 'sigmoid';
      return [
        compareArrays('out', await ctx.readF32(bufs.out, outSize), ref.out,
          (i) => dotProduct(terms, mag.out[i]) + (smooth ? transcendental(mag.out[i]) : 0)),
        compareArrays('dx', await ctx.readF32(bufs.dx, inSize), ref.dx,
          (i) => dotProduct(s.outChannels * taps + 2, mag.dx[i] * Math.abs(activationGrad(actIn, x[i], ALPHA)))),
        compareArrays('dw', await ctx.readF32(bufs.dw, wSize), ref.dw, (i) => dotProduct(sums, mag.dw[i])),
        compareArrays('db', await ctx.readF32(bufs.db, s.outChannels), ref.db, (i) => dotProduct(sums, mag.db[i])),
        compareExact('guard clear (finite gradients)', await ctx.readU32(bufs.guard, 1), [0]),
      ];
    },
  };
}

/** A NaN in dpre reaches dw and db: the weight gradient raises its guard bit. */
function guardCase(type: 'conv2d' | 'conv_transpose2d'): KernelCase {
  const s = shapeOf([3, 2, 1, 3, 5, 7, 7, 2], type === 'conv_transpose2d');
  return {
    name: `${type}_backward_weight NaN in dpre raises guard bit 2`, kernels: [`${type}_backward_weight`],
    async run(ctx) {
      const rand = seededRandom(5);
      const dpre = randomF32(rand, s.batch * s.outChannels * s.outH * s.outW);
      dpre[dpre.length - 1] = NaN;
      const guard = ctx.upload('guard', new Uint32Array([1]));
      const dw = ctx.zeros('dw', s.inChannels * s.outChannels * 9), db = ctx.zeros('db', s.outChannels);
      ctx.run(ctx.kernels.prepare(`${type}_backward_weight`,
        { dw, db, guard, dpre: ctx.upload('dpre', dpre), x: ctx.upload('x', randomF32(rand, s.batch * s.inChannels * s.inH * s.inW)) },
        params(s, false, 2)));
      return [compareExact('guard', await ctx.readU32(guard, 1), [3])];
    },
  };
}

// kernels 1, 3, 4, 5; strides 1 and 2; padding 0, 1, 2; channels 1, 3, 7 (and 9: a partial block of 4); square
// and oblong images; batch 1, 2, 3; and DCGAN's MNIST layers, narrowed (28 -> 14 -> 7 and back)
const sizes: Sizes[] = [
  [1, 1, 0, 3, 7, 5, 5, 1], [3, 1, 1, 1, 3, 7, 7, 3], [5, 2, 2, 7, 1, 5, 5, 3], [3, 2, 0, 3, 9, 7, 7, 1], [4, 1, 2, 3, 3, 5, 7, 2],
];
const activations: CpuActivation[] = ['identity', 'relu', 'leaky_relu', 'tanh', 'sigmoid'];

export const convCases: KernelCase[] = [
  ...(['conv2d', 'conv_transpose2d'] as const).flatMap((type, t) => [
    ...sizes.map((sz, i) => convCase(type, sz, activations[(i + t) % 5], activations[(i + t + 2) % 5], i % 2 === 1)),
    guardCase(type),
  ]),
  convCase('conv2d', [4, 2, 1, 1, 8, 28, 28, 3], 'leaky_relu', 'identity', false),
  convCase('conv2d', [4, 2, 1, 8, 16, 14, 14, 2], 'leaky_relu', 'leaky_relu', false),
  convCase('conv_transpose2d', [4, 2, 1, 16, 8, 7, 7, 2], 'identity', 'relu', false),
  convCase('conv_transpose2d', [4, 2, 1, 8, 1, 14, 14, 1], 'sigmoid', 'relu', true),
];
