// The registry entries of the convolution kernels (shaders/conv.wgsl: direct gathers) and of their GEMM variants
// (src/gpu/conv-gemm.ts: im2col or col2im around the linear kernels), which the tuner times against each other.
import { convGemmVariant } from './conv-gemm.js';
import { grid1d } from './grid.js';

export const convParams = {
  struct: 'ConvParams',
  fields: [
    ['batch', 'u32'], ['in_channels', 'u32'], ['in_h', 'u32'], ['in_w', 'u32'], ['out_channels', 'u32'], ['out_h', 'u32'],
    ['out_w', 'u32'], ['kernel', 'u32'], ['stride', 'u32'], ['padding', 'u32'], ['accumulate', 'u32'], ['guard_bit', 'u32'],
    ['row_width', 'u32'], ['slices', 'u32'],
  ],
} as const;
type Sizes = Record<string, number>;
/** Channels per invocation of the conv kernels (CB in shaders/conv.wgsl): 8 (the weight gradient: 4, measured
 * faster there on SwiftShader), fewer where there are fewer. */
export const convChannelBlock = (channels: number, most = 8): number => Math.min(most, channels >= 8 ? 8 : channels >= 4 ? 4 : channels >= 2 ? 2 : 1);
const convIn = (p: Sizes) => ({ c: p.in_channels, h: p.in_h, w: p.in_w });
const convOut = (p: Sizes) => ({ c: p.out_channels, h: p.out_h, w: p.out_w });
/** A gather writes `dst` in blocks of CB channels x 4 positions of a row: neighbours (strided), or 4 of one phase
 * of the stride (dilated: x0, x0 + s, ...; s phases). */
const gatherGrid = (dst: (p: Sizes) => { c: number; h: number; w: number }, dilated: boolean) => ({
  items: (p: Sizes) => {
    const d = dst(p), s = dilated ? p.stride : 1;
    return p.batch * d.h * s * Math.ceil(Math.ceil(d.w / s) / 4) * Math.ceil(d.c / convChannelBlock(d.c));
  },
  perGroup: 64,
});
const gatherOverrides = (channels: (p: Sizes) => number) => (p: Sizes) => ({ CB: convChannelBlock(channels(p)), KSIZE: p.kernel, STRIDE: p.stride });
/** The weight gradient's block (CB small-side channels x KB taps of a kernel row) and its slices of the batch: its
 * first pass has (dw's blocks + db's channels) x slices invocations, slices chosen for about 4096 of them (a first
 * layer with one input channel has few weights and long sums: parallel only across the batch), at most 32 and at
 * most one per row. */
export function convWeightBlock(p: Sizes, transposed: boolean): { CB: number; KB: number; blocks: number; slices: number } {
  const [sm, bg] = transposed ? [convIn(p), convOut(p)] : [convOut(p), convIn(p)];
  const CB = convChannelBlock(sm.c, 4), KB = p.kernel >= 3 ? 4 : 1;
  const blocks = Math.ceil(sm.c / CB) * bg.c * p.kernel * Math.ceil(p.kernel / KB);
  const slices = Math.max(1, Math.min(32, p.batch, Math.ceil(4096 / (blocks + p.out_channels))));
  return { CB, KB, blocks, slices };
}
const convWeightFloats = (p: Sizes) => p.in_channels * p.out_channels * p.kernel * p.kernel + p.out_channels;
const convWeightEntry = (transposed: boolean) => ({
  params: convParams, overrides: ['CB', 'KB'],
  derivedParams: (p: Sizes) => ({ slices: convWeightBlock(p, transposed).slices }),
  defaultOverrides: (p: Sizes) => {
    const { CB, KB } = convWeightBlock(p, transposed);
    return { CB, KB };
  },
  scratch: { binding: 13, floats: (p: Sizes) => p.slices * convWeightFloats(p) },
  passes: [
    {
      entry: transposed ? 'conv_transpose2d_backward_weight_partial' : 'conv2d_backward_weight_partial', uses: ['x', 'dpre'],
      dispatch: (p: Sizes) => grid1d((convWeightBlock(p, transposed).blocks + p.out_channels) * p.slices, 64).groups,
    },
    { entry: 'conv_backward_weight_reduce', uses: ['dw', 'db', 'guard'], dispatch: (p: Sizes) => grid1d(convWeightFloats(p), 64).groups },
  ],
});
/** What the tuner keys a conv kernel's choice by, and its multiply-adds times 2 (the same for all six kernels of a
 * layer: each is one GEMM of positions x taps x channels). */
