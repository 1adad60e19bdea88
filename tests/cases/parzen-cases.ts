// row_sq_norm_forward and parzen_forward against the CPU reference: odd sizes, one sample, 16 widths at once, and a
// point so far from every sample that a plain sum of exp() would underflow to log(0) = -Infinity.
import { parzen_forward, row_sq_norm_forward } from '../../src/cpu';
import { compareArrays, dotProduct, F32_EPS, type Check } from '../support/compare';
import { randomF32, seededRandom } from '../support/random';
import type { KernelCase } from './context';

function normsCase(rows: number, cols: number): KernelCase {
  return {
    name: `row_sq_norm_forward ${rows}x${cols}`,
    async run(ctx) {
      const x = randomF32(seededRandom(rows * 31 + cols), rows * cols, 2);
      const ref = new Float64Array(rows);
      row_sq_norm_forward(ref, x, rows, cols);
      const out = ctx.zeros('norms', rows);
      ctx.run(ctx.kernels.prepare('row_sq_norm_forward', { out, x: ctx.upload('x', x) }, { points: rows, dims: cols }));
      return [compareArrays('squared norms', await ctx.readF32(out, rows), ref, (_i, r) => dotProduct(cols, r))];
    },
  };
}

/** Inputs as the GPU path makes them, rounded to f32: dots = x . s^T and the squared norms, from random rows. */
function parzenInputs(points: number, samples: number, dims: number, far: boolean) {
  const random = seededRandom(points * 7 + samples * 13 + dims);
  const x = randomF32(random, points * dims, 1), s = randomF32(random, samples * dims, 1);
  if (far) for (let c = 0; c < dims; c++) x[c] += 300; // point 0 is ~300 sqrt(dims) from every sample
  const dots = new Float32Array(points * samples), xSq = new Float32Array(points), sSq = new Float32Array(samples);
  const dotAbs = new Float64Array(points * samples);
  for (let t = 0; t < points; t++) {
    for (let j = 0; j < samples; j++) {
      let d = 0, a = 0;
      for (let c = 0; c < dims; c++) { d += x[t * dims + c] * s[j * dims + c]; a += Math.abs(x[t * dims + c] * s[j * dims + c]); }
      dots[t * samples + j] = d;
      dotAbs[t * samples + j] = a;
    }
  }
  for (let t = 0; t < points; t++) for (let c = 0; c < dims; c++) xSq[t] += x[t * dims + c] ** 2;
  for (let j = 0; j < samples; j++) for (let c = 0; c < dims; c++) sSq[j] += s[j * dims + c] ** 2;
  return { dots, xSq, sSq, dotAbs };
}

function parzenCase(points: number, samples: number, dims: number, sigmas: number[], far = false): KernelCase {
  return {
    name: `parzen_forward ${points} points x ${samples} samples, d=${dims}, ${sigmas.length} widths${far ? ', a far point' : ''}`,
    async run(ctx) {
      const { dots, xSq, sSq } = parzenInputs(points, samples, dims, far);
      const widths = sigmas.length;
      const ref = new Float64Array(points * widths);
      parzen_forward(ref, dots, xSq, sSq, sigmas, points, samples, dims);
      const out = ctx.zeros('log densities', points * widths);
      ctx.run(ctx.kernels.prepare('parzen_forward', {
        out, dots: ctx.upload('dots', dots), x_sq: ctx.upload('x_sq', xSq), s_sq: ctx.upload('s_sq', sSq),
        sigmas: ctx.upload('sigmas', Float32Array.from(sigmas)),
      }, { points, samples, dims, widths }));
      const gpu = await ctx.readF32(out, points * widths);
      // Per point and width: the f32 rounding of each squared distance (three terms) times 1 / (2 sigma^2), the
      // online sums' rounding (each invocation adds samples / 64 terms, then a 6-level tree), and the final log terms.
      const tolerance = (i: number, r: number) => {
        const t = Math.floor(i / widths), sigma = sigmas[i % widths];
        let distanceScale = 0;
        for (let j = 0; j < samples; j++) distanceScale = Math.max(distanceScale, xSq[t] + sSq[j] + 2 * Math.abs(dots[t * samples + j]));
        const logNorm = dims * Math.abs(Math.log(sigma) + 0.92) + Math.log(samples);
        return 4 * F32_EPS * (distanceScale / (2 * sigma * sigma) + Math.abs(r) + logNorm) + 4 * F32_EPS * (samples / 64 + 8);
      };
      const checks: Check[] = [compareArrays('log densities', gpu, ref, tolerance)];
      checks.push({
        what: 'finite', ok: gpu.every(Number.isFinite), count: gpu.length, maxError: 0,
        report: `non-finite log densities: ${Array.from(gpu).filter((v) => !Number.isFinite(v)).slice(0, 5).join(', ')}`,
      });
      return checks;
    },
  };
}

const manyWidths = Array.from({ length: 16 }, (_, i) => 0.05 * 1.25 ** i);

export const parzenCases: KernelCase[] = [
  normsCase(1, 1), normsCase(7, 3), normsCase(257, 784),
  parzenCase(1, 1, 2, [0.5]),
  parzenCase(7, 65, 3, [0.1, 0.3, 1]),
  parzenCase(65, 257, 7, manyWidths),
  parzenCase(3, 1000, 784, [0.2, 1, 5]),
  parzenCase(4, 100, 5, [0.05, 1], true),
];
