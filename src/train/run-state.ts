// A run's state on the GPU: the named buffers that its future depends on (parameters, optimizer moments and step
// counters, RNG counters, the metrics ring), read back all at once and written back whole. Checkpoints
// (src/io/checkpoint.ts) and snapshots hold exactly these; the metrics ring is decoded here too.
import { readFloats } from '../gpu/buffers.js';
import type { GpuNetwork } from '../nn/network-gpu.js';
import { BufferUsage, MapMode } from '../gpu/usage.js';
import { METRIC, METRIC_WIDTH } from './schedule.js';
import type { IterationMetrics, StateBuffer } from './types.js';

/** Slots in the GPU's metrics ring: the most iterations one chunk (TrainOptions.chunk) may hold. */
export const RING_SLOTS = 256;

/** The metrics of iterations first+1 .. first+count, from the ring (slot = iteration % RING_SLOTS). */
export function ringRecords(ring: Float32Array, first: number, count: number): IterationMetrics[] {
  return Array.from({ length: count }, (_, i) => {
    const at = ((first + i) % RING_SLOTS) * METRIC_WIDTH;
    return {
      iteration: first + i + 1, dLoss: ring[at + METRIC.dLoss], gLoss: ring[at + METRIC.gLoss],
      dReal: ring[at + METRIC.dReal], dFake: ring[at + METRIC.dFake],
    };
  });
}

export type StateData = Record<string, Float32Array | Uint32Array>;

export class RunState {
  /** name -> buffer; 'metrics.ring' must be among them (readAll completes the history from it). */
  readonly buffers: Record<string, StateBuffer> = {};

  constructor(private readonly device: GPUDevice) {}

  /** A network's parameters, and its running statistics where it has any: batch norm's decide what inference
   * computes, so they are state like the parameters. */
  addNetwork(who: string, net: { params: GPUBuffer; stats: GPUBuffer; layout: { totalFloats: number }; plan: { statsLayout: { totalFloats: number } } }): void {
    this.buffers[`${who}.params`] = { buffer: net.params, dtype: 'F32', elements: net.layout.totalFloats };
    const stats = net.plan.statsLayout.totalFloats;
    if (stats > 0) this.buffers[`${who}.stats`] = { buffer: net.stats, dtype: 'F32', elements: stats };
  }

  /** The name, element type and length of every buffer. */
  layout(): Record<string, { dtype: 'F32' | 'U32'; elements: number }> {
    return Object.fromEntries(Object.entries(this.buffers).map(([k, v]) => [k, { dtype: v.dtype, elements: v.elements }]));
  }

  /** Copies every buffer into one staging buffer in one submit, queued after all the work submitted so far, so the
   * values are those of one moment even while a train() is in flight (a save clicked mid-training), where reading
   * them one by one would let a chunk land between two of them. `wait` guards the mapping (a lost device). The
   * metrics of iterations submitted but not yet read back (history shorter than `iterations`) come from the ring in
   * that same copy. */
  async readAll(iterations: number, history: IterationMetrics[], wait: <T>(work: Promise<T>) => Promise<T>):
    Promise<{ buffers: StateData; iterations: number; history: IterationMetrics[] }> {
    const entries = Object.entries(this.buffers);
    const offsets: number[] = [];
    let bytes = 0;
    for (const [, s] of entries) {
      offsets.push(bytes);
      bytes += Math.ceil((s.elements * 4) / 16) * 16;
    }
    const staging = this.device.createBuffer({ label: 'state readback', size: bytes, usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST });
    const encoder = this.device.createCommandEncoder({ label: 'state readback' });
    entries.forEach(([, s], i) => encoder.copyBufferToBuffer(s.buffer, 0, staging, offsets[i], s.elements * 4));
    this.device.queue.submit([encoder.finish()]);
    let mapped: ArrayBuffer;
    try {
      await wait(staging.mapAsync(MapMode.READ));
      mapped = staging.getMappedRange().slice(0);
    } finally {
      staging.destroy();
    }
    const buffers: StateData = {};
    entries.forEach(([name, s], i) => {
      buffers[name] = s.dtype === 'F32' ? new Float32Array(mapped, offsets[i], s.elements) : new Uint32Array(mapped, offsets[i], s.elements);
    });
    const missing = iterations - history.length;
    if (missing > RING_SLOTS) throw new Error(`exportState: ${missing} iterations in flight, more than the metrics ring holds`);
    const complete = [...history];
    if (missing > 0) complete.push(...ringRecords(buffers['metrics.ring'] as Float32Array, history.length, missing));
    return { buffers, iterations, history: complete };
  }

  /** Overwrites every buffer (each must be given, with its exact length). */
  writeAll(data: StateData): void {
    for (const [name, s] of Object.entries(this.buffers)) {
      const values = data[name];
      if (!values) throw new Error(`state: '${name}' is missing`);
      if (values.length !== s.elements) throw new Error(`state: '${name}' has ${values.length} values, expected ${s.elements}`);
      this.device.queue.writeBuffer(s.buffer, 0, values.buffer, values.byteOffset, values.byteLength);
    }
  }
}

/** Where a NaN or an infinity the GPU's guard flagged was first seen: the metrics of an iteration, else the first
 * non-finite gradient of the flagged networks, read back. */
export async function nonFiniteDetail(device: GPUDevice, records: IterationMetrics[], nets: GpuNetwork[]): Promise<string> {
  const badMetric = records.find((m) => ![m.dLoss, m.gLoss, m.dReal, m.dFake].every(Number.isFinite));
  if (badMetric) return `first seen in the metrics of iteration ${badMetric.iteration}`;
  for (const net of nets) {
    const grads = await readFloats(device, net.grads, net.layout.totalFloats);
    const at = grads.findIndex((v) => !Number.isFinite(v));
    if (at >= 0) return `${net.name}'s gradient ${at} is ${grads[at]}`;
  }
  return 'the GPU flagged it, but the CPU found no non-finite value in what it could read back';
}
