// Convolutions as one matmul each (the '_gemm' and '_planar' variants of the conv kernels): the image is unfolded
// into columns (im2col) or folded back (col2im) around the engine's own linear kernels, so a convolution runs at the
// speed of the matmul. '_gemm': images pass to and from rows of channels by transposing passes, and each product runs
// whichever matmul variant the tuner chose for its shape; '_planar': the blocked matmul reads and writes the images
// in place (its PLANAR_X and PLANAR overrides), no transposing pass. Measured against each other and the direct
// kernels of shaders/conv.wgsl per adapter and shape by the tuner, like any variant (on SwiftShader the GEMM forms
// are 2-3x faster than the direct kernels on DCGAN's middle layers; the planar ones 1.3-1.8x faster again on its
// outer layers, README "Layers and convolutions").
//
// With P the positions of the strided side, T its taps (channels x K x K), W as PyTorch holds it:
//   conv2d            forward  cols (P, Cin K K) . W^T (Cin K K, Cout, transposed first) -> NCHW + b, act (the
//                              matmul's PLANAR store: no pass over the output after the product)
//                     dx       rows(dpre) (P, Cout) . W -> cols (P, Cin K K) -> col2im * act_in'(x)
//                     dw       rows(dpre)^T . cols(x) -> dW (Cout, Cin K K); db = channel sums of dpre
//   conv_transpose2d  forward  rows(x) (Q, Cin) . W (Cin, Cout K K) -> cols -> col2im + b, act
//                     dx       cols(dpre) (Q, Cout K K) . W^T -> rows (Q, Cin) -> NCHW * act_in'(x)
//                     dw       rows(x)^T . cols(dpre) -> dW (Cin, Cout K K); db = channel sums of dpre
// Every product is one of linear_forward (x . w), linear_backward_input (dpre . w^T) and linear_backward_weight
// (x^T . dpre), whose [in, out] weight is W's (Cout | Cin, rest) layout read as it lies, except in conv2d's forward,
// whose product is linear_forward (the kernel with the planar store) on W^T: W is small, the output is not.
// Their scratch (columns, rows) belongs to the composed dispatch; a variant whose scratch would not fit one binding
// of the device, or 256 MiB, is never run (Kernels.variantFor falls back to the direct kernel).
import type { BufferArg, KernelSpec } from './kernels.js';
import type { Workgroups } from './grid.js';
import type { Dispatch, Kernels, Overrides } from './registry.js';
import { BufferUsage } from './usage.js';

type Sizes = Record<string, number>;

export const convGemmParams = {
  struct: 'ConvGemmParams',
  fields: [
    ['batch', 'u32'], ['channels', 'u32'], ['img_h', 'u32'], ['img_w', 'u32'], ['pos_h', 'u32'], ['pos_w', 'u32'],
    ['kernel', 'u32'], ['stride', 'u32'], ['padding', 'u32'], ['accumulate', 'u32'], ['guard_bit', 'u32'], ['row_width', 'u32'],
  ],
} as const;

const imageItems = { items: (p: Sizes) => p.batch * p.channels * p.img_h * p.img_w, perGroup: 64 };

/** The helper kernels of shaders/conv_gemm.wgsl (registered in src/gpu/kernels.ts). */
export const convGemmHelperSpecs = [
  {
    name: 'conv_im2col', module: 'conv_gemm', bindings: { cols: 1, image: 2 }, params: convGemmParams, overrides: [],
    // an invocation per kernel row of a column (K floats)
    grid: { items: (p: Sizes) => p.batch * p.pos_h * p.pos_w * p.channels * p.kernel, perGroup: 64 },
  },
  { name: 'conv_col2im_forward', module: 'conv_gemm', bindings: { image: 1, cols: 2, b: 3 }, params: convGemmParams, overrides: ['ACT', 'ALPHA'], grid: imageItems },
  { name: 'conv_col2im_backward', module: 'conv_gemm', bindings: { image: 1, cols: 2, x: 4 }, params: convGemmParams, overrides: ['ACT_IN', 'ALPHA_IN'], grid: imageItems },
  { name: 'conv_image_to_rows', module: 'conv_gemm', bindings: { rows: 1, image: 2 }, params: convGemmParams, overrides: [], grid: imageItems },
  { name: 'conv_rows_to_image_forward', module: 'conv_gemm', bindings: { image: 1, rows: 2, b: 3 }, params: convGemmParams, overrides: ['ACT', 'ALPHA'], grid: imageItems },
  { name: 'conv_rows_to_image_backward', module: 'conv_gemm', bindings: { image: 1, rows: 2, x: 4 }, params: convGemmParams, overrides: ['ACT_IN', 'ALPHA_IN'], grid: imageItems },
  {
    name: 'conv_channel_sum', module: 'conv_gemm', bindings: { db: 5, guard: 6, image: 2 }, params: convGemmParams, overrides: [],
    dispatch: (p: Sizes): Workgroups => [p.channels, 1, 1],
  },
] as const;

