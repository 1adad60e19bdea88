// Batch normalisation (torch.nn.BatchNorm2d over an image's channels, BatchNorm1d over flat features), with an
// activation fused at its output: { type: 'batch_norm', activation: 'relu' } is DCGAN's "BN relu". Tensors `weight`
// (gamma, ones) and `bias` (beta, zeros); running statistics `running_mean` and `running_var` in the network's
// stats buffer. Training normalises by the batch's statistics, inference by the running ones (momentum 0.1,
// eps 1e-5 by default, as PyTorch). GPU: shaders/batch_norm.wgsl; CPU: src/cpu/batch-norm.ts.
import { batch_norm_backward, batch_norm_forward } from '../cpu/batch-norm.js';
import { actInOverrides, actOverrides, checkActivation, type Activation } from './activations.js';
import type { LayerKind, LayerPlan, LayerSpecBase } from './layer.js';

export interface BatchNormSpec extends LayerSpecBase {
  type: 'batch_norm';
  /** The activation after normalising (identity by default). */
  activation?: Activation;
  alpha?: number;
  /** How far the running statistics move towards each batch's (default 0.1). */
  momentum?: number;
  /** Added to the variance (default 1e-5). */
  eps?: number;
}

const options = (l: LayerPlan, training: boolean) => {
  const s = l.spec as BatchNormSpec;
  return { training, momentum: s.momentum ?? 0.1, eps: s.eps ?? 1e-5 };
};
const shape = (l: LayerPlan, batch: number) => ({ batch, channels: l.input.channels, plane: l.input.height * l.input.width });
const kernelParams = (l: LayerPlan, batch: number, training: boolean) => {
  const s = shape(l, batch), o = options(l, training);
  return { batch, channels: s.channels, plane: s.plane, training: training ? 1 : 0, momentum: o.momentum, eps: o.eps };
};

export const batchNormKind: LayerKind = {
  type: 'batch_norm',
  keys: ['activation', 'alpha', 'momentum', 'eps'],
  plan(raw, input, field) {
    const spec = raw as BatchNormSpec;
    const act = checkActivation(spec, field, 'identity');
    if (spec.momentum !== undefined && !(typeof spec.momentum === 'number' && spec.momentum >= 0 && spec.momentum <= 1)) {
      throw new Error(`${field}.momentum must be a number in [0, 1], got ${JSON.stringify(spec.momentum)}`);
    }
    if (spec.eps !== undefined && !(typeof spec.eps === 'number' && spec.eps >= 1e-12 && spec.eps <= 1)) {
      throw new Error(`${field}.eps must be a number in [1e-12, 1], got ${JSON.stringify(spec.eps)}`);
    }
    const c = input.channels;
    return {
      output: input, act,
      params: [{ key: 'weight', shape: [c], init: { value: 1 } }, { key: 'bias', shape: [c], init: { value: 0 } }],
      stats: [{ key: 'running_mean', shape: [c], init: { value: 0 } }, { key: 'running_var', shape: [c], init: { value: 1 } }],
    };
  },
  gpuForward(f) {
    const saved = f.scratch('saved', 2 * f.layer.input.channels);
    return [f.kernels.prepare('batch_norm_forward', {
      out: f.out, x: f.x, gamma: f.param('weight'), beta: f.param('bias'), running_mean: f.stat('running_mean'),
      running_var: f.stat('running_var'), saved,
    }, kernelParams(f.layer, f.batch, f.training), actOverrides(f.layer.act), `${f.label}.forward`)];
  },
  gpuBackward(b) {
    // dx is always computed: a batch norm's input gradient is what the layers below it train from
    const dx = b.dx ?? b.scratch('unused dx', b.batch * b.layer.input.channels * b.layer.input.height * b.layer.input.width);
    return [b.kernels.prepare('batch_norm_backward', {
      dx, dpre: b.dpre, x: b.x, gamma: b.param('weight'), saved: b.scratch('saved', 2 * b.layer.input.channels),
      dgamma: b.grad('weight'), dbeta: b.grad('bias'), guard: b.guard.buffer,
    }, { ...kernelParams(b.layer, b.batch, true), accumulate: b.accumulate ? 1 : 0, guard_bit: b.guard.bit },
    actInOverrides(b.inputAct), `${b.label}.dgamma+dbeta+dx`)];
  },
  cpuForward(f) {
    const out = new Float64Array(f.x.length);
    const c = f.layer.input.channels;
    const saved = { mean: (f.saved.mean = new Float64Array(c)), invstd: (f.saved.invstd = new Float64Array(c)) };
    batch_norm_forward(out, saved, f.x, f.params.weight, f.params.bias, { mean: f.stats.running_mean, variance: f.stats.running_var },
      shape(f.layer, f.batch), options(f.layer, f.training), f.layer.act.activation, f.layer.act.alpha);
    return out;
  },
  cpuBackward(b) {
    const dx = new Float64Array(b.x.length);
    batch_norm_backward({ dx, dgamma: b.grads.weight, dbeta: b.grads.bias }, b.dpre, b.x, b.params.weight,
      { mean: b.saved.mean, invstd: b.saved.invstd }, shape(b.layer, b.batch), b.accumulate, b.inputAct.activation, b.inputAct.alpha);
    return dx;
  },
};
