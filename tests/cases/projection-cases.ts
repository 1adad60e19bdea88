// A projection discriminator's class term (shaders/projection.wgsl) against the CPU mirror at odd sizes: one-hot and
// soft label rows, every input activation, the embedding's gradient written and accumulated, and the NaN guard.
import { activate, projection_backward_embed, projection_backward_input, projection_forward, type CpuActivation } from '../../src/cpu';
import { activationCodes } from '../../src/gpu/kernels';
import { compareArrays, compareExact, dotProduct, F32_EPS } from '../support/compare';
import { randomF32, seededRandom } from '../support/random';
import type { KernelCase } from './context';

function projectionCase(batch: number, features: number, classes: number, act: CpuActivation, accumulate: boolean, soft = false): KernelCase {
  return {
    name: `projection_forward + _backward_input + _backward_embed ${batch} rows, ${features} features, ${classes} classes, ` +
      `input ${act}${accumulate ? ', accumulating' : ''}${soft ? ', a soft label' : ''}`,
    async run(ctx) {
      const rand = seededRandom(batch * 31 + features * 7 + classes);
      const s = { batch, features, classes };
      // x is the output of `act` (the layer below's), as the backward's derivative reads it
      const x = randomF32(rand, batch * features, 2).map((v) => activate(act, v, 0.2));
      const embed = randomF32(rand, classes * features), dpre = randomF32(rand, batch);
      const labels = new Float32Array(batch * classes);
      for (let r = 0; r < batch; r++) labels[r * classes + Math.floor(rand() * classes)] = 1;
      if (soft) labels.fill(1 / classes, 0, classes);
      const out0 = randomF32(rand, batch), dx0 = randomF32(rand, batch * features), dembed0 = randomF32(rand, classes * features);
      const outRef = Float64Array.from(out0), dxRef = Float64Array.from(dx0), dembedRef = Float64Array.from(dembed0);
      projection_forward(outRef, x, embed, labels, s);
      projection_backward_input(dxRef, dpre, x, embed, labels, s, act);
      projection_backward_embed(dembedRef, dpre, x, labels, s, accumulate);

      const bx = ctx.upload('x', x), bEmbed = ctx.upload('embed', embed), bLabels = ctx.upload('labels', labels), bDpre = ctx.upload('dpre', dpre);
      const out = ctx.upload('out', out0), dx = ctx.upload('dx', dx0), dembed = ctx.upload('dembed', dembed0), guard = ctx.zeros('guard', 1);
      const params = { ...s, accumulate: accumulate ? 1 : 0, guard_bit: 4 };
      ctx.run(
        ctx.kernels.prepare('projection_forward', { out, x: bx, embed: bEmbed, labels: bLabels }, params),
        ctx.kernels.prepare('projection_backward_input', { dx, dpre: bDpre, x: bx, embed: bEmbed, labels: bLabels }, params,
          { ACT_IN: activationCodes[act], ALPHA_IN: 0.2 }),
        ctx.kernels.prepare('projection_backward_embed', { dembed, guard, dpre: bDpre, x: bx, labels: bLabels }, params),
      );
      const sumAbs = (a: ArrayLike<number>) => Array.from(a).reduce((t, v) => t + Math.abs(v), 0);
      const xAbs = sumAbs(x) / batch, eAbs = sumAbs(embed) / classes;
      return [
        compareArrays('out + class term', await ctx.readF32(out, batch), outRef,
          (_i, r) => dotProduct(features * classes, (xAbs * eAbs) / features) + 4 * F32_EPS * (Math.abs(r) + 2)),
        compareArrays('dx + dpre e act\'', await ctx.readF32(dx, batch * features), dxRef, (_i, r) => 8 * F32_EPS * (Math.abs(r) + 4)),
        compareArrays('dembed', await ctx.readF32(dembed, classes * features), dembedRef,
          (_i, r) => dotProduct(batch, 4) + 4 * F32_EPS * (Math.abs(r) + 2)),
        compareExact('guard untouched (all finite)', await ctx.readU32(guard, 1), [0]),
      ];
    },
  };
}

const guardCase: KernelCase = {
  name: 'projection_backward_embed: a NaN in the features raises the guard bit',
  async run(ctx) {
    const x = new Float32Array([1, NaN, 3, 4]), labels = new Float32Array([1, 0, 0, 1]);
    const dembed = ctx.zeros('dembed', 4), guard = ctx.zeros('guard', 1);
    ctx.run(ctx.kernels.prepare('projection_backward_embed', {
      dembed, guard, dpre: ctx.upload('dpre', new Float32Array([1, 1])), x: ctx.upload('x', x), labels: ctx.upload('labels', labels),
    }, { batch: 2, features: 2, classes: 2, accumulate: 0, guard_bit: 4 }));
    return [compareExact('guard', await ctx.readU32(guard, 1), [4])];
  },
};

export const projectionCases: KernelCase[] = [
  projectionCase(1, 1, 2, 'identity', false), projectionCase(5, 7, 3, 'leaky_relu', true), projectionCase(3, 13, 10, 'tanh', false, true),
  projectionCase(67, 300, 10, 'relu', false), projectionCase(9, 65, 4, 'sigmoid', true), guardCase,
];
