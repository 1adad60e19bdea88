// The double backward of the gradient penalties on the CPU against central finite differences of the penalty itself:
// P(theta) = weight * mean psi(dD/dx), for R1 and WGAN-GP, through every layer kind that computes (linear and conv2d)
// and every activation (the second-order term of tanh and sigmoid included), at odd sizes.
import { describe, expect, it } from 'vitest';
import { gradient_penalty, input_gradient, penalty_backward, type PenaltyType } from '../../src/cpu';
import { initNetwork, planNetwork, type NetworkSpec } from '../../src/nn/network';
import type { Activation } from '../../src/nn/activations';
import { seededRandom } from '../support/random';

const H = 1e-5;

function penaltyOf(params: Float64Array, spec: NetworkSpec, x: Float64Array, n: number, type: PenaltyType, weight: number,
  labels?: Float64Array): number {
  const g = input_gradient(params, spec, x, n, labels);
  return gradient_penalty(new Float64Array(g.length), g, n, spec.input, type, weight);
}

const mlp = (act: Activation): NetworkSpec => ({
  input: 3, layers: [{ units: 5, activation: act, alpha: 0.2 }, { units: 4, activation: act === 'relu' ? 'sigmoid' : act, alpha: 0.2 }, { units: 1, activation: 'identity' }],
});
const convNet = (act: Activation): NetworkSpec => ({
  input: 50, layers: [
    { type: 'reshape', shape: [2, 5, 5] }, { type: 'conv2d', channels: 3, kernel: 3, stride: 2, padding: 1, activation: act, alpha: 0.2 },
    { type: 'flatten' }, { units: 2, activation: 'tanh' }, { units: 1, activation: 'identity' },
  ],
});

describe('gradient penalties: the CPU double backward against finite differences', () => {
  const cases: [string, NetworkSpec][] = [
    ...(['identity', 'relu', 'leaky_relu', 'tanh', 'sigmoid'] as const).map((a): [string, NetworkSpec] => [`MLP 3-5-4-1 ${a}`, mlp(a)]),
    ['conv2d k3 s2 p1 2x5x5 -> 3x3x3 leaky_relu, linear 2 tanh', convNet('leaky_relu')],
    ['conv2d k3 s2 p1 2x5x5 -> 3x3x3 sigmoid, linear 2 tanh', convNet('sigmoid')],
    // a projection D: the class term's double backward (linear in the features for a fixed label)
    ['MLP 3-5-4 tanh, projection over 3 classes', { input: 3, layers: [...mlp('tanh').layers.slice(0, 2), { type: 'projection', classes: 3 }] }],
    ['conv2d sigmoid, linear 2 tanh, projection over 3 classes', { input: 50, layers: [...convNet('sigmoid').layers.slice(0, 4), { type: 'projection', classes: 3 }] }],
    // a transposed conv in D (no DCGAN's D has one, but any computing kind goes through the same hooks)
    ['conv_transpose2d k3 s2 p1 2x3x3 -> 2x5x5 tanh, linear 1', { input: 18, layers: [
      { type: 'reshape', shape: [2, 3, 3] }, { type: 'conv_transpose2d', channels: 2, kernel: 3, stride: 2, padding: 1, activation: 'tanh' },
      { type: 'flatten' }, { units: 1, activation: 'identity' }] }],
    // an ACGAN's D: the penalty is on its logit's gradient, its class logits left out
    ['MLP 3-5 sigmoid, 1 + 2 outputs (an ACGAN\'s D)', { input: 3, layers: [{ units: 5, activation: 'sigmoid' }, { units: 3, activation: 'identity' }] }],
  ];
  for (const [name, spec] of cases) {
    for (const type of ['r1', 'wgan-gp'] as const) {
      it(`${type}, ${name}`, () => {
        const rand = seededRandom(name.length * 31 + type.length);
        const n = 3;
        const params = Float64Array.from(initNetwork(spec, 5, 0x1100)).map((v) => v * 1.7 + (rand() - 0.5) * 0.3);
        const x = Float64Array.from({ length: n * spec.input }, () => rand() * 2 - 1);
        const projection = spec.layers.some((l) => l.type === 'projection');
        const labels = projection ? Float64Array.from({ length: n * 3 }, (_, i) => (i % 3 === Math.floor(i / 3) % 3 ? 1 : 0)) : undefined;
        const grads = new Float64Array(params.length).fill(0.25); // accumulated onto
        const p = penalty_backward(grads, params, spec, x, n, type, 3, labels);
        expect(p).toBeCloseTo(penaltyOf(params, spec, x, n, type, 3, labels), 12);
        expect(p).toBeGreaterThan(0);
        let worst = 0, largest = 0;
        for (const t of planNetwork(spec, 'network').layout.tensors) {
          for (let i = t.offset; i < t.offset + t.size; i++) {
            const keep = params[i];
            params[i] = keep + H;
            const up = penaltyOf(params, spec, x, n, type, 3, labels);
            params[i] = keep - H;
            const down = penaltyOf(params, spec, x, n, type, 3, labels);
            params[i] = keep;
            const numeric = (up - down) / (2 * H), analytic = grads[i] - 0.25;
            worst = Math.max(worst, Math.abs(analytic - numeric) / Math.max(1e-4, Math.abs(numeric) + Math.abs(analytic)));
            largest = Math.max(largest, Math.abs(numeric));
          }
        }
        expect(largest).toBeGreaterThan(1e-3); // the penalty depends on the parameters: the check compares something
        expect(worst).toBeLessThan(1e-5);
      });
    }
  }
});
