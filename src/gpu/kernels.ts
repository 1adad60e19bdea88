// The kernel registry: one entry per WGSL entry point. The entry's name is the entry point, the registry key and
// the name of its CPU mirror in src/cpu. Argument order follows llm.c: outputs first, then inputs.
import type { ShaderModuleName } from './shaders.js';

export type ParamType = 'u32' | 'f32';
import type { Workgroups } from './grid.js';
import { grid1d } from './grid.js';
import { convGemmHelperSpecs } from './conv-gemm.js';
import { convGemmVariants, convSpecs } from './conv-specs.js';

export { grid1d, type Workgroups } from './grid.js';
export { convChannelBlock, convWeightBlock } from './conv-specs.js';

export interface KernelSpec {
  name: string;
  module: ShaderModuleName;
  /** Binding name -> binding number(s) in group 0 (binding 0 is always the params uniform). A name with several
   * numbers is one buffer seen through several read-only views (e.g. f32 and vec4). */
  bindings: Record<string, number | readonly number[]>;
  /** The uniform struct's name in the WGSL source and its fields, in declaration order. */
  params?: { struct: string; fields: readonly (readonly [string, ParamType])[] };
  /** Pipeline-overridable constants this entry accepts (numbers only; nothing else reaches shader source). */
  overrides: readonly string[];
  /** Workgroups to dispatch for the given params and overrides (derived from `grid` when the kernel has one). */
  dispatch?(params: Record<string, number>, overrides: Record<string, number>): Workgroups;
  /** A 1-D launch folded into 2-D past 65535 workgroups: how many items, and how many per workgroup. The registry
   * derives both the workgroups and the kernel's `row_width` param from it. */
  grid?: { items(params: Record<string, number>): number; perGroup: number };
  /** Overrides chosen from the params when the caller leaves them out. */
  defaultOverrides?(params: Record<string, number>): Record<string, number>;
  /** Other entries with this one's interface (bindings, params, cases) that compute the same thing another way: the
   * tuner (src/gpu/tuner.ts) times them per adapter and shape, and Kernels.prepare runs the one chosen. */
  variants?: readonly string[];
  /** The variant family an entry belongs to ('blocked' for the register-blocked kernels, 'tiled', ...): forcing a
   * family forces it for every kernel that has a member of it. */
  family?: string;
  /** Params the registry derives from the caller's (e.g. split-K's slices), merged before packing. */
  derivedParams?(params: Record<string, number>): Record<string, number>;
  /** Entries dispatched in order as one Dispatch (this entry's name is then the variant's, not an entry point), each
   * bound to the named buffers it uses and to `scratch`, a buffer of scratchFloats floats the dispatch owns. */
  passes?: readonly { entry: string; uses: readonly string[]; dispatch(params: Record<string, number>): Workgroups }[];
  scratch?: { binding: number; floats(params: Record<string, number>): number };
  /** What the tuner keys a choice by: the params that decide the speed (e.g. '64x784x256'). */
  shapeKey?(params: Record<string, number>): string;
  /** Floats each binding needs for these params, so the tuner can time the kernel on scratch buffers. */
  bindingFloats?(params: Record<string, number>): Record<string, number>;
  /** Multiply-adds times 2 for these params (the tuner leaves small shapes unmeasured); a linear kernel's by default. */
  flops?(params: Record<string, number>): number;
  /** A variant made of other kernels (src/gpu/conv-gemm.ts): builds its Dispatch instead of binding an entry point. */
  composite?(kernels: import('./registry.js').Kernels, buffers: Record<string, BufferArg>, params: Record<string, number>,
    overrides: Record<string, number>, label: string): import('./registry.js').Dispatch;
  /** Whether the variant can run these params on a device with these limits (else its kernel runs). */
  fits?(params: Record<string, number>, limits: GPUSupportedLimits): boolean;
}

const ceil = (a: number, b: number) => Math.max(1, Math.ceil(a / b));
/** A linear workgroup has 64 invocations, LANES_X across the output's columns, each computing 8 x 8 outputs
 * (8 consecutive columns, or 8 columns LANES_X apart): a block of 512 / LANES_X rows by 8 LANES_X columns
 * (shaders/linear.wgsl). */
export const LANE_CHOICES = [1, 2, 4, 8, 16] as const;

