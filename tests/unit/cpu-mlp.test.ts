// The CPU MLP's backward against finite differences, and the initialisation's scale.
import { describe, expect, it } from 'vitest';
import { mlp_backward, mlp_forward } from '../../src/cpu';
import { initMlp, mlpLayout, validateMlp, type MlpSpec } from '../../src/nn/network';
import { seededRandom } from '../support/random';

const spec: MlpSpec = { input: 3, layers: [{ units: 5, activation: 'tanh' }, { units: 4, activation: 'sigmoid' }, { units: 2, activation: 'identity' }] };

describe('CPU MLP', () => {
  it('back-propagates to the parameters and the input as finite differences say', () => {
    const batch = 2;
    const params = Float64Array.from(initMlp(spec, 3));
    const rand = seededRandom(9);
    const x = Float64Array.from({ length: batch * spec.input }, () => rand() * 2 - 1);
    const probe = Float64Array.from({ length: batch * 2 }, () => rand() * 2 - 1);
    const lossOf = () => mlp_forward(params, spec, x, batch)[3].reduce((a, v, i) => a + v * probe[i], 0);
    const grads = new Float64Array(params.length);
    const dx = mlp_backward(grads, params, spec, mlp_forward(params, spec, x, batch), probe, batch);
    const h = 1e-6;
    const fd = (v: Float64Array, i: number) => {
      const keep = v[i];
      v[i] = keep + h; const up = lossOf();
      v[i] = keep - h; const down = lossOf();
      v[i] = keep;
      return (up - down) / (2 * h);
    };
    for (const t of mlpLayout(spec).tensors) {
      for (let i = t.offset; i < t.offset + t.size; i++) expect(grads[i]).toBeCloseTo(fd(params, i), 7);
    }
    for (let i = 0; i < x.length; i++) expect(dx[i]).toBeCloseTo(fd(x, i), 7);
  });

  it('initialises He before relu and Xavier otherwise, biases zero, from the seed', () => {
    const wide: MlpSpec = { input: 400, layers: [{ units: 300, activation: 'relu' }, { units: 200, activation: 'sigmoid' }] };
    const p = initMlp(wide, 1);
    const t = mlpLayout(wide).tensors;
    const std = (name: string) => {
      const s = t.find((x) => x.name === name)!;
      const v = p.subarray(s.offset, s.offset + s.size);
      return Math.sqrt(v.reduce((a, b) => a + b * b, 0) / v.length);
    };
    expect(std('l0.weight')).toBeCloseTo(Math.sqrt(2 / 400), 3);
    expect(std('l1.weight')).toBeCloseTo(Math.sqrt(2 / 500), 3);
    expect(std('l0.bias')).toBe(0);
    expect(Array.from(initMlp(wide, 1).subarray(0, 8))).toEqual(Array.from(p.subarray(0, 8)));
    expect(Array.from(initMlp(wide, 2).subarray(0, 8))).not.toEqual(Array.from(p.subarray(0, 8)));
  });

  it('names the field of a bad spec', () => {
    expect(() => validateMlp({ input: 0, layers: [] }, 'generator')).toThrow(/generator.input/);
    expect(() => validateMlp({ input: 2, layers: [{ units: 3, activation: 'gelu' as never }] }, 'discriminator'))
      .toThrow(/discriminator.layers\[0\].activation must be one of/);
    expect(() => validateMlp({ input: 2, layers: [{ units: 1.5, activation: 'relu' }] }, 'g')).toThrow(/g.layers\[0\].units/);
  });
});
