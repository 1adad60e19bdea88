// The convolution benchmark: GFLOP/s of each conv kernel (forward, input gradient, weight gradient), as its direct
// gather and as its GEMM variant (the tuner picks one per adapter and shape), on the layers of dcganConfig() at batch 64, beside the engine's matmul (linear_forward) on the GEMM of the same size (M = positions
// x batch, K = the taps one output sums, N = output channels): the same FLOPs on the same adapter, in the same run.
import { createStorage, kernelSpec, Kernels, variantsOf, type Dispatch, type KernelName } from '../src/kernels';
import { measure } from './timing';

export interface ConvRow {
  layer: string;
  kernel: string;
  ms: number;
  gflops: number;
  /** The matmul's GFLOP/s at the same M x K x N, and the conv's share of it. */
  matmulGflops: number;
  share: number;
}

interface ConvLayer { name: string; transposed: boolean; cin: number; cout: number; side: number }

/** dcganConfig()'s convolutions (width w: 64 as in the paper), all kernel 4, stride 2, padding 1. */
export const dcganConvs = (w = 64): ConvLayer[] => [
  { name: `D conv 1->${w} 28->14`, transposed: false, cin: 1, cout: w, side: 28 },
  { name: `D conv ${w}->${2 * w} 14->7`, transposed: false, cin: w, cout: 2 * w, side: 14 },
  { name: `G convT ${2 * w}->${w} 7->14`, transposed: true, cin: 2 * w, cout: w, side: 7 },
  { name: `G convT ${w}->1 14->28`, transposed: true, cin: w, cout: 1, side: 14 },
];

const fill = (n: number) => Float32Array.from({ length: n }, (_, i) => ((i * 2654435761) % 1000) / 1000 - 0.5);

export async function benchConv(device: GPUDevice, opts: { batch?: number; width?: number; quick?: boolean } = {}): Promise<ConvRow[]> {
  const kernels = new Kernels(device);
  const batch = opts.batch ?? 64;
  const timing = opts.quick ? { trials: 1, targetMs: 5 } : { trials: 3, targetMs: 300 };
  const rows: ConvRow[] = [];
  for (const l of dcganConvs(opts.width)) {
    const outSide = l.transposed ? l.side * 2 : l.side / 2;
    const p = {
      batch, in_channels: l.cin, in_h: l.side, in_w: l.side, out_channels: l.cout, out_h: outSide, out_w: outSide,
      kernel: 4, stride: 2, padding: 1,
    };
    const inSize = batch * l.cin * l.side * l.side, outSize = batch * l.cout * outSide * outSide;
    // the GEMM of the same work: one row per output position, each summing cin x 16 / (4 when transposed) taps
    const gemm = { batch: batch * outSide * outSide, in_features: (l.cin * 16) / (l.transposed ? 4 : 1), out_features: l.cout };
    const flops = 2 * gemm.batch * gemm.in_features * gemm.out_features;
    const b = {
      x: createStorage(device, 'x', fill(inSize)), w: createStorage(device, 'w', fill(l.cin * l.cout * 16)), bias: createStorage(device, 'b', fill(l.cout)),
      out: createStorage(device, 'out', outSize), dpre: createStorage(device, 'dpre', fill(outSize)), dx: createStorage(device, 'dx', inSize),
      dw: createStorage(device, 'dw', l.cin * l.cout * 16), db: createStorage(device, 'db', l.cout), guard: createStorage(device, 'guard', 1),
      gx: createStorage(device, 'gemm x', fill(gemm.batch * gemm.in_features)), gw: createStorage(device, 'gemm w', fill(gemm.in_features * gemm.out_features)),
      gout: createStorage(device, 'gemm out', gemm.batch * gemm.out_features),
    };
    const type = l.transposed ? 'conv_transpose2d' : 'conv2d';
    const time = async (d: Dispatch) => {
      const { msPerRep } = await measure(device, (pass) => d.encode(pass), timing);
      d.destroy();
      return msPerRep;
    };
    const matmulMs = await time(kernels.prepareExactly('linear_forward', { out: b.gout, x: b.gx, w: b.gw, b: b.bias }, gemm));
    const matmulGflops = flops / (matmulMs * 1e6);
    const buffers = {
      forward: { out: b.out, x: b.x, w: b.w, b: b.bias },
      backward_input: { dx: b.dx, dpre: b.dpre, w: b.w, x: b.x },
      backward_weight: { dw: b.dw, db: b.db, guard: b.guard, dpre: b.dpre, x: b.x },
    };
    // each kernel as its direct gather and as its GEMM variant (src/gpu/conv-gemm.ts), where that fits the device
    for (const [direction, bound] of Object.entries(buffers)) {
      for (const kernel of variantsOf(`${type}_${direction}`)) {
        if (kernelSpec(kernel).fits?.(p, device.limits) === false) continue;
        const ms = await time(kernels.prepareExactly(kernel as KernelName, bound as never, p as never));
        const gflops = flops / (ms * 1e6);
        rows.push({ layer: l.name, kernel, ms, gflops, matmulGflops, share: gflops / matmulGflops });
      }
    }
    Object.values(b).forEach((buffer) => buffer.destroy());
  }
  return rows;
}
