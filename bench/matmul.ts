// The matmul benchmark: GFLOP/s of every variant of the engine's linear kernels (register-blocked, workgroup-tiled)
// at square shapes and at the GAN's shapes, beside a naive one-output-per-invocation kernel in the same run on the
// same adapter.
import { BufferUsage, createStorage, Kernels, variantsOf, type Dispatch } from '../src/kernels';
import naiveSource from './naive-matmul.wgsl?raw';
import { measure } from './timing';

export interface MatmulRow {
  kernel: string;
  shape: string; // M x K x N of the product
  ms: number;
  gflops: number;
  reps: number;
}

type Shape = { batch: number; inF: number; outF: number };

const fill = (n: number) => Float32Array.from({ length: n }, (_, i) => ((i * 2654435761) % 1000) / 1000 - 0.5);

function naiveDispatch(device: GPUDevice, bufs: Record<string, GPUBuffer>, s: Shape): Dispatch {
  const module = device.createShaderModule({ label: 'naive-matmul.wgsl', code: naiveSource });
  const pipeline = device.createComputePipeline({ label: 'naive_matmul', layout: 'auto', compute: { module, entryPoint: 'naive_matmul' } });
  const uniform = device.createBuffer({ label: 'naive.params', size: 16, usage: BufferUsage.UNIFORM | BufferUsage.COPY_DST });
  device.queue.writeBuffer(uniform, 0, new Uint32Array([s.batch, s.inF, s.outF, 0]));
  const bindGroup = device.createBindGroup({
    label: 'naive_matmul', layout: pipeline.getBindGroupLayout(0),
    entries: [uniform, bufs.out, bufs.x, bufs.w, bufs.b].map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  const workgroups: [number, number, number] = [Math.ceil(s.outF / 16), Math.ceil(s.batch / 16), 1];
  return {
    label: 'naive_matmul', kernel: 'naive_matmul', workgroups, passes: 1,
    setParams() { throw new Error('naive_matmul: params are fixed'); },
    encode(pass) { pass.setPipeline(pipeline); pass.setBindGroup(0, bindGroup); pass.dispatchWorkgroups(...workgroups); },
    destroy() { uniform.destroy(); },
  };
}

/** The shapes of the default run (SwiftShader-sized) and of the GPU run (`npm run bench -- gpu`). */
export const MATMUL_SHAPES = {
  quick: [{ batch: 16, inF: 32, outF: 16 }],
  default: [{ batch: 512, inF: 512, outF: 512 }, { batch: 64, inF: 784, outF: 256 }, { batch: 64, inF: 256, outF: 256 },
    { batch: 64, inF: 256, outF: 784 }],
  gpu: [512, 1024, 2048, 4096].map((n) => ({ batch: n, inF: n, outF: n }))
    .concat([{ batch: 64, inF: 784, outF: 256 }, { batch: 64, inF: 256, outF: 784 }, { batch: 4096, inF: 784, outF: 256 },
      { batch: 16384, inF: 784, outF: 256 }]),
} satisfies Record<string, Shape[]>;

/** Every variant of each linear kernel (linear_forward, linear_forward_tiled, ...) timed on each shape, and the naive
 * kernel where `naive` (it is slow: on a GPU at 4096^3, minutes). */
export async function benchMatmul(device: GPUDevice, opts: { quick?: boolean; shapes?: Shape[]; naive?: boolean } = {}): Promise<MatmulRow[]> {
  const kernels = new Kernels(device);
  const shapes = opts.shapes ?? (opts.quick ? MATMUL_SHAPES.quick : MATMUL_SHAPES.default);
  const rows: MatmulRow[] = [];
  const timing = opts.quick ? { trials: 1, targetMs: 5 } : { trials: 5, targetMs: 400 };
  for (const s of shapes) {
    const bufs = {
      x: createStorage(device, 'x', fill(s.batch * s.inF)), w: createStorage(device, 'w', fill(s.inF * s.outF)),
      b: createStorage(device, 'b', fill(s.outF)), out: createStorage(device, 'out', s.batch * s.outF),
      dout: createStorage(device, 'dout', fill(s.batch * s.outF)), dx: createStorage(device, 'dx', s.batch * s.inF),
      dw: createStorage(device, 'dw', s.inF * s.outF), db: createStorage(device, 'db', s.outF), guard: createStorage(device, 'guard', 1),
    };
    const params = { batch: s.batch, in_features: s.inF, out_features: s.outF };
    const flops = 2 * s.batch * s.inF * s.outF;
    const forward = `${s.batch}x${s.inF}x${s.outF}`, input = `${s.batch}x${s.outF}x${s.inF}`, weight = `${s.inF}x${s.batch}x${s.outF}`;
    // [kernel, shape, make, products]: linear_backward computes two products (dw and dx) in its one dispatch
    const candidates: [string, string, () => Dispatch, number?][] = [
      ...(opts.naive === false ? [] : [['naive_matmul', forward, () => naiveDispatch(device, bufs, s)] as [string, string, () => Dispatch]]),
      ...variantsOf('linear_forward').map((v): [string, string, () => Dispatch] => [v, forward, () =>
        kernels.prepareExactly(v as 'linear_forward', { out: bufs.out, x: bufs.x, w: bufs.w, b: bufs.b }, params)]),
      ...variantsOf('linear_backward_input').map((v): [string, string, () => Dispatch] => [v, input, () =>
        kernels.prepareExactly(v as 'linear_backward_input', { dx: bufs.dx, dpre: bufs.dout, w: bufs.w, x: bufs.x }, params)]),
      ...variantsOf('linear_backward_weight').map((v): [string, string, () => Dispatch] => [v, weight, () =>
        // the weight gradient sums the bias gradient too (B N adds, next to the 2 B K N of the FLOP count)
        kernels.prepareExactly(v as 'linear_backward_weight', { dw: bufs.dw, db: bufs.db, guard: bufs.guard, x: bufs.x, dpre: bufs.dout }, params)]),
      ...variantsOf('linear_backward').map((v): [string, string, () => Dispatch, number] => [v, forward, () =>
        kernels.prepareExactly(v as 'linear_backward',
          { dx: bufs.dx, dw: bufs.dw, db: bufs.db, guard: bufs.guard, x: bufs.x, w: bufs.w, dpre: bufs.dout }, params), 2]),
    ];
    for (const [kernel, shape, make, products = 1] of candidates) {
      const d = make();
      const { msPerRep, reps } = await measure(device, (pass) => d.encode(pass), timing);
      rows.push({ kernel, shape, ms: msPerRep, gflops: (products * flops) / (msPerRep * 1e6), reps });
      d.destroy();
    }
    Object.values(bufs).forEach((b) => b.destroy());
  }
  return rows;
}

/** Per kernel and shape, the fastest variant measured here and its GFLOP/s (what the tuner would pick). */
export function fastestVariants(rows: MatmulRow[]): { kernel: string; shape: string; fastest: string; gflops: number }[] {
  const base = (k: string) => k.replace(/_(tiled|split)$/, '');
  const groups = new Map<string, MatmulRow[]>();
  for (const r of rows.filter((r) => r.kernel !== 'naive_matmul')) {
    const key = `${base(r.kernel)} ${r.shape}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((g) => {
    const best = g.reduce((a, b) => (b.gflops > a.gflops ? b : a));
    return { kernel: base(best.kernel), shape: best.shape, fastest: best.kernel, gflops: best.gflops };
  });
}

/** Tiled / naive GFLOP/s for each forward shape measured with both. */
export function speedups(rows: MatmulRow[]): { shape: string; ratio: number }[] {
  return rows.filter((r) => r.kernel === 'naive_matmul').map((naive) => {
    const tiled = rows.find((r) => r.kernel === 'linear_forward' && r.shape === naive.shape)!;
    return { shape: naive.shape, ratio: tiled.gflops / naive.gflops };
  });
}
