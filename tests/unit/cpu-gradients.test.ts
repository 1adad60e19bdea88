// The CPU reference's backward passes against central finite differences of its own forward passes.
import { describe, expect, it } from 'vitest';
import {
  bceTerm, linear_backward, linear_forward, sigmoid_bce_forward_backward, type CpuActivation, type CpuBceMode,
} from '../../src/cpu';
import { seededRandom } from '../support/random';

const H = 1e-6;

function maxRelativeError(analytic: ArrayLike<number>, numeric: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < analytic.length; i++) {
    const err = Math.abs(analytic[i] - numeric[i]) / Math.max(1e-6, Math.abs(analytic[i]) + Math.abs(numeric[i]));
    worst = Math.max(worst, err);
  }
  return worst;
}

function randoms(rand: () => number, n: number, scale = 1): Float64Array {
  return Float64Array.from({ length: n }, () => (rand() * 2 - 1) * scale);
}

describe('linear_backward against finite differences', () => {
  const activations: CpuActivation[] = ['identity', 'relu', 'leaky_relu', 'tanh', 'sigmoid'];
  for (const act of activations) {
    it(`${act}: dx, dw, db`, () => {
      const rand = seededRandom(7);
      const s = { batch: 3, inFeatures: 5, outFeatures: 4 };
      const x = randoms(rand, s.batch * s.inFeatures);
      const w = randoms(rand, s.inFeatures * s.outFeatures);
      const b = randoms(rand, s.outFeatures, 0.5);
      const probe = randoms(rand, s.batch * s.outFeatures); // L = sum(out * probe), so dL/dout = probe
      const lossOf = () => {
        const out = new Float64Array(s.batch * s.outFeatures);
        linear_forward(out, x, w, b, s, act, 0.2);
        return out.reduce((acc, v, i) => acc + v * probe[i], 0);
      };
      const numeric = (v: Float64Array) =>
        Float64Array.from(v, (_, i) => {
          const keep = v[i];
          v[i] = keep + H; const up = lossOf();
          v[i] = keep - H; const down = lossOf();
          v[i] = keep;
          return (up - down) / (2 * H);
        });
      const out = new Float64Array(s.batch * s.outFeatures);
      linear_forward(out, x, w, b, s, act, 0.2);
      const grads = {
        dx: new Float64Array(x.length), dw: new Float64Array(w.length), db: new Float64Array(b.length),
      };
      linear_backward(grads, x, w, out, probe, s, act, 0.2);
      expect(maxRelativeError(grads.dx, numeric(x))).toBeLessThan(1e-6);
      expect(maxRelativeError(grads.dw, numeric(w))).toBeLessThan(1e-6);
      expect(maxRelativeError(grads.db, numeric(b))).toBeLessThan(1e-6);
      // and accumulation adds onto what is there
      const twice = { dx: grads.dx.slice(), dw: grads.dw.slice(), db: grads.db.slice() };
      linear_backward(twice, x, w, out, probe, s, act, 0.2, true);
      expect(maxRelativeError(twice.dw, grads.dw.map((v) => 2 * v))).toBeLessThan(1e-12);
    });
  }
});

describe('sigmoid_bce_forward_backward against finite differences', () => {
  const cases: [CpuBceMode, number][] = [['bce', 1], ['bce', 0], ['bce', 0.9], ['minimax_generator', 0], ['non_saturating_generator', 0]];
  for (const [mode, target] of cases) {
    it(`${mode} target ${target}`, () => {
      const logits = randoms(seededRandom(3), 9, 6);
      const d = new Float64Array(logits.length);
      sigmoid_bce_forward_backward(d, logits, mode, target, 1);
      const numeric = Float64Array.from(logits, (_, i) => {
        const up = logits.slice(); up[i] += H;
        const down = logits.slice(); down[i] -= H;
        const scratch = new Float64Array(logits.length);
        return (sigmoid_bce_forward_backward(scratch, up, mode, target) - sigmoid_bce_forward_backward(scratch, down, mode, target)) / (2 * H);
      });
      expect(maxRelativeError(d, numeric)).toBeLessThan(1e-6);
    });
  }

  it('matches the textbook definitions where they do not overflow', () => {
    for (const x of [-5, -0.3, 0, 0.7, 4]) {
      const s = 1 / (1 + Math.exp(-x));
      expect(bceTerm('bce', x, 0.9).loss).toBeCloseTo(-0.9 * Math.log(s) - 0.1 * Math.log(1 - s), 12);
      expect(bceTerm('minimax_generator', x, 0).loss).toBeCloseTo(Math.log(1 - s), 12);
      expect(bceTerm('non_saturating_generator', x, 0).loss).toBeCloseTo(-Math.log(s), 12);
    }
  });

  it('stays finite with bounded gradients at logits of +-1e4', () => {
    for (const x of [-1e4, -100, 100, 1e4]) {
      for (const mode of ['bce', 'minimax_generator', 'non_saturating_generator'] as const) {
        const { loss, grad } = bceTerm(mode, x, 1);
        expect(Number.isFinite(loss)).toBe(true);
        expect(Math.abs(grad)).toBeLessThanOrEqual(1);
      }
    }
  });
});
