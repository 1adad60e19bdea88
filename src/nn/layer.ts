// The layer unit: what one kind of layer (linear, conv2d, ...) gives the engine. Each kind lives in one file of
// src/nn/ (its spec checks, its parameter tensors in PyTorch's layout and names, its GPU dispatches) with its CPU
// mirror in src/cpu/ (f64 loops, no GPU imports); src/nn/kinds.ts lists them. A network is a sequence of layers
// (src/nn/network.ts): adding a kind touches those two files and the list.
import type { BufferArg } from '../gpu/kernels.js';
import type { Dispatch, Kernels } from '../gpu/registry.js';
import type { TuningRequest } from '../gpu/tuner.js';
import type { ActivationOf } from './activations.js';

/** What one row carries between layers: channels x height x width, row-major (NCHW per row); a flat vector of n
 * features is { channels: n, height: 1, width: 1 }. */
export interface FeatureShape {
  channels: number;
  height: number;
  width: number;
}

export const featureSize = (s: FeatureShape): number => s.channels * s.height * s.width;
export const flatShape = (n: number): FeatureShape => ({ channels: n, height: 1, width: 1 });
export const describeShape = (s: FeatureShape): string => (s.height === 1 && s.width === 1 ? `${s.channels}` : `${s.channels}x${s.height}x${s.width}`);

/** One tensor of a layer: its state-dict key ('weight', 'running_mean', ...), its shape as stored in checkpoints
 * (PyTorch's, but for linear's [in, out]), and its initial values. */
export interface TensorSpec {
  key: string;
  shape: number[];
  /** Normal(0, std) from the layer's Philox stream, or a constant. */
  init: { std: number } | { value: number };
}

/** A layer's spec as the config gives it; `type` absent means linear (the configs of the first milestone). */
export interface LayerSpecBase {
  type?: string;
}

/** A layer resolved against its input: its shapes, its fused activation, its tensors. */
export interface LayerPlan {
  /** Its place in the network's layer list: its tensors are `l${index}.${key}`. */
  index: number;
  type: string;
  spec: LayerSpecBase;
  kind: LayerKind;
  input: FeatureShape;
  output: FeatureShape;
  /** The activation fused at its output (identity for a reshape). */
  act: ActivationOf;
  /** Trainable tensors (in the network's parameter buffer, updated by the optimizer). */
  params: TensorSpec[];
  /** Running state that is not trained (batch norm's running statistics: the network's stats buffer). */
  stats: TensorSpec[];
  /** The field the spec came from, for error messages ('config.generator.layers[2]'). */
  field: string;
}

/** A GPU forward of one layer, inside one application of the network to `batch` rows. */
export interface GpuForward {
  kernels: Kernels;
  layer: LayerPlan;
  batch: number;
  x: BufferArg;
  out: BufferArg;
  /** Training (batch statistics, running statistics updated) or inference (running statistics). */
  training: boolean;
  param(key: string): GPUBufferBinding;
  stat(key: string): GPUBufferBinding;
  /** A buffer of this application that the layer's forward and backward share (by key), e.g. batch statistics. */
  scratch(key: string, floats: number): GPUBuffer;
  label: string;
  /** Each row's one-hot label (batch rows of the classes), where the network was applied with labels: read by a
   * projection layer (src/nn/projection.ts). */
  labels?: BufferArg;
}

/** A GPU backward of one layer: from dpre (the gradient at its pre-activation) to its parameters' gradients and, when
 * `dx` is given, the gradient at its input times the derivative of `inputAct` (so it is the layer below's dpre). */
export interface GpuBackward extends Omit<GpuForward, 'out' | 'training' | 'stat'> {
  dpre: BufferArg;
  dx?: BufferArg;
  inputAct: ActivationOf;
  /** The gradient slot of a tensor: in the network's gradient buffer, or scratch when paramGrads is false. */
  grad(key: string): GPUBufferBinding;
  paramGrads: boolean;
  accumulate: boolean;
  guard: { buffer: GPUBuffer; bit: number };
}

/** The CPU mirror of a layer's forward: writes `out` (activation applied) and may keep values for the backward. */
export interface CpuForward {
  layer: LayerPlan;
  batch: number;
  x: Float64Array;
  training: boolean;
  params: Record<string, Float64Array>;
  /** Running statistics, updated in place in training. */
  stats: Record<string, Float64Array>;
  saved: Record<string, Float64Array>;
  /** Each row's one-hot label, as GpuForward.labels. */
  labels?: Float64Array;
}

export interface CpuBackward {
  layer: LayerPlan;
  batch: number;
  x: Float64Array;
  out: Float64Array;
  dpre: Float64Array;
  params: Record<string, Float64Array>;
  /** Views into the network's gradients: written, or added to when accumulate. */
  grads: Record<string, Float64Array>;
  accumulate: boolean;
  inputAct: ActivationOf;
  saved: Record<string, Float64Array>;
  labels?: Float64Array;
}

/** A weight seen as the matrix spectral normalisation bounds, PyTorch's [out, rest] (Miyato et al. 2018): element
 * (row, col) sits at row * rowStride + col * colStride of the weight tensor. */
export interface SpectralMatrix {
  rows: number;
  cols: number;
  rowStride: number;
  colStride: number;
}

export interface LayerKind {
  type: string;
  /** The spec's keys besides `type` (any other is refused, naming it). */
  keys: readonly string[];
  /** Checks the spec against its input (throwing an Error that names `field` and what is wrong) and resolves it. */
  plan(spec: LayerSpecBase, input: FeatureShape, field: string): Pick<LayerPlan, 'output' | 'act' | 'params' | 'stats'>;
  /** Layers that compute nothing (reshape, flatten) leave these out: their output is their input's buffer. */
  gpuForward?(f: GpuForward): Dispatch[];
  gpuBackward?(b: GpuBackward): Dispatch[];
  cpuForward?(f: CpuForward): Float64Array;
  /** Returns the gradient at the input (inputAct's derivative folded in). */
  cpuBackward?(b: CpuBackward): Float64Array;
  /** The layer's 'weight' as a matrix for spectral normalisation; absent where the kind cannot be normalised. */
  spectralMatrix?(layer: LayerPlan): SpectralMatrix;
  /** The kernels with variants this layer runs at `batch` rows, for the tuner (src/gpu/tuner.ts). */
  tuning?(layer: LayerPlan, batch: number, fused: boolean): TuningRequest[];
}
