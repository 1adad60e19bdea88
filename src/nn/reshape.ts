// reshape and flatten: a new view of the same row (NCHW order, as torch.reshape and nn.Flatten), so they compute
// nothing: the layer after reads the same buffer. Gradients pass through unchanged.
import { IDENTITY } from './activations.js';
import { describeShape, featureSize, flatShape, type FeatureShape, type LayerKind, type LayerSpecBase } from './layer.js';

export interface ReshapeSpec extends LayerSpecBase {
  type: 'reshape';
  /** [channels, height, width] or [features]. */
  shape: number[];
}

export interface FlattenSpec extends LayerSpecBase {
  type: 'flatten';
}

export const reshapeKind: LayerKind = {
  type: 'reshape',
  keys: ['shape'],
  plan(raw, input, field) {
    const { shape } = raw as ReshapeSpec;
    const ok = Array.isArray(shape) && (shape.length === 1 || shape.length === 3) && shape.every((d) => Number.isInteger(d) && d >= 1);
    if (!ok) throw new Error(`${field}.shape must be [channels, height, width] or [features] (positive integers), got ${JSON.stringify(shape)}`);
    const output: FeatureShape = shape.length === 1 ? flatShape(shape[0]) : { channels: shape[0], height: shape[1], width: shape[2] };
    if (featureSize(output) !== featureSize(input)) {
      throw new Error(`${field}.shape ${JSON.stringify(shape)} holds ${featureSize(output)} values, its input (${describeShape(input)}) ${featureSize(input)}`);
    }
    return { output, act: IDENTITY, params: [], stats: [] };
  },
};

export const flattenKind: LayerKind = {
  type: 'flatten',
  keys: [],
  plan: (_raw, input) => ({ output: flatShape(featureSize(input)), act: IDENTITY, params: [], stats: [] }),
};
