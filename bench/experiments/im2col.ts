// Is im2col feeding the engine's matmul faster than the direct conv kernels on this adapter? Times a conv2d forward
// both ways on DCGAN's layers at batch 64 (im2col, linear_backward_input as the GEMM cols . W^T, rows back to NCHW
// with the bias) and checks they agree.
//   npx vite build --ssr bench/experiments/im2col.ts --outDir .build/exp --emptyOutDir --logLevel warn && node .build/exp/im2col.js
import { createStorage, readFloats } from '../../src/gpu/buffers';
import { grid1d } from '../../src/gpu/kernels';
import { Kernels, type Dispatch } from '../../src/gpu/registry';
import { BufferUsage } from '../../src/gpu/usage';
import { requestNodeDevice } from '../../src/node/device';
import { measure } from '../timing';
import source from './im2col.wgsl?raw';

const { device } = await requestNodeDevice();
const kernels = new Kernels(device);
const module = device.createShaderModule({ code: source });
const fill = (n: number) => Float32Array.from({ length: n }, (_, i) => ((i * 2654435761) % 1000) / 1000 - 0.5);

function raw(entry: string, total: number, sizes: number[], buffers: GPUBuffer[]): Dispatch {
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: entry } });
  const { groups, rowWidth } = grid1d(total, 64);
  const uniform = device.createBuffer({ size: 48, usage: BufferUsage.UNIFORM | BufferUsage.COPY_DST });
  device.queue.writeBuffer(uniform, 0, new Uint32Array([...sizes, total, rowWidth]));
  const bindGroup = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [uniform, ...buffers].map((buffer, binding) => ({ binding, resource: { buffer } })).filter((e) => e.binding < 4 && (entry === 'rows_to_nchw' || e.binding < 3)),
  });
  return {
    label: entry, kernel: entry, workgroups: groups, passes: 1, setParams() {},
    encode(pass) { pass.setPipeline(pipeline); pass.setBindGroup(0, bindGroup); pass.dispatchWorkgroups(...groups); },
    destroy() { uniform.destroy(); },
  };
}

for (const [cin, cout, side, stride] of [[64, 128, 14, 2], [1, 64, 28, 2], [16, 32, 14, 2]] as const) {
  const batch = 64, k = 4, pad = 1, oh = Math.floor((side + 2 * pad - k) / stride) + 1;
  const positions = batch * oh * oh, taps = cin * k * k;
  const x = createStorage(device, 'x', fill(batch * cin * side * side)), w = createStorage(device, 'w', fill(cout * taps));
  const b = createStorage(device, 'b', fill(cout)), out = createStorage(device, 'out', batch * cout * oh * oh);
  const cols = createStorage(device, 'cols', positions * taps), rows = createStorage(device, 'rows', positions * cout);
  const outB = createStorage(device, 'out (im2col)', batch * cout * oh * oh);
  const sizes = [batch, cin, side, side, cout, oh, oh, k, stride, pad];
  const direct = kernels.prepare('conv2d_forward', { out, x, w, b }, {
    batch, in_channels: cin, in_h: side, in_w: side, out_channels: cout, out_h: oh, out_w: oh, kernel: k, stride, padding: pad,
  });
  const steps = [
    raw('im2col', positions * taps, sizes, [cols, x]),
    kernels.prepare('linear_backward_input', { dx: rows, dpre: cols, w, x: cols }, { batch: positions, in_features: cout, out_features: taps }),
    raw('rows_to_nchw', batch * cout * oh * oh, sizes, [outB, rows, b]),
  ];
  const flops = 2 * positions * taps * cout;
  const t = async (d: Dispatch[]) => (await measure(device, (pass) => d.forEach((s) => s.encode(pass)), { trials: 3, targetMs: 300 })).msPerRep;
  const msDirect = await t([direct]), msIm2col = await t(steps);
  const parts = [await t([steps[0]]), await t([steps[1]]), await t([steps[2]])];
  kernels.run([direct, ...steps]);
  const [a, c] = [await readFloats(device, out, 4096), await readFloats(device, outB, 4096)];
  const worst = Math.max(...a.map((v, i) => Math.abs(v - c[i])));
  console.log(`conv ${cin}->${cout} ${side}->${oh}: direct ${msDirect.toFixed(1)} ms (${(flops / msDirect / 1e6).toFixed(2)} GFLOP/s); ` +
    `im2col + matmul ${msIm2col.toFixed(1)} ms (${(flops / msIm2col / 1e6).toFixed(2)} GFLOP/s: im2col ${parts[0].toFixed(1)}, ` +
    `matmul ${parts[1].toFixed(1)}, to NCHW ${parts[2].toFixed(1)}); largest difference ${worst.toExponential(1)}`);
}
device.destroy();