/** The fewest lanes across that still cover `cols` columns in one block (16 for anything wider than 64). */
export function lanesFor(cols: number): number {
  return LANE_CHOICES.find((l) => 8 * l >= cols) ?? 16;
}

function linearGrid(rows: number, cols: number, overrides: Record<string, number>): Workgroups {
  const lanes = overrides.LANES_X ?? 16;
  return [ceil(cols, 8 * lanes), ceil(rows, 512 / lanes), 1];
}



const linearParams = {
  struct: 'LinearParams',
  fields: [
    ['batch', 'u32'], ['in_features', 'u32'], ['out_features', 'u32'], ['accumulate', 'u32'], ['guard_bit', 'u32'], ['slices', 'u32'],
    ['planes', 'u32'], ['x_planes', 'u32'],
  ],
} as const;
/** The linear kernels' tuning facts, shared by each kernel and its variants. */
const linearShape = (p: Record<string, number>) => `${p.batch}x${p.in_features}x${p.out_features}`;
const linearFloats = (p: Record<string, number>) => {
  const [B, K, N] = [p.batch, p.in_features, p.out_features];
  return { out: B * N, x: B * K, w: K * N, b: N, dx: B * K, dpre: B * N, dw: K * N, db: N, guard: 1 };
};
const tiledGrid = (rows: number, cols: number): Workgroups => [ceil(cols, 64), ceil(rows, 64), 1];
/** Split-K's slices of the batch: none while dw has 256 tiles of 64 x 64 or more (enough workgroups already); else
 * one per 128 rows, at most 32, and at most 2^24 floats of partials. */
export function splitSlices(p: Record<string, number>): number {
  const tiles = Math.ceil(p.in_features / 64) * Math.ceil(p.out_features / 64);
  if (tiles >= 256) return 1;
  const byScratch = Math.floor(2 ** 24 / (p.in_features * p.out_features + p.out_features));
  return Math.max(1, Math.min(32, Math.floor(p.batch / 128), byScratch));
}
/** The weight gradients' grids have one more row of workgroups: they sum the bias gradient (shaders/linear.wgsl). */
const withBiasRow = ([x, y, z]: Workgroups): Workgroups => [x, y + 1, z];

const optimParams = {
  struct: 'OptimParams',
  fields: [
    ['n', 'u32'], ['row_width', 'u32'], ['lr', 'f32'], ['beta1', 'f32'], ['beta2', 'f32'], ['eps', 'f32'],
    ['weight_decay', 'f32'], ['counter_index', 'u32'],
  ],
} as const;
const rngParams = {
  struct: 'RngParams',
  fields: [
    ['n', 'u32'], ['row_width', 'u32'], ['stream', 'u32'], ['seed_lo', 'u32'], ['seed_hi', 'u32'], ['range', 'u32'],
    ['a', 'f32'], ['b', 'f32'], ['draw_offset', 'u32'], ['cols', 'u32'], ['out_index', 'u32'],
  ],
} as const;
/** Columns of a row each rng_gather_rows invocation copies: GATHER_COLS in shaders/rng.wgsl. */
const GATHER_COLS = 16;

const parzenParams = {
  struct: 'ParzenParams',
  fields: [['points', 'u32'], ['samples', 'u32'], ['dims', 'u32'], ['widths', 'u32'], ['row_width', 'u32']],
} as const;
/** parzen_forward evaluates this many window widths in one pass (shaders/parzen.wgsl). */
export const PARZEN_MAX_WIDTHS = 16;

const batchNormParams = {
  struct: 'BatchNormParams',
  fields: [
    ['batch', 'u32'], ['channels', 'u32'], ['plane', 'u32'], ['training', 'u32'], ['momentum', 'f32'], ['eps', 'f32'],
    ['accumulate', 'u32'], ['guard_bit', 'u32'],
  ],
} as const;

