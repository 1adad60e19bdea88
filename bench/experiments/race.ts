// Races experimental entries (bench/experiments/variants.wgsl appended to shaders/linear.wgsl) against the engine's
// linear kernels on the same adapter, interleaved: every round times every candidate once, and each candidate's
// figure is its median over the rounds, so load from other processes weighs on all alike.
//   npx vite build --ssr bench/experiments/race.ts --outDir .build/exp --emptyOutDir --logLevel warn
//   node .build/exp/race.js [ROUNDS] [FILTER]     FILTER: a regular expression over candidate names to keep (engine always runs)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createStorage, readFloats } from '../../src/gpu/buffers';
import { Kernels } from '../../src/gpu/registry';
import { lanesFor } from '../../src/gpu/kernels';
import { shaderSources } from '../../src/gpu/shaders';
import { BufferUsage } from '../../src/gpu/usage';
import { requestNodeDevice } from '../../src/node/device';
import { median, timeOnQueue } from '../timing';


type Op = 'fwd' | 'bin' | 'bw';
type Shape = [M: number, K: number, N: number]; // batch, in_features, out_features
interface Candidate {
  name: string; op: Op; entry: string; constants: Record<string, number>;
  groups(s: Shape): [number, number];
  bindings: Record<number, string>; // binding -> buffer name
  before?: boolean; // from the last commit's shaders/linear.wgsl instead of variants.wgsl
}
const ceil = (a: number, b: number) => Math.ceil(a / b);
const fwdBindings = { 1: 'out', 3: 'w', 4: 'b', 10: 'x' };
const fwdVec = { 1: 'out', 4: 'b', 10: 'x', 11: 'w' };
const candidates: Candidate[] = [];
for (const [wx, wy] of [[16, 4], [16, 1], [8, 2]]) {
  candidates.push({
    name: `fwd_rows ${wx}x${wy}`, op: 'fwd', entry: 'fwd_rows', constants: { WG_X: wx, WG_Y: wy, LANES_X: wx, ACT: 2 },
    groups: ([M, , N]) => [ceil(N, 8 * wx), ceil(M, 8 * wy)], bindings: fwdBindings,
  });
  candidates.push({
    name: `fwd_c4 ${wx}x${wy}`, op: 'fwd', entry: 'fwd_c4', constants: { WG_X: wx, WG_Y: wy, ACT: 2 },
    groups: ([M, , N]) => [ceil(N, 8 * wx), ceil(M, 8 * wy)], bindings: fwdVec,
  });
  candidates.push({
    name: `fwd_c4n ${wx}x${wy}`, op: 'fwd', entry: 'fwd_c4n', constants: { WG_X: wx, WG_Y: wy, ACT: 2 },
    groups: ([M, , N]) => [ceil(N, 4 * wx), ceil(M, 8 * wy)], bindings: fwdVec,
  });
}

for (const probe of [1, 2, 3]) {
  candidates.push({
    name: `fwd_c4 16x4 probe ${probe}`, op: 'fwd', entry: 'fwd_c4', constants: { WG_X: 16, WG_Y: 4, ACT: 2, PROBE: probe },
    groups: ([M, , N]) => [ceil(N, 128), ceil(M, 32)], bindings: fwdVec,
  });
}

for (const [wx, wy] of [[16, 4], [16, 2], [8, 4]]) {
  for (const entry of ['fwd_k4', 'fwd_k4v']) {
    candidates.push({
      name: `${entry} ${wx}x${wy}`, op: 'fwd', entry, constants: { WG_X: wx, WG_Y: wy, ACT: 2 },
      groups: ([M, , N]) => [ceil(N, 8 * wx), ceil(M, 8 * wy)], bindings: fwdVec,
    });
  }
}

