// Sample-quality measures on feature vectors (a classifier's penultimate layer), in f64 on the CPU:
// - FID (Heusel et al. 2017): the Frechet distance between Gaussians fitted to the two sets,
//   |mu1 - mu2|^2 + tr(S1) + tr(S2) - 2 tr((S1^1/2 S2 S1^1/2)^1/2), the matrix roots by symmetric eigendecomposition;
// - KID (Binkowski et al. 2018): the unbiased MMD^2 with the kernel k(a, b) = (a.b / d + 1)^3, averaged over random
//   subsets of a pool of each set, with its standard error;
// - precision and recall (Kynkaenniemi et al. 2019): the share of one set inside the other's k-nearest-neighbour
//   manifold (balls around each point reaching its k-th neighbour);
// - the class histogram of predicted labels: classes covered, and the KL divergence from uniform.
// Rows are flat Float32Array / Float64Array of `dims` values each.

type Rows = ArrayLike<number>;

/** Mean and covariance (unbiased, n - 1) of n rows. */
export function gaussianFit(rows: Rows, dims: number): { mean: Float64Array; cov: Float64Array; n: number } {
  const n = rows.length / dims;
  if (!Number.isInteger(n) || n < 2) throw new Error(`gaussianFit: need at least 2 rows of ${dims}, got ${rows.length} values`);
  const mean = new Float64Array(dims);
  for (let r = 0; r < n; r++) for (let j = 0; j < dims; j++) mean[j] += rows[r * dims + j] / n;
  const cov = new Float64Array(dims * dims);
  const centred = new Float64Array(dims);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < dims; j++) centred[j] = rows[r * dims + j] - mean[j];
    for (let a = 0; a < dims; a++) {
      const ca = centred[a];
      if (ca === 0) continue;
      for (let b = a; b < dims; b++) cov[a * dims + b] += ca * centred[b];
    }
  }
  for (let a = 0; a < dims; a++) {
    for (let b = a; b < dims; b++) {
      const v = cov[a * dims + b] / (n - 1);
      cov[a * dims + b] = v;
      cov[b * dims + a] = v;
    }
  }
  return { mean, cov, n };
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric d x d matrix, by cyclic Jacobi rotations. */
export function symmetricEigen(matrix: ArrayLike<number>, d: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0, scale = 0;
    for (let p = 0; p < d; p++) {
      scale += a[p * d + p] ** 2;
      for (let q = p + 1; q < d; q++) off += a[p * d + q] ** 2;
    }
    if (off <= 1e-30 * Math.max(scale, 1e-300)) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (apq === 0) continue;
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p], akq = a[k * d + q];
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k], aqk = a[q * d + k];
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p], vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: d }, (_, i) => a[i * d + i]), vectors: v };
}

/** The square root of a symmetric positive semi-definite matrix (negative eigenvalues from rounding taken as 0). */
export function sqrtPsd(matrix: ArrayLike<number>, d: number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, d);
  const out = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    const r = Math.sqrt(Math.max(values[k], 0));
    if (r === 0) continue;
    for (let i = 0; i < d; i++) {
      const vik = vectors[i * d + k] * r;
      for (let j = 0; j < d; j++) out[i * d + j] += vik * vectors[j * d + k];
    }
  }
  return out;
}

function matmul(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let k = 0; k < d; k++) {
    const aik = a[i * d + k];
    if (aik === 0) continue;
    for (let j = 0; j < d; j++) out[i * d + j] += aik * b[k * d + j];
  }
  return out;
}

/** The Frechet distance between N(mu1, S1) and N(mu2, S2). */
export function frechetDistance(mu1: ArrayLike<number>, s1: ArrayLike<number>, mu2: ArrayLike<number>, s2: ArrayLike<number>, d: number): number {
  let diff = 0, trace = 0;
  for (let i = 0; i < d; i++) {
    diff += (mu1[i] - mu2[i]) ** 2;
    trace += s1[i * d + i] + s2[i * d + i];
  }
  const root1 = sqrtPsd(s1, d);
  const middle = matmul(matmul(root1, Float64Array.from(s2), d), root1, d);
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) { // symmetrise what rounding left uneven
    const m = (middle[i * d + j] + middle[j * d + i]) / 2;
    middle[i * d + j] = m;
    middle[j * d + i] = m;
  }
  const { values } = symmetricEigen(middle, d);
  const crossTrace = values.reduce((s, v) => s + Math.sqrt(Math.max(v, 0)), 0);
  return Math.max(0, diff + trace - 2 * crossTrace);
}

