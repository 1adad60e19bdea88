// Where an iteration's GPU time goes, dispatch by dispatch. With the adapter's 'timestamp-query' feature, each
// dispatch of `iterations` whole iterations runs in a compute pass of its own whose start and end the GPU stamps, so
// the figures are GPU time in the real order and state (caches warm from the dispatch before, as in training);
// without it, each dispatch is repeated alone on the queue and timed from the CPU (which adds the submit's cost).
import { BufferUsage, MapMode, type Dispatch } from '../src/kernels';
import { measure } from './timing';

export interface ProfileRow {
  label: string;
  kernel: string;
  ms: number; // per iteration
}

export interface Profile {
  method: 'timestamp-query' | 'queue timing';
  rows: ProfileRow[];
  totalMs: number;
}

export async function profileDispatches(device: GPUDevice, dispatches: readonly Dispatch[], iterations = 8): Promise<Profile> {
  const rows = device.features.has('timestamp-query')
    ? await byTimestamps(device, dispatches, iterations)
    : await byQueue(device, dispatches);
  return {
    method: device.features.has('timestamp-query') ? 'timestamp-query' : 'queue timing',
    rows, totalMs: rows.reduce((s, r) => s + r.ms, 0),
  };
}

async function byTimestamps(device: GPUDevice, dispatches: readonly Dispatch[], iterations: number): Promise<ProfileRow[]> {
  const count = dispatches.length * 2;
  const querySet = device.createQuerySet({ type: 'timestamp', count });
  const resolved = device.createBuffer({ size: count * 8, usage: BufferUsage.QUERY_RESOLVE | BufferUsage.COPY_SRC });
  const staging = device.createBuffer({ size: count * 8, usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST });
  const totals = new Float64Array(dispatches.length);
  try {
    for (let it = -1; it < iterations; it++) { // iteration -1 warms up (pipelines, first use)
      const encoder = device.createCommandEncoder({ label: 'profile' });
      dispatches.forEach((d, i) => {
        const pass = encoder.beginComputePass({
          label: d.label, timestampWrites: { querySet, beginningOfPassWriteIndex: 2 * i, endOfPassWriteIndex: 2 * i + 1 },
        });
        d.encode(pass);
        pass.end();
      });
      encoder.resolveQuerySet(querySet, 0, count, resolved, 0);
      encoder.copyBufferToBuffer(resolved, 0, staging, 0, count * 8);
      device.queue.submit([encoder.finish()]);
      await staging.mapAsync(MapMode.READ);
      const stamps = new BigInt64Array(staging.getMappedRange().slice(0));
      staging.unmap();
      if (it < 0) continue;
      dispatches.forEach((_, i) => { totals[i] += Math.max(0, Number(stamps[2 * i + 1] - stamps[2 * i])) / 1e6; });
    }
  } finally {
    querySet.destroy();
    resolved.destroy();
    staging.destroy();
  }
  return dispatches.map((d, i) => ({ label: d.label, kernel: d.kernel, ms: totals[i] / iterations }));
}

async function byQueue(device: GPUDevice, dispatches: readonly Dispatch[]): Promise<ProfileRow[]> {
  const rows: ProfileRow[] = [];
  for (const d of dispatches) {
    const { msPerRep } = await measure(device, (pass) => d.encode(pass), { trials: 3, targetMs: 60 });
    rows.push({ label: d.label, kernel: d.kernel, ms: msPerRep });
  }
  return rows;
}

/** The profile as lines: slowest first, each with its share of the total. */
export function formatProfile(p: Profile, title: string): string[] {
  const lines = [`${title}: ${p.rows.length} dispatch lists (${p.method}), ${p.totalMs.toFixed(3)} ms of GPU time per iteration`];
  for (const r of [...p.rows].sort((a, b) => b.ms - a.ms)) {
    lines.push(`${r.ms.toFixed(3).padStart(10)} ms ${((100 * r.ms) / p.totalMs).toFixed(1).padStart(5)}%  ${r.kernel.padEnd(30)} ${r.label}`);
  }
  return lines;
}
