// Ad-hoc timing of an experimental kernel against linear_forward: node .build/exp/try.js FILE ENTRY WGX WGY TILE_N TILE_M
import { readFileSync } from 'node:fs';
import { createStorage } from '../../src/gpu/buffers';
import { Kernels } from '../../src/gpu/registry';
import { BufferUsage } from '../../src/gpu/usage';
import { requestNodeDevice } from '../../src/node/device';
import { measure } from '../timing';

const [file, entry, tileN, tileM] = process.argv.slice(2);
const { device } = await requestNodeDevice();
const kernels = new Kernels(device);
for (const [M, K, N] of [[512, 512, 512], [64, 256, 784], [64, 784, 256]]) {
  const fill = (n: number) => Float32Array.from({ length: n }, (_, i) => ((i * 7919) % 100) / 100 - 0.5);
  const x = createStorage(device, 'x', fill(M * K)), w = createStorage(device, 'w', fill(K * N));
  const b = createStorage(device, 'b', fill(N)), out = createStorage(device, 'out', M * N), out2 = createStorage(device, 'out2', M * N);
  const module = device.createShaderModule({ code: readFileSync(file, 'utf8') });
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: entry } });
  const u = device.createBuffer({ size: 16, usage: BufferUsage.UNIFORM | BufferUsage.COPY_DST });
  device.queue.writeBuffer(u, 0, new Uint32Array([M, K, N, 0]));
  const bg = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [u, out2, x, w, b].map((buffer, binding) => ({ binding, resource: { buffer } })) });
  const groups = [Math.ceil(N / Number(tileN)), Math.ceil(M / Number(tileM))] as const;
  const exp = await measure(device, (pass) => { pass.setPipeline(pipeline); pass.setBindGroup(0, bg); pass.dispatchWorkgroups(groups[0], groups[1]); }, { trials: 3, targetMs: 300 });
  const tiled = kernels.prepare('linear_forward', { out, x, w, b }, { batch: M, in_features: K, out_features: N });
  const ref = await measure(device, (pass) => tiled.encode(pass), { trials: 3, targetMs: 300 });
  const { readFloats } = await import('../../src/gpu/buffers');
  const a = await readFloats(device, out, M * N), c = await readFloats(device, out2, M * N);
  let maxDiff = 0; for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - c[i]));
  const gf = (ms: number) => ((2 * M * N * K) / (ms * 1e6)).toFixed(2);
  console.log(`${M}x${K}x${N}: ${entry} ${gf(exp.msPerRep)} GFLOP/s, linear_forward ${gf(ref.msPerRep)} GFLOP/s, max diff ${maxDiff}`);
}
device.destroy();
