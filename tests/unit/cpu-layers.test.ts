// Every layer kind's CPU backward (through network_backward, as the trainer runs it) against central finite
// differences of its forward, on odd sizes: kernels 1, 3, 4, 5; strides 1 and 2; padding 0, 1, 2; channels 1, 3, 7;
// images 5x5, 7x7 and 14x14; batch 1 and 3; batch norm with variances far below its eps.
import { describe, expect, it } from 'vitest';
import { network_backward, network_forward } from '../../src/cpu';
import { initNetwork, planNetwork, type LayerSpec, type NetworkSpec } from '../../src/nn/network';
import { seededRandom } from '../support/random';

const H = 1e-6;

function randoms(rand: () => number, n: number, scale = 1, offset = 0): Float64Array {
  return Float64Array.from({ length: n }, () => offset + (rand() * 2 - 1) * scale);
}

/** The worst |analytic - numeric| / (|analytic| + |numeric| + floor) over the checked indices. */
function worstError(analytic: ArrayLike<number>, numeric: Map<number, number>, floor: number): number {
  let worst = 0;
  for (const [i, v] of numeric) worst = Math.max(worst, Math.abs(analytic[i] - v) / (Math.abs(analytic[i]) + Math.abs(v) + floor));
  return worst;
}

/** Checks dL/dx and dL/dparams of L = sum(out * probe) at up to `probes` indices of each. */
function checkNetwork(spec: NetworkSpec, batch: number, seed: number, x: Float64Array, floor = 1e-7, probes = 40, labels?: Float64Array): void {
  const rand = seededRandom(seed);
  const plan = planNetwork(spec, 'network');
  const params = Float64Array.from(initNetwork(spec, seed), (v) => v + (rand() * 2 - 1) * 0.1); // non-zero biases
  const outSize = batch * plan.output.channels * plan.output.height * plan.output.width;
  const probe = randoms(rand, outSize);
  const lossOf = () => {
    const run = network_forward(params, spec, x, batch, { labels });
    return run.outputs[run.outputs.length - 1].reduce((a, v, i) => a + v * probe[i], 0);
  };
  const grads = new Float64Array(params.length);
  const dx = network_backward(grads, params, spec, network_forward(params, spec, x, batch, { labels }), probe, batch);
  for (const [what, values, analytic] of [['x', x, dx], ['params', params, grads]] as const) {
    const numeric = new Map<number, number>();
    const step = Math.max(1, Math.floor(values.length / probes));
    for (let i = Math.floor(rand() * step); i < values.length; i += step) {
      const keep = values[i];
      values[i] = keep + H; const up = lossOf();
      values[i] = keep - H; const down = lossOf();
      values[i] = keep;
      numeric.set(i, (up - down) / (2 * H));
    }
    expect(worstError(analytic, numeric, floor), `${what} of ${JSON.stringify(spec.layers)}`).toBeLessThan(1e-5);
  }
}

type ConvCase = [kernel: number, stride: number, padding: number, inChannels: number, outChannels: number, side: number, batch: number];
const convCases: ConvCase[] = [
  [1, 1, 0, 3, 7, 5, 1], [3, 1, 1, 1, 3, 7, 3], [4, 2, 1, 3, 7, 14, 1], [5, 2, 2, 7, 1, 5, 3], [3, 2, 0, 3, 3, 7, 1],
  [4, 1, 2, 1, 1, 5, 3], [5, 1, 0, 3, 1, 7, 1],
];

describe('conv2d and conv_transpose2d backward against finite differences', () => {
  for (const type of ['conv2d', 'conv_transpose2d'] as const) {
    for (const [kernel, stride, padding, cin, cout, side, batch] of convCases) {
      it(`${type} k${kernel} s${stride} p${padding}, ${cin} -> ${cout} channels, ${side}x${side}, batch ${batch}`, () => {
        // tanh below (a batch norm's, its derivative folded into the conv's dx) and at the output: the smooth path
        // through every piece, at the cost of a per-channel normalisation (a linear layer there cost seconds per case)
        const spec: NetworkSpec = {
          input: cin * side * side,
          layers: [
            { type: 'reshape', shape: [cin, side, side] }, { type: 'batch_norm', activation: 'tanh' },
            { type, channels: cout, kernel, stride, padding, activation: 'tanh' },
          ],
        };
        const rand = seededRandom(kernel * 100 + side);
        checkNetwork(spec, batch, kernel * 7 + stride, randoms(rand, batch * cin * side * side));
      });
    }
  }

  it('output sizes follow PyTorch: conv (H + 2p - K) / s + 1, transposed (H - 1) s - 2p + K', () => {
    const out = (layer: LayerSpec, input: number, shape: number[]) =>
      planNetwork({ input, layers: [{ type: 'reshape', shape }, layer] }, 'g').output;
    expect(out({ type: 'conv2d', channels: 64, kernel: 4, stride: 2, padding: 1, activation: 'relu' }, 784, [1, 28, 28]))
      .toEqual({ channels: 64, height: 14, width: 14 });
    expect(out({ type: 'conv_transpose2d', channels: 64, kernel: 4, stride: 2, padding: 1, activation: 'relu' }, 128 * 49, [128, 7, 7]))
      .toEqual({ channels: 64, height: 14, width: 14 });
    expect(out({ type: 'conv2d', channels: 2, kernel: 5, stride: 2, padding: 2, activation: 'relu' }, 3 * 25, [3, 5, 5]))
      .toEqual({ channels: 2, height: 3, width: 3 });
  });
});