for (const [wx, wy] of [[16, 4], [8, 8]]) {
  candidates.push({
    name: `fwd_48 ${wx}x${wy}`, op: 'fwd', entry: 'fwd_48', constants: { WG_X: wx, WG_Y: wy, ACT: 2 },
    groups: ([M, , N]) => [ceil(N, 8 * wx), ceil(M, 4 * wy)], bindings: fwdVec,
  });
  candidates.push({
    name: `fwd_44 ${wx}x${wy}`, op: 'fwd', entry: 'fwd_44', constants: { WG_X: wx, WG_Y: wy, ACT: 2 },
    groups: ([M, , N]) => [ceil(N, 4 * wx), ceil(M, 4 * wy)], bindings: fwdVec,
  });
}

candidates.push({
  name: 'fwd_fma 16x4', op: 'fwd', entry: 'fwd_fma', constants: { WG_X: 16, WG_Y: 4, ACT: 2 },
  groups: ([M, , N]) => [ceil(N, 128), ceil(M, 32)], bindings: fwdVec,
});

// The last commit's kernels, dispatched as the engine dispatched them then: a same-run baseline for a kernel change.
for (const [op, entry, bindings, cols] of [
  ['fwd', 'linear_forward', { 1: 'out', 2: 'x', 3: 'w', 4: 'b', 10: 'x' }, (s: Shape) => s[2]],
  ['bin', 'linear_backward_input', { 5: 'dx', 6: 'dout', 7: 'saved', 3: 'w' }, (s: Shape) => s[1]],
  ['bw', 'linear_backward_weight', { 8: 'dw', 2: 'x', 6: 'dout', 7: 'saved' }, (s: Shape) => s[2]],
] as const) {
  candidates.push({
    name: `before ${entry}`, op, entry, before: true, constants: {},
    groups: (s) => { const l = lanesFor(cols(s)); return [ceil(cols(s), 8 * l), ceil(op === 'bw' ? s[1] : s[0], 512 / l)]; },
    bindings,
  });
}

const rounds = Number(process.argv[2] ?? 5);
const filter = process.argv[3] ?? '';
const shapes: Shape[] = [[64, 784, 256], [64, 256, 256], [64, 256, 784], [512, 512, 512]];
const { device } = await requestNodeDevice();
const kernels = new Kernels(device);
const module = device.createShaderModule({ code: shaderSources.linear + readFileSync('bench/experiments/variants.wgsl', 'utf8') });
const common = readFileSync('shaders/common.wgsl', 'utf8');
const beforeModule = device.createShaderModule({ code: common + execFileSync('git', ['show', 'HEAD:shaders/linear.wgsl'], { encoding: 'utf8' }) });
const fill = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => (((i + seed) * 7919) % 100) / 100 - 0.5);
const engineEntry = { fwd: 'linear_forward', bin: 'linear_backward_input', bw: 'linear_backward_weight' } as const;
const outputOf = { fwd: 'out', bin: 'dx', bw: 'dw' } as const;