/** FID between two sets of feature rows. */
export function fid(a: Rows, b: Rows, dims: number): number {
  const fa = gaussianFit(a, dims), fb = gaussianFit(b, dims);
  return frechetDistance(fa.mean, fa.cov, fb.mean, fb.cov, dims);
}

/** A small seeded generator for the subsets (mulberry32). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function pick(n: number, size: number, rand: () => number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rand() * (n - i));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.slice(0, size);
}

/** `count` rows of `rows` (all when it has no more), chosen at random, deterministically from `seed`: a subset for the
 * measures whose cost grows as the square of the rows, in f64. */
export function sampleRows(rows: Rows, dims: number, count: number, seed = 1): Float64Array {
  return copyRows(rows, dims, count, seed, Float64Array);
}

/** The same draw in f32: the reference sets the classifier's features are computed from. Never a dataset's first
 * rows: MNIST's training split is ordered by digit (its first 2000 rows are zeros, ones and some twos). */
export function drawRows(rows: Rows, dims: number, count: number, seed = 1): Float32Array {
  return copyRows(rows, dims, count, seed, Float32Array);
}

function copyRows<T extends Float32Array | Float64Array>(rows: Rows, dims: number, count: number, seed: number, Out: new (n: number) => T): T {
  const n = rows.length / dims;
  const picked = count >= n ? Array.from({ length: n }, (_, i) => i) : pick(n, count, random(seed));
  const out = new Out(picked.length * dims);
  picked.forEach((r, i) => { for (let t = 0; t < dims; t++) out[i * dims + t] = rows[r * dims + t]; });
  return out;
}

/** The dot product of every row of `a` with every row of `b` (na x nb), in f64 (the GPU's: src/quality/pairwise.ts). */
export function dotProducts(a: Rows, b: Rows, dims: number): Float64Array {
  const na = a.length / dims, nb = b.length / dims;
  const out = new Float64Array(na * nb);
  for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) {
    let dot = 0;
    for (let t = 0; t < dims; t++) dot += a[i * dims + t] * b[j * dims + t];
    out[i * nb + j] = dot;
  }
  return out;
}

/** The polynomial kernel (a.b / d + 1)^3, from the dot products (in place). */
export const polynomialFromDots = (dots: Float64Array, dims: number): Float64Array => dots.map((dot) => (dot / dims + 1) ** 3);

/** KID's pools: `pool` random rows of each set (deterministic from `seed`). */
export function kidPools(allA: Rows, allB: Rows, dims: number, pool = 2000, seed = 1): { a: Float64Array; b: Float64Array } {
  const a = sampleRows(allA, dims, pool, seed), b = sampleRows(allB, dims, pool, seed + 1);
  if (a.length / dims < 2 || b.length / dims < 2) throw new Error(`kid: need at least 2 rows in each set, got ${allA.length / dims} and ${allB.length / dims}`);
  return { a, b };
}

/** KID: the unbiased MMD^2 under k(a, b) = (a.b / d + 1)^3, over `subsets` random subsets of `size` rows drawn from
 * `pool` random rows of each set (the kernel matrices over the pools computed once); its mean and standard error
 * (the subsets' standard deviation over sqrt(subsets)). */
export function kid(allA: Rows, allB: Rows, dims: number, { subsets = 100, size = 1000, pool = 2000, seed = 1 } = {}): { mean: number; standardError: number } {
  const { a, b } = kidPools(allA, allB, dims, pool, seed);
  const kernel = (x: Float64Array, y: Float64Array) => polynomialFromDots(dotProducts(x, y, dims), dims);
  return kidFromKernels(kernel(a, a), kernel(b, b), kernel(a, b), a.length / dims, b.length / dims, { subsets, size, seed });
}

/** KID from the kernel matrices over the pools (na x na, nb x nb, na x nb): the subsets' unbiased MMD^2. */
export function kidFromKernels(kaa: Float64Array, kbb: Float64Array, kab: Float64Array, na: number, nb: number,
  { subsets = 100, size = 1000, seed = 1 } = {}): { mean: number; standardError: number } {
  const m = Math.min(size, na, nb);
  if (m < 2) throw new Error(`kid: subsets need at least 2 rows, got ${m}`);
  const rand = random(seed);
  const values: number[] = [];
  for (let s = 0; s < subsets; s++) {
    const ia = pick(na, m, rand), ib = pick(nb, m, rand);
    let xx = 0, yy = 0, xy = 0;
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) {
        xx += kaa[ia[i] * na + ia[j]];
        yy += kbb[ib[i] * nb + ib[j]];
      }
      for (let j = 0; j < m; j++) xy += kab[ia[i] * nb + ib[j]];
    }
    values.push((2 * xx) / (m * (m - 1)) + (2 * yy) / (m * (m - 1)) - (2 * xy) / (m * m));
  }
  const mean = values.reduce((t, v) => t + v, 0) / subsets;
  const variance = subsets > 1 ? values.reduce((t, v) => t + (v - mean) ** 2, 0) / (subsets - 1) : 0;
  return { mean, standardError: Math.sqrt(variance / subsets) };
}

