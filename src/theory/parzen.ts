// The Parzen-window log-likelihood of held-out data under a generator's samples, on the GPU: the evaluation of
// Table 1 of Goodfellow et al. (2014). A Gaussian window of width sigma is put on each sample; a point's
// log-likelihood is log( 1/N sum_j N(x; s_j, sigma^2 I) ). The width is chosen on a validation split, and the test
// split's mean is reported with its standard error.
//
// Per chunk of points: their squared norms (row_sq_norm_forward), x . s^T by the engine's matmul
// (linear_backward_input, whose dx = dpre . w^T is exactly that product with dpre = the points and w = the samples),
// then parzen_forward, one workgroup per point, every width at once. Only the (points, widths) result is read back.
import { createStorage, readFloats } from '../gpu/buffers.js';
import { withErrorScopes } from '../gpu/errors.js';
import { PARZEN_MAX_WIDTHS } from '../gpu/kernels.js';
import { Kernels } from '../gpu/registry.js';

/** Ten widths log-spaced from 0.1 to 1: the grid searched when none is given. */
export const DEFAULT_PARZEN_SIGMAS: readonly number[] = Array.from({ length: 10 }, (_, i) => 10 ** (-1 + i / 9));

const MAX_POINTS_PER_CHUNK = 4096;

export interface ParzenEvaluation {
  /** The width chosen on the validation split, and every width's validation mean. */
  sigma: number;
  validation: { sigma: number; mean: number }[];
  /** The test split's mean log-likelihood (nats per point) and its standard error. */
  mean: number;
  standardError: number;
  testPoints: number;
  samples: number;
}

function checkRows(what: string, rows: Float32Array, dims: number): number {
  const n = rows.length / dims;
  if (!Number.isInteger(n) || n < 1) throw new Error(`parzen: ${what} has ${rows.length} values, which do not make rows of ${dims}`);
  return n;
}

export class ParzenWindow {
  private readonly kernels: Kernels;
  private readonly sampleBuffer: GPUBuffer;
  private readonly sampleNorms: GPUBuffer;
  readonly samples: number;

  /** Uploads the samples (rows of `dims`) once; allocation happens inside error scopes, so a set too large for the
   * device is an error that says so. */
  static async create(device: GPUDevice, samples: Float32Array, dims: number): Promise<ParzenWindow> {
    const n = checkRows('the sample set', samples, dims);
    const limit = device.limits.maxStorageBufferBindingSize;
    if (samples.byteLength > limit) {
      throw new Error(`parzen: ${n} samples of ${dims} values take ${samples.byteLength} bytes, over this device's ` +
        `maxStorageBufferBindingSize of ${limit}; use fewer samples`);
    }
    if (n * 4 > limit) throw new Error(`parzen: one row of ${n} distances is over maxStorageBufferBindingSize (${limit})`);
    return withErrorScopes(device, 'uploading the Parzen-window samples', () => new ParzenWindow(device, samples, dims, n));
  }

  private constructor(readonly device: GPUDevice, samples: Float32Array, readonly dims: number, n: number) {
    this.kernels = new Kernels(device);
    this.samples = n;
    this.sampleBuffer = createStorage(device, 'parzen samples', samples);
    this.sampleNorms = createStorage(device, 'parzen sample norms', n);
    const norms = this.kernels.prepare('row_sq_norm_forward', { out: this.sampleNorms, x: this.sampleBuffer },
      { points: n, dims }, {}, 'parzen: sample norms');
    this.kernels.run([norms], 'parzen sample norms');
    norms.destroy();
  }