for (const s of shapes) {
  const [M, K, N] = s;
  const flops = 2 * M * K * N;
  for (const op of ['fwd', 'bin', 'bw'] as Op[]) {
    const mine = candidates.filter((c) => c.op === op && new RegExp(filter).test(c.name));
    if (!mine.length) continue;
    const bufs: Record<string, GPUBuffer> = {
      x: createStorage(device, 'x', fill(M * K, 1)), w: createStorage(device, 'w', fill(K * N, 2)), b: createStorage(device, 'b', fill(N, 3)),
      dout: createStorage(device, 'dout', fill(M * N, 4)), saved: createStorage(device, 'saved', fill(M * N, 5)),
    };
    const u = device.createBuffer({ size: 16, usage: BufferUsage.UNIFORM | BufferUsage.COPY_DST });
    device.queue.writeBuffer(u, 0, new Uint32Array([M, K, N, 0]));
    const outSize = op === 'fwd' ? M * N : op === 'bin' ? M * K : K * N;
    const params = { batch: M, in_features: K, out_features: N };
    const engineOut = createStorage(device, 'engine', outSize);
    const eb = op === 'fwd' ? { out: engineOut, x: bufs.x, w: bufs.w, b: bufs.b }
      : op === 'bin' ? { dx: engineOut, dout: bufs.dout, out: bufs.saved, w: bufs.w }
      : { dw: engineOut, x: bufs.x, dout: bufs.dout, out: bufs.saved };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const engine = kernels.prepare(engineEntry[op], eb as any, params, { ACT: 2 });
    const runners: { name: string; out: GPUBuffer; encode(pass: GPUComputePassEncoder): void }[] = [
      { name: `engine ${engineEntry[op]}`, out: engineOut, encode: (pass) => engine.encode(pass) },
    ];
    for (const c of mine) {
      const out = createStorage(device, c.name, outSize);
      const named: Record<string, GPUBuffer> = { ...bufs, out, dx: out, dw: out, out_saved: bufs.saved };
      if (op !== 'fwd') named.out = bufs.saved;
      const constants = c.before ? { ...c.constants, ACT: 2, LANES_X: lanesFor(op === 'bin' ? K : N) } : c.constants;
      const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module: c.before ? beforeModule : module, entryPoint: c.entry, constants } });
      const entries = [{ binding: 0, resource: { buffer: u } },
        ...Object.entries(c.bindings).map(([binding, name]) => ({ binding: Number(binding), resource: { buffer: named[name] } }))];
      const bg = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
      const g = c.groups(s);
      runners.push({ name: c.name, out, encode: (pass) => { pass.setPipeline(pipeline); pass.setBindGroup(0, bg); pass.dispatchWorkgroups(g[0], g[1]); } });
    }
    const reps = await Promise.all(runners.map(async (r) => {
      await timeOnQueue(device, r.encode, 1);
      const probe = await timeOnQueue(device, r.encode, 1);
      return Math.max(1, Math.round(60 / Math.max(probe, 0.01)));
    }));
    const samples: number[][] = runners.map(() => []);
    const cpu: number[][] = runners.map(() => []);
    for (let t = 0; t < rounds; t++) {
      const order = runners.map((_, i) => (t % 2 ? runners.length - 1 - i : i)); // alternate the order between rounds
      for (const i of order) {
        const before = process.cpuUsage(), start = performance.now();
        await timeOnQueue(device, runners[i].encode, reps[i]);
        const used = process.cpuUsage(before);
        samples[i].push((performance.now() - start) / reps[i]);
        cpu[i].push((used.user + used.system) / 1000 / reps[i]);
      }
    }
    const ref = await readFloats(device, engineOut, outSize);
    let refMax = 0; for (const v of ref) refMax = Math.max(refMax, Math.abs(v));
    const shape = op === 'fwd' ? `${M}x${K}x${N}` : op === 'bin' ? `${M}x${N}x${K}` : `${K}x${M}x${N}`;
    for (let i = 0; i < runners.length; i++) {
      const got = await readFloats(device, runners[i].out, outSize);
      let diff = 0; for (let j = 0; j < outSize; j++) diff = Math.max(diff, Math.abs(got[j] - ref[j]));
      const ms = median(samples[i]);
      const ratio = median(samples[i].map((v, t) => samples[0][t] / v)); // same-round speed over the engine's
      console.log(`${op} ${shape.padEnd(12)} ${runners[i].name.padEnd(28)} ${(flops / (ms * 1e6)).toFixed(2).padStart(6)} GFLOP/s` +
        `  x${ratio.toFixed(2)} engine  cpu ${(flops / (median(cpu[i]) * 1e6)).toFixed(2)} x${median(cpu[i].map((v, t) => cpu[0][t] / v)).toFixed(2)}  best ${(flops / (Math.min(...samples[i]) * 1e6)).toFixed(2)}  rel diff ${(diff / refMax).toExponential(1)}`);
    }
    Object.values(bufs).forEach((b) => b.destroy());
  }
}
device.destroy();
