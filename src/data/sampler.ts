// The on-GPU minibatch sampler: a dataset uploaded once; each step draws row indices with Philox and gathers those
// rows in one dispatch (rng_gather_rows). The draw counter lives in rng_state, so steps encode without the CPU.
import { createStorage } from '../gpu/buffers.js';
import type { Dispatch, Kernels } from '../gpu/registry.js';

export class MinibatchSampler {
  readonly data: GPUBuffer;
  /** Where the minibatch lands: its own buffer, or the one given (from row `into.row` on). */
  readonly batch: GPUBuffer;
  private readonly ownsBatch: boolean;
  readonly dispatches: Dispatch[];

  /** `into`: gather into this buffer from this row on, e.g. after the fake rows of D's input, instead of into a
   * buffer of the sampler's own. `drawOffset`: draw at rng_state + drawOffset (a training step draws at 1 and
   * advances the state after: shaders/step.wgsl). */
  constructor(kernels: Kernels, rows: Float32Array, readonly dims: number, readonly batchSize: number,
    rngState: GPUBuffer, seed: number, stream: number, into?: { buffer: GPUBuffer; row: number }, drawOffset = 0) {
    const count = rows.length / dims;
    if (!Number.isInteger(count) || count < 1) throw new Error(`dataset: ${rows.length} values do not make rows of ${dims}`);
    if (!rows.every(Number.isFinite)) throw new Error('dataset: contains NaN or infinite values');
    const device = kernels.device;
    const bytes = rows.length * 4;
    if (bytes > device.limits.maxStorageBufferBindingSize) {
      throw new Error(`dataset: ${bytes} bytes exceed this adapter's maxStorageBufferBindingSize (${device.limits.maxStorageBufferBindingSize})`);
    }
    this.data = createStorage(device, 'dataset', rows);
    this.ownsBatch = !into;
    this.batch = into?.buffer ?? createStorage(device, 'minibatch', batchSize * dims);
    const seedWords = { seed_lo: seed >>> 0, seed_hi: Math.floor(seed / 2 ** 32) >>> 0 };
    this.dispatches = [
      kernels.prepare('rng_gather_rows', { out: this.batch, data: this.data, rng_state: rngState }, {
        n: batchSize, cols: dims, range: count, out_index: (into?.row ?? 0) * dims, stream, ...seedWords, draw_offset: drawOffset,
      }, {}, 'minibatch'),
    ];
  }

  destroy(): void {
    this.dispatches.forEach((d) => d.destroy());
    [this.data, ...(this.ownsBatch ? [this.batch] : [])].forEach((b) => b.destroy());
  }
}