const convShape = (p: Sizes) => `${p.batch}x${p.in_channels}x${p.in_h}x${p.in_w}-${p.out_channels}x${p.out_h}x${p.out_w}-k${p.kernel}s${p.stride}p${p.padding}`;
const convFlops = (transposed: boolean) => (p: Sizes) =>
  2 * p.batch * p.in_channels * p.out_channels * p.kernel * p.kernel * (transposed ? p.in_h * p.in_w : p.out_h * p.out_w);
const convFloats = (p: Sizes) => {
  const x = p.batch * p.in_channels * p.in_h * p.in_w, out = p.batch * p.out_channels * p.out_h * p.out_w;
  const w = p.in_channels * p.out_channels * p.kernel * p.kernel;
  return { out, x, w, b: p.out_channels, dx: x, dpre: out, dw: w, db: p.out_channels, guard: 1 };
};
const tuned = (transposed: boolean, ...variants: string[]) => ({
  variants, shapeKey: convShape, flops: convFlops(transposed), bindingFloats: convFloats,
});

export const convSpecs = [
  // the forward and input-gradient gathers write CB channels x 4 positions per invocation
  {
    name: 'conv2d_forward', module: 'conv', bindings: { out: 1, x: 2, w: 3, b: 4 }, params: convParams,
    overrides: ['ACT', 'ALPHA', 'CB', 'KSIZE', 'STRIDE'], grid: gatherGrid(convOut, false), defaultOverrides: gatherOverrides((p) => p.out_channels),
    ...tuned(false, 'conv2d_forward_gemm', 'conv2d_forward_planar'),
  },
  {
    // x is the layer's input, read for the ACT_IN derivative folded into dx
    name: 'conv2d_backward_input', module: 'conv', bindings: { dx: 1, dpre: 2, w: 3, x: 5 }, params: convParams,
    overrides: ['ACT_IN', 'ALPHA_IN', 'CB', 'KSIZE', 'STRIDE'], grid: gatherGrid(convIn, true), defaultOverrides: gatherOverrides((p) => p.in_channels),
    ...tuned(false, 'conv2d_backward_input_gemm', 'conv2d_backward_input_planar'),
  },
  {
    // also db, and the NaN guard over both (guard_bit 0: unchecked)
    name: 'conv2d_backward_weight', module: 'conv', bindings: { dw: 8, db: 9, guard: 10, dpre: [6, 11], x: 7 }, ...convWeightEntry(false),
    ...tuned(false, 'conv2d_backward_weight_gemm', 'conv2d_backward_weight_planar'),
  },
  {
    name: 'conv_transpose2d_forward', module: 'conv', bindings: { out: 1, x: 2, w: 3, b: 4 }, params: convParams,
    overrides: ['ACT', 'ALPHA', 'CB', 'KSIZE', 'STRIDE'], grid: gatherGrid(convOut, true), defaultOverrides: gatherOverrides((p) => p.out_channels),
    ...tuned(true, 'conv_transpose2d_forward_gemm', 'conv_transpose2d_forward_planar'),
  },
  {
    name: 'conv_transpose2d_backward_input', module: 'conv', bindings: { dx: 1, dpre: 2, w: 3, x: 5 }, params: convParams,
    overrides: ['ACT_IN', 'ALPHA_IN', 'CB', 'KSIZE', 'STRIDE'], grid: gatherGrid(convIn, false), defaultOverrides: gatherOverrides((p) => p.in_channels),
    ...tuned(true, 'conv_transpose2d_backward_input_gemm'),
  },
  {
    name: 'conv_transpose2d_backward_weight', module: 'conv', bindings: { dw: 8, db: 9, guard: 10, x: 6, dpre: [7, 11] }, ...convWeightEntry(true),
    ...tuned(true, 'conv_transpose2d_backward_weight_gemm', 'conv_transpose2d_backward_weight_planar'),
  },
] as const;

export const convGemmVariants = [
  convGemmVariant(convSpecs[0], false, 'forward', 'gemm'),
  convGemmVariant(convSpecs[1], false, 'input', 'gemm'),
  convGemmVariant(convSpecs[2], false, 'weight', 'gemm'),
  convGemmVariant(convSpecs[3], true, 'forward', 'gemm'),
  convGemmVariant(convSpecs[4], true, 'input', 'gemm'),
  convGemmVariant(convSpecs[5], true, 'weight', 'gemm'),
  // conv_transpose2d's input gradient has no planar form: its product is linear_backward_input, which has no planar store
  convGemmVariant(convSpecs[0], false, 'forward', 'planar'),
  convGemmVariant(convSpecs[1], false, 'input', 'planar'),
  convGemmVariant(convSpecs[2], false, 'weight', 'planar'),
  convGemmVariant(convSpecs[3], true, 'forward', 'planar'),
  convGemmVariant(convSpecs[5], true, 'weight', 'planar'),
] as const;
