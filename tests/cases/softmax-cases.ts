// softmax_ce_forward_backward against its CPU mirror: logits of +-100 (no overflow: every exp is of x - max), one
// class, ten classes, batch 1 and odd sizes, accumulate, and the accuracy.
import { softmax_ce_forward_backward } from '../../src/cpu';
import { compareArrays, F32_EPS, transcendental } from '../support/compare';
import { randomF32, seededRandom } from '../support/random';
import type { KernelCase } from './context';

function softmaxCase(n: number, classes: number, spread: number, accumulate = false): KernelCase {
  return {
    name: `softmax_ce_forward_backward n=${n} classes=${classes} logits to +-${spread}${accumulate ? ', accumulate' : ''}`,
    kernels: ['softmax_ce_forward_backward'],
    async run(ctx) {
      const rand = seededRandom(n * 131 + classes);
      const x = randomF32(rand, n * classes, spread);
      if (spread >= 100) x.forEach((v, i) => { x[i] = Math.round(v / spread) * spread; }); // +-spread and 0 exactly
      const labels = Float32Array.from({ length: n }, () => Math.floor(rand() * classes));
      // some rows right for sure: their label's logit raised above every other
      for (let i = 0; i < n; i += 3) x[i * classes + labels[i]] = spread + 1;
      const scale = 0.5, previous = 0.75;
      const ref = new Float64Array(n * classes);
      const { loss, accuracy } = softmax_ce_forward_backward(ref, x, labels, classes, scale);
      const dlogits = ctx.zeros('dlogits', n * classes);
      const metrics = ctx.upload('metrics', new Float32Array([previous, 9, 8]));
      ctx.run(ctx.kernels.prepare('softmax_ce_forward_backward',
        { dlogits, metrics, logits: ctx.upload('logits', x), labels: ctx.upload('labels', labels) },
        { n, classes, scale, accumulate: accumulate ? 1 : 0, loss_index: 0 }));
      // a row's loss is lse - x_y: its terms are about |x|, each with f32 rounding and a transcendental's error
      let tol = 0;
      for (let i = 0; i < n * classes; i++) tol += (F32_EPS * 4 * Math.abs(x[i]) + transcendental(x[i])) / n;
      const got = await ctx.readF32(metrics, 3);
      return [
        compareArrays('mean loss, accuracy, untouched', got, [(accumulate ? previous : 0) + loss, accuracy, 8],
          (i) => [tol + F32_EPS, 0.5 / n, 0][i]),
        compareArrays('dlogits', await ctx.readF32(dlogits, n * classes), ref, (i) => (scale * (transcendental(x[i]) + 8 * F32_EPS)) / n),
      ];
    },
  };
}

export const softmaxCases: KernelCase[] = [
  softmaxCase(1, 10, 4), softmaxCase(7, 1, 4), softmaxCase(3, 2, 4, true), softmaxCase(257, 10, 8), softmaxCase(33, 10, 100),
  softmaxCase(600, 7, 100, true),
];