/** The bytes one scratch buffer of a GEMM variant may take. */
export const MAX_GEMM_SCRATCH_BYTES = 2 ** 28;

type Direction = 'forward' | 'input' | 'weight';
/** One kernel of a variant; `exactly`: that kernel itself, never a tuned variant of it (which may lack an option). */
type Step = { kernel: string; buffers: Record<string, BufferArg | string>; params: Sizes; overrides?: Overrides; exactly?: boolean };

/** The steps of one variant: which kernels, on which buffers (a string names a scratch buffer: 'cols', 'rows',
 * 'zeros', 'unused'), with which sizes; and the scratch floats. */
function plan(transposed: boolean, direction: Direction, p: Sizes, overrides: Overrides, planar: boolean): { steps: Step[]; scratch: Record<string, number> } {
  const { batch, kernel, stride, padding } = p;
  // the strided side's positions and the image that is unfolded or folded (conv2d: x; conv_transpose2d: out)
  const [pos, img] = transposed
    ? [{ c: p.in_channels, h: p.in_h, w: p.in_w }, { c: p.out_channels, h: p.out_h, w: p.out_w }]
    : [{ c: p.out_channels, h: p.out_h, w: p.out_w }, { c: p.in_channels, h: p.in_h, w: p.in_w }];
  const positions = batch * pos.h * pos.w, taps = img.c * kernel * kernel;
  const unfold = { batch, channels: img.c, img_h: img.h, img_w: img.w, pos_h: pos.h, pos_w: pos.w, kernel, stride, padding };
  const asRows = { batch, channels: pos.c, img_h: pos.h, img_w: pos.w, pos_h: pos.h, pos_w: pos.w, kernel: 1, stride: 1, padding: 0 };
  const gemm = { batch: positions, in_features: pos.c, out_features: taps };
  const scratch = { cols: positions * taps, rows: positions * pos.c, zeros: taps, unused: taps, wt: taps * pos.c };
  const act = { ACT: overrides.ACT ?? 0, ALPHA: overrides.ALPHA ?? 0.2 };
  const actIn = { ACT_IN: overrides.ACT_IN ?? 0, ALPHA_IN: overrides.ALPHA_IN ?? 0.2 };
  if (direction === 'weight') {
    const guarded = { accumulate: p.accumulate ?? 0, guard_bit: p.guard_bit ?? 0 };
    // linear_backward_weight's bias gradient would be the columns' sums: it goes to 'unused' (never read; added to
    // when accumulating, as the real one is)
    const [rowsOf, colsOf] = transposed ? ['x', 'dpre'] : ['dpre', 'x'];
    const channelSum: Step = {
      kernel: 'conv_channel_sum', buffers: { db: 'db', guard: 'guard', image: 'dpre' },
      params: { batch, channels: p.out_channels, img_h: p.out_h, img_w: p.out_w, ...guarded },
    };
    if (planar) {
      // the strided side's image read in place as the product's x (PLANAR_X): no transposing pass
      return {
        steps: [
          { kernel: 'conv_im2col', buffers: { cols: 'cols', image: colsOf }, params: unfold },
          {
            kernel: 'linear_backward_weight', buffers: { dw: 'dw', db: 'unused', guard: 'guard', x: rowsOf, dpre: 'cols' }, exactly: true,
            params: { ...gemm, ...guarded, x_planes: pos.h * pos.w },
          },
          channelSum,
        ],
        scratch,
      };
    }
    const steps: Step[] = [
      { kernel: 'conv_image_to_rows', buffers: { rows: 'rows', image: rowsOf }, params: asRows },
      { kernel: 'conv_im2col', buffers: { cols: 'cols', image: colsOf }, params: unfold },
      { kernel: 'linear_backward_weight', buffers: { dw: 'dw', db: 'unused', guard: 'guard', x: 'rows', dpre: 'cols' }, params: { ...gemm, ...guarded } },
      channelSum,
    ];
    return { steps, scratch };
  }
  // Two shapes of product serve the forward and the input gradient (conv2d's forward is conv_transpose2d's input
  // gradient in form, and the other way round): unfold `image` into columns, one GEMM against W^T into rows, rows back
  // to NCHW in `into`; or `source` as rows, one GEMM against W into columns, columns folded back into `into`. The
  // last step fuses the bias and ACT (forward) or the derivative of ACT_IN at x (input gradient).
  const epilogue: { tensor: Record<string, string>; overrides: Overrides; suffix: string } = direction === 'forward'
    ? { tensor: { b: 'b' }, overrides: act, suffix: 'forward' } : { tensor: { x: 'x' }, overrides: actIn, suffix: 'backward' };
  const source = direction === 'forward' ? 'x' : 'dpre', into = direction === 'forward' ? 'out' : 'dx';
  const unfolding = transposed === (direction === 'input');
  if (planar && !transposed && direction === 'forward') {
    // conv2d's forward: the columns times W^T (W transposed first: out_channels x taps floats), written by the blocked
    // matmul straight into NCHW (its PLANAR store) with the bias and ACT: no pass over the output besides the product
    const wAsImage = { batch: 1, channels: pos.c, img_h: 1, img_w: taps, pos_h: 1, pos_w: taps, kernel: 1, stride: 1, padding: 0 };
    const steps: Step[] = [
      { kernel: 'conv_image_to_rows', buffers: { rows: 'wt', image: 'w' }, params: wAsImage },
      { kernel: 'conv_im2col', buffers: { cols: 'cols', image: source }, params: unfold },
      {
        kernel: 'linear_forward', buffers: { out: into, x: 'cols', w: 'wt', b: 'b' }, exactly: true, overrides: act,
        params: { batch: positions, in_features: taps, out_features: pos.c, planes: pos.h * pos.w },
      },
    ];
    return { steps, scratch };
  }
  if (planar && !unfolding) {
    // `source` read in place as the product's x (PLANAR_X), the columns folded back into `into`
    const steps: Step[] = [
      { kernel: 'linear_forward', buffers: { out: 'cols', x: source, w: 'w', b: 'zeros' }, params: { ...gemm, x_planes: pos.h * pos.w }, exactly: true },
      { kernel: `conv_col2im_${epilogue.suffix}`, buffers: { image: into, cols: 'cols', ...epilogue.tensor }, params: unfold, overrides: epilogue.overrides },
    ];
    return { steps, scratch };
  }
  const steps: Step[] = unfolding
    ? [
      { kernel: 'conv_im2col', buffers: { cols: 'cols', image: source }, params: unfold },
      { kernel: 'linear_backward_input', buffers: { dx: 'rows', dpre: 'cols', w: 'w', x: 'cols' }, params: gemm },
      { kernel: `conv_rows_to_image_${epilogue.suffix}`, buffers: { image: into, rows: 'rows', ...epilogue.tensor }, params: asRows, overrides: epilogue.overrides },
    ]
    : [
      { kernel: 'conv_image_to_rows', buffers: { rows: 'rows', image: source }, params: asRows },
      { kernel: 'linear_forward', buffers: { out: 'cols', x: 'rows', w: 'w', b: 'zeros' }, params: gemm },
      { kernel: `conv_col2im_${epilogue.suffix}`, buffers: { image: into, cols: 'cols', ...epilogue.tensor }, params: unfold, overrides: epilogue.overrides },
    ];
  return { steps, scratch };
}