const perBlockOf4 = { items: (p: Record<string, number>) => Math.ceil(p.n / 4), perGroup: 64 };
const single = (): Workgroups => [1, 1, 1];
const penaltyParams = {
  struct: 'PenaltyParams',
  fields: [['n', 'u32'], ['dims', 'u32'], ['mode', 'u32'], ['weight', 'f32'], ['loss_index', 'u32'], ['has_primal', 'u32'], ['row_width', 'u32']],
} as const;
const perItem = { items: (p: Record<string, number>) => p.n * p.dims, perGroup: 64 };
const perElement = { items: (p: Record<string, number>) => p.n, perGroup: 64 };
const softmaxParams = {
  struct: 'SoftmaxParams',
  fields: [
    ['n', 'u32'], ['classes', 'u32'], ['scale', 'f32'], ['accumulate', 'u32'], ['loss_index', 'u32'], ['row_stride', 'u32'],
    ['first_column', 'u32'], ['fake_rows', 'u32'],
  ],
} as const;
const projectionParams = {
  struct: 'ProjectionParams',
  fields: [['batch', 'u32'], ['features', 'u32'], ['classes', 'u32'], ['accumulate', 'u32'], ['guard_bit', 'u32'], ['row_width', 'u32']],
} as const;
const spectralParams = {
  struct: 'SpectralParams',
  fields: [
    ['rows', 'u32'], ['cols', 'u32'], ['row_stride', 'u32'], ['col_stride', 'u32'], ['weight_offset', 'u32'], ['bias_offset', 'u32'],
    ['bias_size', 'u32'], ['u_offset', 'u32'], ['v_offset', 'u32'], ['iterate', 'u32'], ['sigma_index', 'u32'],
  ],
} as const;
// both GAN loss kernels (shaders/loss.wgsl): the mode picks the loss; D's batch is fake_rows fakes then its reals
const lossParams = {
  struct: 'BceParams',
  fields: [
    ['n', 'u32'], ['mode', 'u32'], ['target_label', 'f32'], ['scale', 'f32'], ['accumulate', 'u32'], ['loss_index', 'u32'],
    ['offset', 'u32'], ['fake_rows', 'u32'], ['means', 'u32'], ['mean_index', 'u32'], ['stride', 'u32'],
  ],
} as const;

/** The register-blocked linear kernels' layout overrides (shaders/linear.wgsl): whether rows of in_features and of
 * out_features are whole vec4, from the sizes, so each pipeline compiles only the paths those sizes take. */
const vec4Overrides = ['IN_VEC4', 'OUT_VEC4', 'PLANAR_X'] as const;
const vec4Layout = (p: Record<string, number>) => ({
  // a planar x (x_planes > 0: images in NCHW read as rows of positions) is read by scalars
  IN_VEC4: p.in_features % 4 === 0 && !(p.x_planes > 0) ? 1 : 0, OUT_VEC4: p.out_features % 4 === 0 ? 1 : 0, PLANAR_X: p.x_planes > 0 ? 1 : 0,
});

