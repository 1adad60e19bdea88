// The linear layer: out (B, N) = act(x (B, K) . w (K, N) + b). Tensors `weight` [in, out] (torch.nn.Linear holds the
// transpose) and `bias` [out]; He initialisation before relu-like units, Xavier otherwise (drawn on the CPU, so
// the GPU network and its mirror start equal). GPU: shaders/linear*.wgsl; CPU: src/cpu/linear.ts. Only types come
// from src/gpu/ here (the kernels arrive with the dispatch context), so the CPU reference, which plans networks through
// src/nn/, loads no GPU code.
import {
  linear_backward_bias, linear_backward_input, linear_backward_weight, linear_forward,
} from '../cpu/linear.js';
import type { Dispatch } from '../gpu/registry.js';
import { actInOverrides, actOverrides, checkActivation } from './activations.js';
import { featureSize, flatShape, type LayerKind, type LayerPlan, type LayerSpecBase } from './layer.js';

export interface LinearSpec extends LayerSpecBase {
  type?: 'linear';
  units: number;
  activation: import('./activations.js').Activation;
  /** leaky_relu's slope, in [0, 1) (default 0.2) */
  alpha?: number;
}

/** The widest layer a config may ask for (a row of it is one buffer on the GPU). */
export const MAX_UNITS = 1 << 16;

export const isReluLike = (a: string) => a === 'relu' || a === 'leaky_relu';

/** Storage buffers linear_backward binds (its tiled variant, 8): devices that allow fewer run dw and dx apart. */
export const FUSED_BACKWARD_STORAGE_BUFFERS = 10;

const sizes = (l: LayerPlan, batch: number) => ({ batch, in_features: featureSize(l.input), out_features: featureSize(l.output) });

export const linearKind: LayerKind = {
  type: 'linear',
  keys: ['units', 'activation', 'alpha'],
  plan(raw, input, field) {
    const spec = raw as LinearSpec;
    const units = spec.units;
    if (!Number.isInteger(units) || units < 1 || units > MAX_UNITS) throw new Error(`${field}.units must be an integer in [1, ${MAX_UNITS}], got ${units}`);
    const act = checkActivation(spec, field);
    const fanIn = featureSize(input);
    const std = isReluLike(act.activation) ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + units));
    return {
      output: flatShape(units), act, stats: [],
      params: [{ key: 'weight', shape: [fanIn, units], init: { std } }, { key: 'bias', shape: [units], init: { value: 0 } }],
    };
  },
  // stored [in, out] (torch.nn.Linear's transpose): PyTorch's [out, in] matrix reads element (o, i) at i * out + o
  spectralMatrix(layer) {
    const [fanIn, units] = layer.params[0].shape;
    return { rows: units, cols: fanIn, rowStride: 1, colStride: units };
  },
  gpuForward(f) {
    return [f.kernels.prepare('linear_forward', { out: f.out, x: f.x, w: f.param('weight'), b: f.param('bias') },
      sizes(f.layer, f.batch), actOverrides(f.layer.act), `${f.label}.forward`)];
  },
  gpuBackward(b) {
    const k = b.kernels;
    const params = { ...sizes(b.layer, b.batch), accumulate: b.accumulate ? 1 : 0 };
    const grads = { dw: b.grad('weight'), db: b.grad('bias'), guard: b.guard.buffer };
    const w = b.param('weight');
    // dw, db and dx in one dispatch (linear_backward) where the device binds its 10 storage buffers, unless dw runs
    // split along the batch (a two-pass variant, chosen where it is faster: large batches)
    const fuse = k.device.limits.maxStorageBuffersPerShaderStage >= FUSED_BACKWARD_STORAGE_BUFFERS;
    const splitWeight = k.passesFor('linear_backward_weight', params) > 1;
    if (b.paramGrads && b.dx && fuse && !splitWeight) {
      return [k.prepare('linear_backward', { dx: b.dx, ...grads, dpre: b.dpre, w, x: b.x },
        { ...params, guard_bit: b.guard.bit }, actInOverrides(b.inputAct), `${b.label}.dw+db+dx`)];
    }
    const list: Dispatch[] = [];
    if (b.paramGrads) {
      list.push(k.prepare('linear_backward_weight', { ...grads, x: b.x, dpre: b.dpre }, { ...params, guard_bit: b.guard.bit }, {}, `${b.label}.dw+db`));
    }
    if (b.dx) {
      list.push(k.prepare('linear_backward_input', { dx: b.dx, dpre: b.dpre, w, x: b.x }, { ...params, accumulate: 0 },
        actInOverrides(b.inputAct), `${b.label}.dx`));
    }
    return list;
  },
  cpuForward(f) {
    const s = { batch: f.batch, inFeatures: featureSize(f.layer.input), outFeatures: featureSize(f.layer.output) };
    const out = new Float64Array(f.batch * s.outFeatures);
    linear_forward(out, f.x, f.params.weight, f.params.bias, s, f.layer.act.activation, f.layer.act.alpha);
    return out;
  },
  cpuBackward(b) {
    const s = { batch: b.batch, inFeatures: featureSize(b.layer.input), outFeatures: featureSize(b.layer.output) };
    linear_backward_weight(b.grads.weight, b.x, b.dpre, s, b.accumulate);
    linear_backward_bias(b.grads.bias, b.dpre, s, b.accumulate);
    const dx = new Float64Array(b.batch * s.inFeatures);
    linear_backward_input(dx, b.dpre, b.params.weight, b.x, s, b.inputAct.activation, b.inputAct.alpha, false);
    return dx;
  },
  tuning(layer, batch, fused) {
    const params = sizes(layer, batch);
    const names = ['linear_forward', 'linear_backward_input', 'linear_backward_weight', ...(fused ? ['linear_backward'] as const : [])] as const;
    return names.map((name) => ({ name, params }));
  },
};