/** The products the GEMM variants of a conv layer run for these params, for the tuner: measured before the variants
 * themselves, so that each variant is timed with its products' own best variants. */
export function convGemmProducts(transposed: boolean, p: Sizes): { name: 'linear_forward' | 'linear_backward_input' | 'linear_backward_weight'; params: Sizes }[] {
  // the row-layout plans' products (the planar plans run the blocked kernels as they are: Step.exactly)
  return (['forward', 'input', 'weight'] as const).flatMap((direction) => plan(transposed, direction, p, {}, false).steps)
    .filter((s) => s.kernel.startsWith('linear_'))
    .map((s) => ({ name: s.kernel as 'linear_forward', params: { batch: s.params.batch, in_features: s.params.in_features, out_features: s.params.out_features } }));
}

/** Whether a variant's scratch fits the device (and MAX_GEMM_SCRATCH_BYTES). */
function fits(transposed: boolean, direction: Direction, p: Sizes, limits: GPUSupportedLimits): boolean {
  const most = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize, MAX_GEMM_SCRATCH_BYTES);
  return Object.values(plan(transposed, direction, p, {}, false).scratch).every((floats) => floats * 4 <= most);
}

/** One variant: its steps prepared (each through Kernels.prepare, so the products run the tuner's choice; an
 * `exactly` step through prepareExactly) as one
 * Dispatch that owns its scratch. */