  /** log p(x) for each point (rows of `dims`) and each width: a Float32Array of (points, sigmas.length). Points go
   * through in chunks of at most `pointsPerChunk` (fewer where the device's binding size limit asks for it). */
  async logDensities(points: Float32Array, sigmas: readonly number[], pointsPerChunk = MAX_POINTS_PER_CHUNK): Promise<Float32Array> {
    const count = checkRows('the points', points, this.dims);
    if (sigmas.length < 1 || sigmas.length > PARZEN_MAX_WIDTHS || !sigmas.every((s) => Number.isFinite(s) && s > 0)) {
      throw new Error(`parzen: sigmas must be 1 to ${PARZEN_MAX_WIDTHS} positive numbers, got [${sigmas.join(', ')}]`);
    }
    const limit = this.device.limits.maxStorageBufferBindingSize;
    const chunk = Math.max(1, Math.min(count, pointsPerChunk, MAX_POINTS_PER_CHUNK, Math.floor(limit / (4 * this.samples)),
      Math.floor(limit / (4 * this.dims))));
    const result = new Float32Array(count * sigmas.length);
    const sigmaBuffer = createStorage(this.device, 'parzen sigmas', Float32Array.from(sigmas));
    try {
      for (let first = 0; first < count; first += chunk) {
        const n = Math.min(chunk, count - first);
        const slice = points.subarray(first * this.dims, (first + n) * this.dims);
        result.set(await this.chunk(slice, n, sigmaBuffer, sigmas.length), first * sigmas.length);
      }
    } finally {
      sigmaBuffer.destroy();
    }
    return result;
  }

  private async chunk(points: Float32Array, n: number, sigmas: GPUBuffer, widths: number): Promise<Float32Array> {
    const device = this.device, k = this.kernels;
    const owned: { destroy(): void }[] = [];
    const buf = (label: string, init: number | Float32Array) => {
      const b = createStorage(device, label, init);
      owned.push(b);
      return b;
    };
    try {
      const x = buf('parzen points', points), xSq = buf('parzen point norms', n);
      const dots = buf('parzen x.s', n * this.samples), out = buf('parzen log densities', n * widths);
      const list = [
        k.prepare('row_sq_norm_forward', { out: xSq, x }, { points: n, dims: this.dims }, {}, 'parzen: point norms'),
        // dx (n, samples) = dpre (n, dims) . w^T with w = the samples (samples, dims); ACT_IN is identity, so
        // the kernel never reads its x (bound to the points only because the binding must exist)
        k.prepare('linear_backward_input', { dx: dots, dpre: x, x, w: this.sampleBuffer },
          { batch: n, in_features: this.samples, out_features: this.dims, accumulate: 0 }, {}, 'parzen: x.s'),
        k.prepare('parzen_forward', { out, dots, x_sq: xSq, s_sq: this.sampleNorms, sigmas },
          { points: n, samples: this.samples, dims: this.dims, widths }, {}, 'parzen: log densities'),
      ];
      owned.push(...list);
      k.run(list, 'parzen');
      return await readFloats(device, out, n * widths);
    } finally {
      owned.forEach((o) => o.destroy());
    }
  }

  destroy(): void {
    this.sampleBuffer.destroy();
    this.sampleNorms.destroy();
  }
}

function meanAndStandardError(values: ArrayLike<number>): { mean: number; standardError: number } {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return { mean, standardError: n > 1 ? Math.sqrt(ss / (n - 1) / n) : NaN };
}

/** Chooses sigma on `validation`, then reports the mean log-likelihood of `test` under the window of that width. */
export async function parzenLogLikelihood(
  device: GPUDevice, samples: Float32Array, dims: number, validation: Float32Array, test: Float32Array,
  sigmas: readonly number[] = DEFAULT_PARZEN_SIGMAS,
): Promise<ParzenEvaluation> {
  const window = await ParzenWindow.create(device, samples, dims);
  try {
    const v = await window.logDensities(validation, sigmas);
    const rows = v.length / sigmas.length;
    const perWidth = sigmas.map((sigma, w) => ({
      sigma, mean: meanAndStandardError(Array.from({ length: rows }, (_, i) => v[i * sigmas.length + w])).mean,
    }));
    const best = perWidth.reduce((a, b) => (b.mean > a.mean ? b : a));
    if (!Number.isFinite(best.mean)) throw new Error(`parzen: no width gave a finite validation log-likelihood (${best.mean})`);
    const t = await window.logDensities(test, [best.sigma]);
    return { sigma: best.sigma, validation: perWidth, ...meanAndStandardError(t), testPoints: t.length, samples: window.samples };
  } finally {
    window.destroy();
  }
}
