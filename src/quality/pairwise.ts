// KID and precision/recall with their pairwise products on the GPU: the dot product of every row of one feature set
// with every row of another is the matmul's forward (x . w, w the second set transposed, no bias), the O(n^2 d) part
// of both measures; the kernel values, distances, subsets and k-NN radii follow in f64 on the CPU from the same
// pools as the CPU mirror's (src/quality/measures.ts: kid, precisionRecall), which the tests compare it with.
import { createStorage, readFloats } from '../gpu/buffers.js';
import type { Kernels } from '../gpu/registry.js';
import { qualityPlan, qualityReport, type FeatureSet, type QualityReport } from './evaluate.js';
import { distancesFromDots, kidFromKernels, kidPools, polynomialFromDots, precisionRecallFromDistances } from './measures.js';

/** a (na x dims) . b^T (dims x nb) on the GPU, in passes of rows of `a` that fit one storage binding; read back as f64. */
export async function gpuDotProducts(kernels: Kernels, a: Float64Array, b: Float64Array, dims: number): Promise<Float64Array> {
  const device = kernels.device;
  const na = a.length / dims, nb = b.length / dims;
  const rowsPerPass = Math.max(1, Math.min(na, Math.floor(device.limits.maxStorageBufferBindingSize / (4 * Math.max(nb, dims)))));
  const bT = new Float32Array(dims * nb);
  for (let j = 0; j < nb; j++) for (let t = 0; t < dims; t++) bT[t * nb + j] = b[j * dims + t];
  const w = createStorage(device, 'pairwise: second set, transposed', bT), bias = createStorage(device, 'pairwise: no bias', nb);
  const x = createStorage(device, 'pairwise: first set', rowsPerPass * dims), out = createStorage(device, 'pairwise: dot products', rowsPerPass * nb);
  const dots = new Float64Array(na * nb);
  try {
    for (let first = 0; first < na; first += rowsPerPass) {
      const rows = Math.min(rowsPerPass, na - first);
      device.queue.writeBuffer(x, 0, Float32Array.from(a.subarray(first * dims, (first + rows) * dims)));
      const d = kernels.prepare('linear_forward', { out, x, w, b: bias }, { batch: rows, in_features: dims, out_features: nb }, {}, 'pairwise dot products');
      kernels.run([d], 'pairwise dot products');
      d.destroy();
      dots.set(await readFloats(device, out, rows * nb), first * nb);
    }
    return dots;
  } finally {
    [w, bias, x, out].forEach((buffer) => buffer.destroy());
  }
}

/** KID as measures.ts's kid(), its kernel matrices' dot products from the GPU. */
export async function kidGpu(kernels: Kernels, allA: ArrayLike<number>, allB: ArrayLike<number>, dims: number,
  { subsets = 100, size = 1000, pool = 2000, seed = 1 } = {}): Promise<{ mean: number; standardError: number }> {
  const { a, b } = kidPools(allA, allB, dims, pool, seed);
  const kernel = async (x: Float64Array, y: Float64Array) => polynomialFromDots(await gpuDotProducts(kernels, x, y, dims), dims);
  return kidFromKernels(await kernel(a, a), await kernel(b, b), await kernel(a, b), a.length / dims, b.length / dims, { subsets, size, seed });
}

/** Precision and recall as measures.ts's precisionRecall(), the squared distances from the GPU's dot products. */
export async function precisionRecallGpu(kernels: Kernels, real: Float64Array, fake: Float64Array, dims: number, k = 3): Promise<{ precision: number; recall: number }> {
  const distances = async (x: Float64Array, y: Float64Array) => distancesFromDots(await gpuDotProducts(kernels, x, y, dims), x, y, dims);
  return precisionRecallFromDistances(await distances(real, real), await distances(fake, fake), await distances(fake, real),
    real.length / dims, fake.length / dims, k);
}

/** qualityOf (src/quality/evaluate.ts) with KID's and precision/recall's pairwise products on the GPU. */
export async function qualityOfGpu(kernels: Kernels, real: FeatureSet, fake: FeatureSet,
  options: { prPoints?: number; kidSubsets?: number } = {}): Promise<QualityReport> {
  const q = qualityPlan(real, fake, options);
  return qualityReport(real, fake, await kidGpu(kernels, real.features, fake.features, real.dims, q.kid),
    await precisionRecallGpu(kernels, q.prReal, q.prFake, real.dims, 3));
}
