// The projection layer: the last layer of a projection discriminator (Miyato & Koyama 2018),
//   D(x, y) = w . h + b + <embed [y], h>,   h = phi(x), the features of the layer below,
// one output (D's logit), its class term read from the one-hot labels the network is applied with. Tensors: `weight`
// [in, 1] and `bias` [1] as a linear layer's (torch.nn.Linear's transpose), `embed` [classes, in] as
// torch.nn.Embedding's weight. A conditional config with conditional.discriminator 'projection' makes D's last
// linear layer this kind (src/train/conditional.ts). GPU: linear_forward and shaders/projection.wgsl; CPU:
// src/cpu/linear.ts and src/cpu/projection.ts.
import { linear_backward_bias, linear_backward_input, linear_backward_weight, linear_forward } from '../cpu/linear.js';
import { projection_backward_embed, projection_backward_input, projection_forward } from '../cpu/projection.js';
import { actInOverrides, IDENTITY } from './activations.js';
import { featureSize, flatShape, type LayerKind, type LayerPlan, type LayerSpecBase } from './layer.js';
import { linearKind } from './linear.js';

export interface ProjectionSpec extends LayerSpecBase {
  type: 'projection';
  /** The labels' classes: the rows of `embed`. */
  classes: number;
}

const shape = (l: LayerPlan, batch: number) => ({
  batch, features: featureSize(l.input), classes: (l.spec as ProjectionSpec).classes,
});

function needLabels<T>(labels: T | undefined, l: LayerPlan): T {
  if (labels === undefined) throw new Error(`layer ${l.index} (projection) reads each row's label: apply the network with { labels }`);
  return labels;
}

export const projectionKind: LayerKind = {
  type: 'projection',
  keys: ['classes'],
  plan(raw, input, field) {
    const classes = (raw as ProjectionSpec).classes;
    if (!Number.isInteger(classes) || classes < 1 || classes > 1000) throw new Error(`${field}.classes must be an integer in [1, 1000], got ${classes}`);
    const fanIn = featureSize(input);
    return {
      output: flatShape(1), act: IDENTITY, stats: [],
      params: [
        { key: 'weight', shape: [fanIn, 1], init: { std: Math.sqrt(2 / (fanIn + 1)) } },
        { key: 'bias', shape: [1], init: { value: 0 } },
        // Xavier over (classes, in), as the reference implementation's embedding
        { key: 'embed', shape: [classes, fanIn], init: { std: Math.sqrt(2 / (fanIn + classes)) } },
      ],
    };
  },
  spectralMatrix: (layer) => linearKind.spectralMatrix!(layer),
  gpuForward(f) {
    const labels = needLabels(f.labels, f.layer);
    return [...linearKind.gpuForward!(f), f.kernels.prepare('projection_forward',
      { out: f.out, x: f.x, embed: f.param('embed'), labels }, shape(f.layer, f.batch), {}, `${f.label}.class term`)];
  },
  gpuBackward(b) {
    const labels = needLabels(b.labels, b.layer);
    const k = b.kernels, s = shape(b.layer, b.batch);
    const list = linearKind.gpuBackward!(b);
    if (b.paramGrads) {
      list.push(k.prepare('projection_backward_embed', { dembed: b.grad('embed'), guard: b.guard.buffer, dpre: b.dpre, x: b.x, labels },
        { ...s, accumulate: b.accumulate ? 1 : 0, guard_bit: b.guard.bit }, {}, `${b.label}.dembed`));
    }
    if (b.dx) {
      list.push(k.prepare('projection_backward_input', { dx: b.dx, dpre: b.dpre, x: b.x, embed: b.param('embed'), labels }, s,
        actInOverrides(b.inputAct), `${b.label}.dx (class term)`));
    }
    return list;
  },
  cpuForward(f) {
    const labels = needLabels(f.labels, f.layer);
    const s = shape(f.layer, f.batch);
    const out = new Float64Array(f.batch);
    linear_forward(out, f.x, f.params.weight, f.params.bias, { batch: f.batch, inFeatures: s.features, outFeatures: 1 });
    projection_forward(out, f.x, f.params.embed, labels, s);
    return out;
  },
  cpuBackward(b) {
    const labels = needLabels(b.labels, b.layer);
    const s = shape(b.layer, b.batch), ls = { batch: b.batch, inFeatures: s.features, outFeatures: 1 };
    linear_backward_weight(b.grads.weight, b.x, b.dpre, ls, b.accumulate);
    linear_backward_bias(b.grads.bias, b.dpre, ls, b.accumulate);
    projection_backward_embed(b.grads.embed, b.dpre, b.x, labels, s, b.accumulate);
    const dx = new Float64Array(b.batch * s.features);
    linear_backward_input(dx, b.dpre, b.params.weight, b.x, ls, b.inputAct.activation, b.inputAct.alpha, false);
    projection_backward_input(dx, b.dpre, b.x, b.params.embed, labels, s, b.inputAct.activation, b.inputAct.alpha);
    return dx;
  },
  tuning: (layer, batch, fused) => linearKind.tuning!(layer, batch, fused),
};