describe('batch_norm backward against finite differences', () => {
  for (const [channels, side, batch, spread] of [[3, 5, 3, 1], [7, 1, 3, 1], [1, 7, 1, 1], [3, 5, 3, 1e-3]] as const) {
    it(`${channels} channels of ${side}x${side}, batch ${batch}, values spread ${spread}${spread < 0.01 ? ' (variance far below eps)' : ''}`, () => {
      const size = channels * side * side;
      const spec: NetworkSpec = {
        input: size,
        layers: [{ type: 'reshape', shape: [channels, side, side] }, { type: 'batch_norm', activation: 'tanh' }],
      };
      const rand = seededRandom(channels * 31 + side);
      // an offset of 5: the mean is far from zero, as a layer's outputs may be
      checkNetwork(spec, batch, channels + side, randoms(rand, batch * size, spread, 5), spread < 0.01 ? 1e-4 : 1e-7);
    });
  }

  it('inference uses the running statistics, which training moved as PyTorch does (unbiased variance, momentum 0.1)', () => {
    const spec: NetworkSpec = { input: 2, layers: [{ type: 'batch_norm' }] };
    const stats = Float64Array.from(initStats2());
    const x = Float64Array.from([1, 10, 3, 30]); // two rows: channel 0 holds 1 and 3, channel 1 holds 10 and 30
    network_forward(initNetwork(spec, 1), spec, x, 2, { stats });
    const plan = planNetwork(spec, 'network');
    const at = (name: string) => plan.statsLayout.tensors.find((t) => t.name === name)!.offset;
    expect(stats[at('l0.running_mean')]).toBeCloseTo(0.9 * 0 + 0.1 * 2, 12);
    expect(stats[at('l0.running_mean') + 1]).toBeCloseTo(0.1 * 20, 12);
    expect(stats[at('l0.running_var')]).toBeCloseTo(0.9 * 1 + 0.1 * 2, 12); // unbiased var of {1, 3} = 2
    expect(stats[at('l0.running_var') + 1]).toBeCloseTo(0.9 + 0.1 * 200, 12);
    const inferred = network_forward(initNetwork(spec, 1), spec, Float64Array.from([2, 2]), 1, { training: false, stats }).outputs[1];
    expect(inferred[0]).toBeCloseTo((2 - 0.2) / Math.sqrt(1.1 + 1e-5), 10);

    function initStats2() {
      const p = planNetwork(spec, 'network');
      const s = new Float64Array(p.statsLayout.totalFloats);
      s.fill(1, p.statsLayout.tensors[1].offset, p.statsLayout.tensors[1].offset + 2);
      return s;
    }
  });
});

describe('projection (a projection D\'s last layer) backward against finite differences', () => {
  const cases: [string, number, LayerSpec[], number, boolean][] = [
    ['linear 4 leaky_relu, projection over 3 classes, batch 3', 5, [{ units: 4, activation: 'leaky_relu', alpha: 0.2 }, { type: 'projection', classes: 3 }], 3, false],
    ['linear 7 tanh, projection over 10 classes, batch 1', 2, [{ units: 7, activation: 'tanh' }, { type: 'projection', classes: 10 }], 10, false],
    ['conv2d k3 s2 sigmoid, flatten, projection over 4 classes (a soft label row), batch 3', 18,
      [{ type: 'reshape', shape: [2, 3, 3] }, { type: 'conv2d', channels: 3, kernel: 3, stride: 2, padding: 1, activation: 'sigmoid' }, { type: 'flatten' },
        { type: 'projection', classes: 4 }], 4, true],
  ];
  for (const [name, input, layers, classes, soft] of cases) {
    it(name, () => {
      const batch = name.endsWith('batch 1') ? 1 : 3;
      const rand = seededRandom(input * 7 + classes);
      const labels = new Float64Array(batch * classes);
      for (let r = 0; r < batch; r++) labels[r * classes + ((r * 2 + 1) % classes)] = 1;
      if (soft) labels.fill(1 / classes, 0, classes);
      checkNetwork({ input, layers }, batch, 11 + classes, randoms(rand, batch * input), 1e-7, 60, labels);
    });
  }
  it('refuses to run without labels, naming the layer', () => {
    const spec: NetworkSpec = { input: 2, layers: [{ units: 3, activation: 'relu' }, { type: 'projection', classes: 2 }] };
    expect(() => network_forward(initNetwork(spec, 1), spec, [1, 2], 1)).toThrow(/layer 1 \(projection\) reads each row's label/);
  });
});
