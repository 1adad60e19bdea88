// The two convolution kinds, conv2d and conv_transpose2d (torch.nn.Conv2d and torch.nn.ConvTranspose2d, square
// kernels, no dilation or groups): one file, since they differ only in which side is strided and in the weight's
// layout ((out, in, K, K) against (in, out, K, K)). GPU: shaders/conv.wgsl (direct gathers) or, where the tuner
// finds it faster, src/gpu/conv-gemm.ts (im2col around the matmul); CPU: src/cpu/conv.ts.
import {
  conv2d_backward_input, conv2d_backward_weight, conv2d_forward, conv_transpose2d_backward_input,
  conv_transpose2d_backward_weight, conv_transpose2d_forward, type ConvShape,
} from '../cpu/conv.js';
import { convGemmProducts } from '../gpu/conv-gemm.js';
import { actInOverrides, actOverrides, checkActivation, type Activation } from './activations.js';
import { describeShape, type LayerKind, type LayerPlan, type LayerSpecBase } from './layer.js';
import { isReluLike } from './linear.js';

export interface ConvSpec extends LayerSpecBase {
  type: 'conv2d' | 'conv_transpose2d';
  /** Output channels. */
  channels: number;
  /** The kernel's side (square kernels). */
  kernel: number;
  stride?: number;
  padding?: number;
  activation: Activation;
  alpha?: number;
}

export const MAX_CHANNELS = 4096;
export const MAX_KERNEL = 15;

const isInt = (v: unknown, lo: number, hi: number) => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;

/** The layer's sizes as the CPU mirror takes them. */
export function convShape(l: LayerPlan, batch: number): ConvShape {
  const s = l.spec as ConvSpec;
  return {
    batch, inChannels: l.input.channels, inH: l.input.height, inW: l.input.width, outChannels: l.output.channels,
    outH: l.output.height, outW: l.output.width, kernel: s.kernel, stride: s.stride ?? 1, padding: s.padding ?? 0,
  };
}

/** ... and as the kernels' ConvParams. */
export function convParams(l: LayerPlan, batch: number, accumulate = false, guardBit = 0) {
  const s = convShape(l, batch);
  return {
    batch, in_channels: s.inChannels, in_h: s.inH, in_w: s.inW, out_channels: s.outChannels, out_h: s.outH, out_w: s.outW,
    kernel: s.kernel, stride: s.stride, padding: s.padding, accumulate: accumulate ? 1 : 0, guard_bit: guardBit,
  };
}

