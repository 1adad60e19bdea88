// spectral_norm_forward (with and without the power iteration) and spectral_norm_backward against the CPU mirror,
// on linear's layout (rows strided by 1) and conv2d's (columns by 1), at sizes around the workgroup's 256 lanes, with
// the layer's tensors and vectors at offsets after another layer's, which must stay untouched.
import { power_iteration, spectral_norm_backward, spectral_norm_forward, type SpectralSlot } from '../../src/cpu';
import { compareArrays, compareExact, dotProduct, F32_EPS } from '../support/compare';
import { randomF32, seededRandom } from '../support/random';
import type { KernelCase } from './context';

function spectralCase(rows: number, cols: number, layout: 'linear' | 'conv2d', iterate: boolean): KernelCase {
  return {
    name: `spectral_norm_forward + _backward ${rows}x${cols} ${layout} layout${iterate ? ', one power iteration' : ', u and v kept'}`,
    async run(ctx) {
      const rand = seededRandom(rows * 1000 + cols + (iterate ? 7 : 0));
      const n = rows * cols, biasSize = rows;
      const weightOffset = 64, biasOffset = 64 + Math.ceil(n / 64) * 64, total = biasOffset + 64 * Math.ceil(biasSize / 64);
      const s: SpectralSlot = {
        rows, cols, weightOffset, biasOffset, biasSize,
        ...(layout === 'linear' ? { rowStride: 1, colStride: rows } : { rowStride: cols, colStride: 1 }),
      };
      const raw = randomF32(rand, total);
      const uOffset = 3, vOffset = 5;
      // u and v from a few iterations, as a run's state would be (u and v random otherwise)
      const u0 = Float64Array.from(randomF32(rand, rows)), v0 = new Float64Array(cols);
      for (let i = 0; i < 3; i++) power_iteration(raw, s, u0, v0);
      const uAll = randomF32(rand, uOffset + rows + 2), vAll = randomF32(rand, vOffset + cols + 2);
      uAll.set(u0, uOffset);
      vAll.set(v0, vOffset);
      const [uRef, vRef] = [Float64Array.from(uAll.subarray(uOffset, uOffset + rows)), Float64Array.from(vAll.subarray(vOffset, vOffset + cols))];
      const effRef = new Float64Array(total).fill(-9);
      const sigmaRef = spectral_norm_forward(effRef, raw, s, uRef, vRef, iterate);
      const grad0 = randomF32(rand, total);
      const gradRef = Float64Array.from(grad0);
      spectral_norm_backward(gradRef, effRef, s, uRef, vRef, sigmaRef);

      const weight = ctx.upload('raw', raw), effective = ctx.upload('effective', new Float32Array(total).fill(-9));
      const u = ctx.upload('u', uAll), v = ctx.upload('v', vAll), sigma = ctx.upload('sigma', new Float32Array([5, 6]));
      const grad = ctx.upload('grad', grad0);
      const params = {
        rows, cols, row_stride: s.rowStride, col_stride: s.colStride, weight_offset: weightOffset, bias_offset: biasOffset,
        bias_size: biasSize, u_offset: uOffset, v_offset: vOffset, iterate: iterate ? 1 : 0, sigma_index: 1,
      };
      ctx.run(
        ctx.kernels.prepare('spectral_norm_forward', { weight_sn: effective, u, v, sigma, weight }, params),
        ctx.kernels.prepare('spectral_norm_backward', { grad, u, v, sigma, weight_sn: effective }, params),
      );
      // each value is a dot product over a row or a column (or two, chained, with the iteration)
      let sumAbs = 0;
      for (let i = 0; i < n; i++) sumAbs += Math.abs(raw[weightOffset + i]);
      const vecTol = 8 * (rows + cols) * F32_EPS;
      const sigmaTol = dotProduct(n, sumAbs) * 4 + 8 * (rows + cols) * F32_EPS * Math.abs(sigmaRef);
      const rel = sigmaTol / Math.abs(sigmaRef);
      let sumAbsGW = 0;
      for (let i = 0; i < n; i++) sumAbsGW += Math.abs(grad0[weightOffset + i] * effRef[weightOffset + i]);
      const gotU = await ctx.readF32(u, uAll.length), gotV = await ctx.readF32(v, vAll.length);
      return [
        compareArrays('sigma', (await ctx.readF32(sigma, 2)).slice(1), [sigmaRef], () => sigmaTol),
        compareArrays('u', gotU.slice(uOffset, uOffset + rows), uRef, () => vecTol),
        compareArrays('v', gotV.slice(vOffset, vOffset + cols), vRef, () => vecTol),
        compareExact('u and v of the other layers untouched', [...gotU.slice(0, uOffset), ...gotU.slice(uOffset + rows), ...gotV.slice(0, vOffset), ...gotV.slice(vOffset + cols)],
          [...uAll.slice(0, uOffset), ...uAll.slice(uOffset + rows), ...vAll.slice(0, vOffset), ...vAll.slice(vOffset + cols)]),
        compareArrays('W / sigma and the bias (the rest untouched)', await ctx.readF32(effective, total), effRef, (_i, r) => 2 * rel * Math.abs(r) + 1e-30),
        // the correction's G . W_sn is a sum of n products, scaled by u_r v_c / sigma
        compareArrays('the gradient at W (the bias\'s and the rest untouched)', await ctx.readF32(grad, total), gradRef,
          (_i, r) => 4 * rel * Math.abs(r) + (dotProduct(n, sumAbsGW) * 4 + F32_EPS) / Math.abs(sigmaRef)),
      ];
    },
  };
}

export const spectralCases: KernelCase[] = [
  spectralCase(1, 1, 'linear', true), spectralCase(1, 1, 'conv2d', false),
  spectralCase(3, 7, 'linear', true), spectralCase(7, 45, 'conv2d', true), spectralCase(7, 45, 'conv2d', false),
  spectralCase(64, 257, 'linear', true), spectralCase(300, 5, 'conv2d', true), spectralCase(300, 5, 'linear', false),
];