export const kernelSpecs = [
  {
    name: 'linear_forward', module: 'linear', bindings: { out: 1, x: [2, 10], w: [3, 11], b: 4 }, params: linearParams,
    overrides: ['ACT', 'ALPHA', 'LANES_X', 'PLANAR', ...vec4Overrides], dispatch: (p, o) => linearGrid(p.batch, p.out_features, o),
    defaultOverrides: (p) => ({ LANES_X: lanesFor(p.out_features), ...vec4Layout(p), PLANAR: p.planes > 0 ? 1 : 0 }),
    variants: ['linear_forward_tiled'], family: 'blocked', shapeKey: linearShape, bindingFloats: linearFloats,
  },
  {
    name: 'linear_forward_tiled', module: 'linear', bindings: { out: 13, x: 14, w: 15, b: 4 }, params: linearParams,
    overrides: ['ACT', 'ALPHA'], dispatch: (p) => tiledGrid(p.batch, p.out_features), family: 'tiled',
  },
  {
    // x is the layer's input, read for the ACT_IN derivative folded into dx (bind any read-only buffer when ACT_IN is 0)
    name: 'linear_backward_input', module: 'linear', bindings: { dx: 5, dpre: [6, 12], w: [3, 11], x: [2, 10] }, params: linearParams,
    overrides: ['ACT_IN', 'ALPHA_IN', 'LANES_X', ...vec4Overrides], dispatch: (p, o) => linearGrid(p.batch, p.in_features, o),
    defaultOverrides: (p) => ({ LANES_X: lanesFor(p.in_features), ...vec4Layout(p) }),
    variants: ['linear_backward_input_tiled'], family: 'blocked', shapeKey: linearShape, bindingFloats: linearFloats,
  },
  {
    name: 'linear_backward_input_tiled', module: 'linear', bindings: { dx: 13, dpre: 14, w: 15, x: 2 }, params: linearParams,
    overrides: ['ACT_IN', 'ALPHA_IN'], dispatch: (p) => tiledGrid(p.batch, p.in_features), family: 'tiled',
  },
  {
    // also the bias gradient db, and the NaN guard over both (guard_bit 0: unchecked)
    name: 'linear_backward_weight', module: 'linear', bindings: { dw: 8, db: 9, guard: 7, x: [2, 10], dpre: [6, 12] },
    params: linearParams, overrides: ['LANES_X', ...vec4Overrides],
    dispatch: (p, o) => withBiasRow(linearGrid(p.in_features, p.out_features, o)),
    defaultOverrides: (p) => ({ LANES_X: lanesFor(p.out_features), ...vec4Layout(p) }),
    variants: ['linear_backward_weight_tiled', 'linear_backward_weight_split'], family: 'blocked', shapeKey: linearShape,
    bindingFloats: linearFloats,
  },
  {
    // split-K (shaders/linear_splitk.wgsl): partial products per slice of the batch, then their sum, in one Dispatch
    name: 'linear_backward_weight_split', module: 'linear', bindings: { dw: 8, db: 9, guard: 7, x: 2, dpre: 6 },
    params: linearParams, overrides: [], family: 'splitk',
    derivedParams: (p) => ({ slices: splitSlices(p) }),
    scratch: { binding: 16, floats: (p) => p.slices * (p.in_features * p.out_features + p.out_features) },
    passes: [
      {
        entry: 'linear_backward_weight_splitk', uses: ['x', 'dpre'],
        dispatch: (p) => [ceil(p.out_features, 64), ceil(p.in_features, 64) + 1, p.slices],
      },
      {
        entry: 'linear_backward_weight_reduce', uses: ['dw', 'db', 'guard'],
        dispatch: (p) => grid1d(p.in_features * p.out_features + p.out_features, 64).groups,
      },
    ],
  },
  {
    name: 'linear_backward_weight_tiled', module: 'linear', bindings: { dw: 8, db: 9, guard: 7, x: 2, dpre: 6 },
    params: linearParams, overrides: [], dispatch: (p) => withBiasRow(tiledGrid(p.in_features, p.out_features)), family: 'tiled',
  },
  {
    // a layer's whole backward in one dispatch: dw and db as linear_backward_weight (accumulate, guard_bit), and dx
    // as linear_backward_input (always overwritten); 10 storage bindings (8 for the tiled variant)
    name: 'linear_backward', module: 'linear',
    bindings: { dx: 5, dw: 8, db: 9, guard: 7, x: [2, 10], w: [3, 11], dpre: [6, 12] }, params: linearParams,
    overrides: ['ACT_IN', 'ALPHA_IN', 'LANES_X', 'LANES_IN', ...vec4Overrides],
    // dw's blocks, a row of them for db, dx's blocks: one list (shaders/linear_backward.wgsl, place())
    dispatch: (p, o) => {
      const [wx, wy] = linearGrid(p.in_features, p.out_features, o);
      const [ix, iy] = linearGrid(p.batch, p.in_features, { LANES_X: o.LANES_IN ?? 16 });
      return grid1d(wx * (wy + 1) + ix * iy, 1).groups;
    },
    defaultOverrides: (p) => ({ LANES_X: lanesFor(p.out_features), LANES_IN: lanesFor(p.in_features), ...vec4Layout(p) }),
    variants: ['linear_backward_tiled'], family: 'blocked', shapeKey: linearShape, bindingFloats: linearFloats,
  },
  {
    name: 'linear_backward_tiled', module: 'linear', bindings: { dx: 13, dw: 8, db: 9, guard: 7, x: 2, w: 15, dpre: [14, 6] },
    params: linearParams, overrides: ['ACT_IN', 'ALPHA_IN'], family: 'tiled',
    dispatch: (p) => grid1d(ceil(p.out_features, 64) * (ceil(p.in_features, 64) + 1) + ceil(p.in_features, 64) * ceil(p.batch, 64), 1).groups,
  },
  ...convSpecs,
  ...convGemmVariants,
  ...convGemmHelperSpecs,
  // batch_norm.wgsl: one workgroup per channel
  {
    name: 'batch_norm_forward', module: 'batch_norm',
    bindings: { out: 1, x: 2, gamma: 3, beta: 4, running_mean: 5, running_var: 6, saved: 7 }, params: batchNormParams,
    overrides: ['ACT', 'ALPHA'], dispatch: (p) => [p.channels, 1, 1],
  },
  {
    name: 'batch_norm_backward', module: 'batch_norm',
    bindings: { dx: 8, dpre: 9, x: 2, gamma: 3, saved: 10, dgamma: 11, dbeta: 12, guard: 13 }, params: batchNormParams,
    overrides: ['ACT_IN', 'ALPHA_IN'], dispatch: (p) => [p.channels, 1, 1],
  },
  { name: 'sigmoid_bce_forward_backward', module: 'loss', bindings: { dlogits: 1, loss: 2, logits: 3 }, params: lossParams, overrides: [], dispatch: single },
  // least-squares, hinge and Wasserstein, on D's raw output (gan_loss_modes)
  { name: 'gan_loss_forward_backward', module: 'loss', bindings: { dlogits: 1, loss: 2, logits: 3 }, params: lossParams, overrides: [], dispatch: single },
  // gradient penalties and their double backward (shaders/penalty.wgsl)
  { name: 'penalty_points', module: 'penalty', bindings: { out: 1, rows: 2, eps: 3 }, params: penaltyParams, overrides: [], grid: perItem },
  { name: 'gradient_penalty', module: 'penalty', bindings: { u: 1, metrics: 2, g: 3 }, params: penaltyParams, overrides: [], dispatch: single },
  { name: 'activation_tangent', module: 'penalty', bindings: { out: 1, t: 3, h: 4 }, params: penaltyParams, overrides: ['ACT_IN', 'ALPHA_IN'], grid: perElement },
  {
    name: 'activation_second_adjoint', module: 'penalty', bindings: { abar: 1, adotbar: 2, hbar: 3, hdotbar: 4, adot: 5, h: 6 },
    params: penaltyParams, overrides: ['ACT_IN', 'ALPHA_IN'], grid: perElement,
  },
  // a projection discriminator's class term, after linear_forward of D's last layer (shaders/projection.wgsl)
  { name: 'projection_forward', module: 'projection', bindings: { out: 1, x: 2, embed: 3, labels: 4 }, params: projectionParams, overrides: [],
    grid: { items: (p) => p.batch, perGroup: 64 } },
  { name: 'projection_backward_input', module: 'projection', bindings: { dx: 5, dpre: 6, x: 2, embed: 3, labels: 4 }, params: projectionParams,
    overrides: ['ACT_IN', 'ALPHA_IN'], grid: { items: (p) => p.batch * p.features, perGroup: 64 } },
  { name: 'projection_backward_embed', module: 'projection', bindings: { dembed: 8, guard: 7, dpre: 6, x: 2, labels: 4 }, params: projectionParams,
    overrides: [], grid: { items: (p) => p.classes * p.features, perGroup: 64 } },
  // spectral normalisation of one layer's weight (shaders/spectral.wgsl): one workgroup per layer
  { name: 'spectral_norm_forward', module: 'spectral', bindings: { weight_sn: 1, u: 2, v: 3, sigma: 4, weight: 5 }, params: spectralParams, overrides: [], dispatch: single },
  { name: 'spectral_norm_backward', module: 'spectral', bindings: { grad: 1, u: 2, v: 3, sigma: 4, weight_sn: 5 }, params: spectralParams, overrides: [], dispatch: single },
  {
    // a classifier's loss: n rows of `classes` logits, labels as whole floats (shaders/softmax.wgsl)
    name: 'softmax_ce_forward_backward', module: 'softmax', bindings: { dlogits: 1, metrics: 2, logits: 3, labels: 4 },
    params: softmaxParams, overrides: [], dispatch: single,
  },
  {
    // an ACGAN's classifier loss on D's class columns, labels as one-hot rows, a mean per half (shaders/softmax.wgsl)
    name: 'auxiliary_ce_forward_backward', module: 'softmax', bindings: { dlogits: 1, metrics: 2, logits: 3, labels: 4 },
    params: softmaxParams, overrides: [], dispatch: single,
  },
  {
    // the float buffers are viewed as vec4: each must hold ceil(n / 4) * 4 floats (createStorage rounds up to 16 bytes)
    name: 'sgd_momentum_step', module: 'optim', bindings: { param: 1, velocity: 2, grad: 4, guard: 6 }, params: optimParams,
    overrides: [], grid: perBlockOf4,
  },
  {
    // the moving average of G's weights: ema (bound as the optimizers' first moment) toward param, decay in beta1
    name: 'ema_update', module: 'optim', bindings: { param: 1, ema: 2, guard: 6 }, params: optimParams,
    overrides: [], grid: perBlockOf4,
  },
  {
    name: 'adam_step', module: 'optim', bindings: { param: 1, m: 2, v: 3, grad: 4, counters: 5, guard: 6 }, params: optimParams,
    overrides: [], grid: perBlockOf4,
  },
  {
    name: 'step_commit', module: 'step',
    bindings: { counters: 1, guard: 2, rng_state: 3, metrics: 4, ring: 5, ring_state: 6 },
    params: {
      struct: 'StepParams',
      fields: [['counter_index', 'u32'], ['beta1', 'f32'], ['beta2', 'f32'], ['guard_bit', 'u32'], ['metrics_n', 'u32'], ['ring_slots', 'u32']],
    },
    overrides: [], dispatch: single,
  },
  { name: 'rng_uniform', module: 'rng', bindings: { out: 1, rng_state: 3 }, params: rngParams, overrides: [], grid: perBlockOf4 },
  { name: 'rng_normal', module: 'rng', bindings: { out: 1, rng_state: 3 }, params: rngParams, overrides: [], grid: perBlockOf4 },
  {
    // n rows of cols values then range one-hot columns (a: a fixed label, or < 0 to draw them); data: n rows of cols
    name: 'rng_onehot_rows', module: 'rng', bindings: { out: 1, data: 4, rng_state: 3 }, params: rngParams, overrides: [],
    grid: { items: (p) => p.n * (p.cols + p.range), perGroup: 64 },
  },
  // the first cols of n rows that are range wide (no draw)
  { name: 'take_columns', module: 'rng', bindings: { out: 1, data: 4 }, params: rngParams, overrides: [], grid: { items: (p) => p.n * p.cols, perGroup: 64 } },
  {
    // n rows of cols values; range: the rows of data
    name: 'rng_gather_rows', module: 'rng', bindings: { out: 1, data: 4, rng_state: 3 }, params: rngParams, overrides: [],
    grid: { items: (p) => p.n * Math.ceil(p.cols / GATHER_COLS), perGroup: 64 },
  },
  { name: 'rng_advance', module: 'rng', bindings: { rng_state: 3 }, overrides: [], dispatch: single },
  {
    name: 'row_sq_norm_forward', module: 'parzen', bindings: { out: 1, x: 2 }, params: parzenParams, overrides: [],
    grid: { items: (p: Record<string, number>) => p.points, perGroup: 256 },
  },
  {
    name: 'parzen_forward', module: 'parzen', bindings: { out: 1, dots: 3, x_sq: 4, s_sq: 5, sigmas: 6 }, params: parzenParams,
    overrides: [], dispatch: (p) => [p.points, 1, 1],
  },
] as const satisfies readonly KernelSpec[];

export type KernelName = (typeof kernelSpecs)[number]['name'];
type SpecOf<N extends KernelName> = Extract<(typeof kernelSpecs)[number], { name: N }>;
/** A whole buffer, or a range of one (offset a multiple of minStorageBufferOffsetAlignment, 256 by default). */
export type BufferArg = GPUBuffer | GPUBufferBinding;
export type BindingsOf<N extends KernelName> = { [B in keyof SpecOf<N>['bindings']]: BufferArg };
export type ParamsOf<N extends KernelName> = SpecOf<N> extends { params: { fields: readonly (readonly [infer F extends string, ParamType])[] } }
  ? { [K in F]?: number }
  : Record<string, never>;

export const activationCodes = { identity: 0, relu: 1, leaky_relu: 2, tanh: 3, sigmoid: 4 } as const;
export type Activation = keyof typeof activationCodes;
export const bceModes = { bce: 0, minimax_generator: 1, non_saturating_generator: 2 } as const;
export type BceMode = keyof typeof bceModes;
export const ganLossModes = {
  least_squares_discriminator: 0, least_squares_generator: 1, hinge_discriminator: 2, wasserstein_discriminator: 3, critic_generator: 4,
} as const;
export type GanLossMode = keyof typeof ganLossModes;