/** Squared distances from every row of `a` to every row of `b` (na x nb). */
export function squaredDistances(a: Rows, b: Rows, dims: number): Float64Array {
  const na = a.length / dims, nb = b.length / dims;
  const out = new Float64Array(na * nb);
  for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) {
    let s = 0;
    for (let t = 0; t < dims; t++) s += (a[i * dims + t] - b[j * dims + t]) ** 2;
    out[i * nb + j] = s;
  }
  return out;
}

/** Each row's squared distance to its k-th nearest other row of the same set. */
export function kthNeighbourRadii(within: Float64Array, n: number, k: number): Float64Array {
  if (k >= n) throw new Error(`precision/recall: k = ${k} needs more than ${k} rows, got ${n}`);
  return Float64Array.from({ length: n }, (_, i) => {
    const row = Array.from(within.subarray(i * n, (i + 1) * n)).filter((_, j) => j !== i).sort((x, y) => x - y);
    return row[k - 1];
  });
}

/** Squared distances |a|^2 + |b|^2 - 2 a.b from the dot products (na x nb) and each row's squared norm (f64). */
export function distancesFromDots(dots: Float64Array, a: Rows, b: Rows, dims: number): Float64Array {
  const norms = (x: Rows) => Float64Array.from({ length: x.length / dims }, (_, i) => {
    let s = 0;
    for (let t = 0; t < dims; t++) s += x[i * dims + t] ** 2;
    return s;
  });
  const na = norms(a), nb = norms(b);
  return dots.map((dot, i) => Math.max(0, na[Math.floor(i / nb.length)] + nb[i % nb.length] - 2 * dot));
}

/** Precision (the share of `fake` inside the real rows' k-NN manifold) and recall (the share of `real` inside the
 * fake rows' manifold). */
export function precisionRecall(real: Rows, fake: Rows, dims: number, k = 3): { precision: number; recall: number } {
  return precisionRecallFromDistances(squaredDistances(real, real, dims), squaredDistances(fake, fake, dims), squaredDistances(fake, real, dims),
    real.length / dims, fake.length / dims, k);
}

/** Precision and recall from the squared distances within the real rows (nr x nr), within the fake ones (nf x nf)
 * and from each fake row to each real one (nf x nr). */
export function precisionRecallFromDistances(withinReal: Float64Array, withinFake: Float64Array, cross: Float64Array, nr: number, nf: number,
  k = 3): { precision: number; recall: number } {
  const realRadii = kthNeighbourRadii(withinReal, nr, k);
  const fakeRadii = kthNeighbourRadii(withinFake, nf, k);
  let precise = 0, recalled = 0;
  for (let f = 0; f < nf; f++) {
    for (let r = 0; r < nr; r++) if (cross[f * nr + r] <= realRadii[r]) { precise++; break; }
  }
  for (let r = 0; r < nr; r++) {
    for (let f = 0; f < nf; f++) if (cross[f * nr + r] <= fakeRadii[f]) { recalled++; break; }
  }
  return { precision: precise / nf, recall: recalled / nr };
}

/** The histogram of predicted classes (argmax of each row of logits), the classes with at least one row, and
 * KL(histogram || uniform) in nats. */
export function classHistogram(logits: Rows, classes: number): { counts: number[]; covered: number; klFromUniform: number } {
  const n = logits.length / classes;
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < classes; j++) if (logits[i * classes + j] > logits[i * classes + best]) best = j;
    counts[best]++;
  }
  const kl = counts.reduce((s, c) => (c === 0 ? s : s + (c / n) * Math.log((c / n) * classes)), 0);
  return { counts, covered: counts.filter((c) => c > 0).length, klFromUniform: kl };
}

/** Counts of each mode (0..modes-1) among labels, the modes with at least one, and KL(counts || uniform) in nats:
 * Stacked MNIST's measure (1000 modes, 26,000 samples in the PacGAN paper). */
export function modeCounts(labels: ArrayLike<number>, modes: number): { counts: Uint32Array; covered: number; klFromUniform: number } {
  const counts = new Uint32Array(modes);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  const n = labels.length;
  let kl = 0, covered = 0;
  for (const c of counts) {
    if (c === 0) continue;
    covered++;
    kl += (c / n) * Math.log((c / n) * modes);
  }
  return { counts, covered, klFromUniform: kl };
}