function compose(transposed: boolean, direction: Direction, planar: boolean) {
  return (kernels: Kernels, given: Record<string, BufferArg>, p: Sizes, overrides: Overrides, label: string): Dispatch => {
    const { steps, scratch } = plan(transposed, direction, p, overrides, planar);
    const used = new Set(steps.flatMap((s) => Object.values(s.buffers)).filter((b): b is string => typeof b === 'string' && b in scratch));
    const owned = new Map([...used].map((key) => [key, kernels.device.createBuffer({
      // whole vec4s: the linear kernels read their operands as vec4 views
      label: `${label}.${key}`, size: Math.max(16, Math.ceil(scratch[key as keyof typeof scratch] / 4) * 16), usage: BufferUsage.STORAGE,
    })]));
    const parts = steps.map((s, i) => {
      const buffers = Object.fromEntries(Object.entries(s.buffers).map(([binding, b]) => [binding, typeof b === 'string' ? owned.get(b) ?? given[b] : b]));
      const prepare = s.exactly ? kernels.prepareExactly.bind(kernels) : kernels.prepare.bind(kernels);
      return prepare(s.kernel as never, buffers as never, s.params as never, s.overrides ?? {}, `${label}.${i}.${s.kernel}`);
    });
    return {
      label,
      kernel: `${transposed ? 'conv_transpose2d' : 'conv2d'}_${direction === 'forward' ? 'forward' : `backward_${direction}`}_${planar ? 'planar' : 'gemm'}`,
      workgroups: parts[0].workgroups,
      passes: parts.reduce((n, d) => n + d.passes, 0),
      encode: (pass) => parts.forEach((d) => d.encode(pass)),
      setParams(changes) {
        if (Object.keys(changes).length) throw new Error(`${label}: a GEMM conv variant's params are fixed when it is prepared`);
      },
      destroy() {
        parts.forEach((d) => d.destroy());
        owned.forEach((b) => b.destroy());
      },
    };
  };
}

/** A variant's registry entry: the bindings, params and overrides of the conv kernel it stands for. `form`: 'gemm'
 * (the row-layout plan: its products run whichever matmul variant was chosen for their shapes) or 'planar' (the
 * images read and written in place by the blocked matmul: no transposing pass, but scalar reads of the planar
 * operand, so it wins where the product is small beside the image, as in DCGAN's outer layers; the tuner measures). */
export function convGemmVariant<S extends Pick<KernelSpec, 'bindings' | 'overrides'> & { name: string; params: NonNullable<KernelSpec['params']> }, F extends 'gemm' | 'planar'>(
  base: S, transposed: boolean, direction: Direction, form: F,
) {
  return {
    name: `${base.name}_${form}` as `${S['name']}_${F}`, module: 'conv_gemm', bindings: base.bindings, params: base.params,
    overrides: base.overrides, family: form,
    composite: compose(transposed, direction, form === 'planar'),
    fits: (p: Sizes, limits: GPUSupportedLimits) => fits(transposed, direction, p, limits),
  } as const satisfies Partial<KernelSpec>;
}
