// The on-GPU minibatch sampler: a dataset uploaded once; each step draws row indices with Philox (rng_index) and
// gathers those rows (gather_rows). The draw counter lives in rng_state, so steps encode without the CPU.
import { createStorage } from '../gpu/buffers';
import type { Dispatch, Kernels } from '../gpu/registry';

export class MinibatchSampler {
  readonly data: GPUBuffer;
  readonly batch: GPUBuffer;
  private readonly indices: GPUBuffer;
  readonly dispatches: Dispatch[];

  constructor(kernels: Kernels, rows: Float32Array, readonly dims: number, readonly batchSize: number,
    rngState: GPUBuffer, seed: number, stream: number) {
    const count = rows.length / dims;
    if (!Number.isInteger(count) || count < 1) throw new Error(`dataset: ${rows.length} values do not make rows of ${dims}`);
    if (!rows.every(Number.isFinite)) throw new Error('dataset: contains NaN or infinite values');
    const device = kernels.device;
    const bytes = rows.length * 4;
    if (bytes > device.limits.maxStorageBufferBindingSize) {
      throw new Error(`dataset: ${bytes} bytes exceed this adapter's maxStorageBufferBindingSize (${device.limits.maxStorageBufferBindingSize})`);
    }
    this.data = createStorage(device, 'dataset', rows);
    this.batch = createStorage(device, 'minibatch', batchSize * dims);
    this.indices = createStorage(device, 'minibatch.indices', batchSize);
    const seedWords = { seed_lo: seed >>> 0, seed_hi: Math.floor(seed / 2 ** 32) >>> 0 };
    this.dispatches = [
      kernels.prepare('rng_index', { indices: this.indices, rng_state: rngState }, { n: batchSize, stream, ...seedWords, range: count }, {}, 'minibatch indices'),
      kernels.prepare('gather_rows', { out: this.batch, data: this.data, indices: this.indices },
        { n: batchSize * dims, cols: dims, dataset_rows: count }, {}, 'minibatch gather'),
    ];
  }

  destroy(): void {
    this.dispatches.forEach((d) => d.destroy());
    [this.data, this.batch, this.indices].forEach((b) => b.destroy());
  }
}