function convKind(transposed: boolean): LayerKind {
  const type = transposed ? 'conv_transpose2d' : 'conv2d';
  const [forwardKernel, inputKernel, weightKernel] = transposed
    ? ['conv_transpose2d_forward', 'conv_transpose2d_backward_input', 'conv_transpose2d_backward_weight'] as const
    : ['conv2d_forward', 'conv2d_backward_input', 'conv2d_backward_weight'] as const;
  const cpu = transposed
    ? { forward: conv_transpose2d_forward, input: conv_transpose2d_backward_input, weight: conv_transpose2d_backward_weight }
    : { forward: conv2d_forward, input: conv2d_backward_input, weight: conv2d_backward_weight };
  return {
    type,
    keys: ['channels', 'kernel', 'stride', 'padding', 'activation', 'alpha'],
    plan(raw, input, field) {
      const spec = raw as ConvSpec;
      const { channels, kernel } = spec;
      const stride = spec.stride ?? 1, padding = spec.padding ?? 0;
      if (!isInt(channels, 1, MAX_CHANNELS)) throw new Error(`${field}.channels must be an integer in [1, ${MAX_CHANNELS}], got ${JSON.stringify(channels)}`);
      if (!isInt(kernel, 1, MAX_KERNEL)) throw new Error(`${field}.kernel must be an integer in [1, ${MAX_KERNEL}], got ${JSON.stringify(kernel)}`);
      if (!isInt(stride, 1, 8)) throw new Error(`${field}.stride must be an integer in [1, 8], got ${JSON.stringify(spec.stride)}`);
      if (!isInt(padding, 0, kernel - 1)) throw new Error(`${field}.padding must be an integer in [0, kernel - 1 = ${kernel - 1}], got ${JSON.stringify(spec.padding)}`);
      if (input.height === 1 && input.width === 1 && kernel > 1) {
        throw new Error(`${field}: a ${type} needs an image input (channels x height x width), got ${input.channels} flat features; ` +
          "put { type: 'reshape', shape: [channels, height, width] } before it");
      }
      const act = checkActivation(spec, field);
      const side = (n: number) => (transposed ? (n - 1) * stride - 2 * padding + kernel : Math.floor((n + 2 * padding - kernel) / stride) + 1);
      const output = { channels, height: side(input.height), width: side(input.width) };
      if (output.height < 1 || output.width < 1) {
        throw new Error(`${field}: kernel ${kernel}, stride ${stride}, padding ${padding} leave no output of an input of ${describeShape(input)}`);
      }
      const taps = kernel * kernel, spread = transposed ? stride * stride : 1;
      const fanIn = (input.channels * taps) / spread;
      const fanOut = (channels * taps) / (transposed ? 1 : stride * stride);
      const std = isReluLike(act.activation) ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
      const weight = transposed ? [input.channels, channels, kernel, kernel] : [channels, input.channels, kernel, kernel];
      return {
        output, act, stats: [],
        params: [{ key: 'weight', shape: weight, init: { std } }, { key: 'bias', shape: [channels], init: { value: 0 } }],
      };
    },
    gpuForward(f) {
      return [f.kernels.prepare(forwardKernel, { out: f.out, x: f.x, w: f.param('weight'), b: f.param('bias') },
        convParams(f.layer, f.batch), actOverrides(f.layer.act), `${f.label}.forward`)];
    },
    gpuBackward(b) {
      const list = [];
      if (b.paramGrads) {
        list.push(b.kernels.prepare(weightKernel, { dw: b.grad('weight'), db: b.grad('bias'), guard: b.guard.buffer, dpre: b.dpre, x: b.x },
          convParams(b.layer, b.batch, b.accumulate, b.guard.bit), {}, `${b.label}.dw+db`));
      }
      if (b.dx) {
        list.push(b.kernels.prepare(inputKernel, { dx: b.dx, dpre: b.dpre, w: b.param('weight'), x: b.x },
          convParams(b.layer, b.batch), actInOverrides(b.inputAct), `${b.label}.dx`));
      }
      return list;
    },
    // conv2d's [out, in, kh, kw] is PyTorch's [out, rest] as it lies; a transposed conv's [in, out, kh, kw] has its
    // out rows strided inside each input channel (PyTorch normalises it along dim 1): not offered
    ...(transposed ? {} : {
      spectralMatrix(layer: LayerPlan) {
        const [out, ...rest] = layer.params[0].shape;
        const cols = rest.reduce((a, b) => a * b, 1);
        return { rows: out, cols, rowStride: cols, colStride: 1 };
      },
    }),
    tuning(layer, batch) {
      const params = convParams(layer, batch);
      return [...convGemmProducts(transposed, params), ...[forwardKernel, inputKernel, weightKernel].map((name) => ({ name, params }))];
    },
    cpuForward(f) {
      const s = convShape(f.layer, f.batch);
      const out = new Float64Array(f.batch * s.outChannels * s.outH * s.outW);
      cpu.forward(out, f.x, f.params.weight, f.params.bias, s, f.layer.act.activation, f.layer.act.alpha);
      return out;
    },
    cpuBackward(b) {
      const s = convShape(b.layer, b.batch);
      cpu.weight(b.grads.weight, b.grads.bias, b.x, b.dpre, s, b.accumulate);
      const dx = new Float64Array(b.x.length);
      cpu.input(dx, b.dpre, b.params.weight, b.x, s, b.inputAct.activation, b.inputAct.alpha);
      return dx;
    },
  };
}

export const conv2dKind = convKind(false);
export const convTranspose2dKind = convKind(true);
