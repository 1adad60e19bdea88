// An ACGAN's D head (Odena et al. 2017) against the CPU mirrors: rows of 1 + classes logits, the adversarial loss on
// column 0 (a loss kernel reading every stride-th logit) and auxiliary_ce_forward_backward on the class columns with
// one-hot labels, each a mean per half (fakes, then reals) or over G's rows alone; every column of dlogits written,
// the classifier's loss added onto the adversarial one.
import { auxiliary_ce_forward_backward, gan_loss_forward_backward, mean_forward, sigmoid_bce_forward_backward } from '../../src/cpu';
import { bceModes, ganLossModes } from '../../src/gpu/kernels';
import { compareArrays, F32_EPS, transcendental } from '../support/compare';
import { randomF32, seededRandom } from '../support/random';
import type { KernelCase } from './context';

function acganCase(fakes: number, reals: number, classes: number, loss: 'bce' | 'hinge', spread = 4): KernelCase {
  const discriminator = fakes > 0;
  return {
    name: `ACGAN head: ${loss} on column 0 of rows of 1 + ${classes}, auxiliary_ce on the rest, ` +
      `${discriminator ? `${fakes} fakes, ${reals} reals` : `G's ${reals} rows`}, logits to +-${spread}`,
    kernels: ['auxiliary_ce_forward_backward'],
    async run(ctx) {
      const n = fakes + reals, width = 1 + classes, weight = 0.7;
      const rand = seededRandom(n * 17 + classes);
      const x = randomF32(rand, n * width, spread);
      const labels = new Float32Array(n * classes);
      for (let i = 0; i < n; i++) labels[i * classes + Math.floor(rand() * classes)] = 1;
      // the CPU: column 0 through the loss's mirror, the class columns through auxiliary_ce's
      const adversarial = Float64Array.from({ length: n }, (_, i) => x[i * width]);
      const dAdv = new Float64Array(n), ref = new Float64Array(n * width);
      let refLoss = loss === 'bce'
        ? (discriminator ? sigmoid_bce_forward_backward(dAdv.subarray(0, fakes), adversarial.subarray(0, fakes), 'bce', 0) : 0)
          + sigmoid_bce_forward_backward(dAdv.subarray(fakes), adversarial.subarray(fakes), discriminator ? 'bce' : 'non_saturating_generator', 1)
        : (discriminator ? gan_loss_forward_backward(dAdv.subarray(0, fakes), adversarial.subarray(0, fakes), 'hinge_discriminator', true, 1) : 0)
          + gan_loss_forward_backward(dAdv.subarray(fakes), adversarial.subarray(fakes), discriminator ? 'hinge_discriminator' : 'critic_generator', false, 1);
      dAdv.forEach((g, i) => { ref[i * width] = g; });
      refLoss += auxiliary_ce_forward_backward(ref, x, labels, n, classes, width, 1, fakes, weight);

      const dlogits = ctx.upload('dlogits', new Float32Array(n * width).fill(7));
      const metrics = ctx.upload('metrics', new Float32Array([9, 8, 7, 6]));
      const logits = ctx.upload('logits', x);
      const mode = loss === 'bce' ? (discriminator ? bceModes.bce : bceModes.non_saturating_generator)
        : discriminator ? ganLossModes.hinge_discriminator : ganLossModes.critic_generator;
      ctx.run(
        ctx.kernels.prepare(loss === 'bce' ? 'sigmoid_bce_forward_backward' : 'gan_loss_forward_backward', { dlogits, loss: metrics, logits },
          { n, fake_rows: fakes, mode, target_label: 1, scale: 1, accumulate: 0, loss_index: 0, means: 1, mean_index: 2, stride: width }),
        ctx.kernels.prepare('auxiliary_ce_forward_backward', { dlogits, metrics, logits, labels: ctx.upload('labels', labels) },
          { n, classes, scale: weight, loss_index: 0, row_stride: width, first_column: 1, fake_rows: fakes }),
      );
      let lossTol = 0;
      for (let i = 0; i < n * width; i++) lossTol += (4 * F32_EPS * Math.abs(x[i]) + transcendental(x[i])) * (classes + 1) / Math.max(1, Math.min(fakes || n, reals));
      const meanOf = (values: Float64Array) => (loss === 'bce' ? mean_forward(values, 'sigmoid') : mean_forward(values));
      const real = adversarial.subarray(fakes), fake = adversarial.subarray(0, fakes);
      return [
        compareArrays('metrics [D loss + weight * classifier loss, untouched, mean D(x), mean D(G(z))]', await ctx.readF32(metrics, 4),
          [refLoss, 8, meanOf(real), fakes ? meanOf(fake) : 0], (i) => [lossTol + F32_EPS, 0, 1e-5, 1e-5][i]),
        compareArrays('dlogits, every column', await ctx.readF32(dlogits, n * width), ref,
          (i) => (transcendental(x[i]) + 8 * F32_EPS) / Math.max(1, Math.min(fakes || n, reals))),
      ];
    },
  };
}

export const acganCases: KernelCase[] = [
  acganCase(1, 1, 2, 'bce'), acganCase(3, 5, 10, 'hinge'), acganCase(257, 257, 10, 'bce', 20), acganCase(0, 33, 3, 'bce'),
  acganCase(0, 300, 7, 'hinge', 100),
];
