// The CPU mirror of shaders/parzen.wgsl, in f64, and the Parzen-window log-likelihood computed directly from the
// distances (no matmul, no expansion of ||x - s||^2), the oracle the GPU path is checked against.

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** out (rows) = sum over c of x (rows, cols)^2. */
export function row_sq_norm_forward(out: Float64Array, x: ArrayLike<number>, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += x[r * cols + c] * x[r * cols + c];
    out[r] = sum;
  }
}

/** log(sum_j exp(terms_j)), stable for terms of any size. */
export function logSumExp(terms: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < terms.length; i++) max = Math.max(max, terms[i]);
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = 0; i < terms.length; i++) sum += Math.exp(terms[i] - max);
  return max + Math.log(sum);
}

/** The log of the Gaussian window's normalising constant in d dimensions: d log(sigma sqrt(2 pi)). */
const logNorm = (dims: number, sigma: number) => dims * (Math.log(sigma) + HALF_LOG_TWO_PI);

/** out (points, widths) from dots (points, samples) = x . s^T and the rows' squared norms, as the kernel does. */
export function parzen_forward(
  out: Float64Array, dots: ArrayLike<number>, xSq: ArrayLike<number>, sSq: ArrayLike<number>, sigmas: ArrayLike<number>,
  points: number, samples: number, dims: number,
): void {
  const terms = new Float64Array(samples);
  for (let t = 0; t < points; t++) {
    for (let w = 0; w < sigmas.length; w++) {
      const scale = -0.5 / (sigmas[w] * sigmas[w]);
      for (let j = 0; j < samples; j++) terms[j] = Math.max(xSq[t] + sSq[j] - 2 * dots[t * samples + j], 0) * scale;
      out[t * sigmas.length + w] = logSumExp(terms) - Math.log(samples) - logNorm(dims, sigmas[w]);
    }
  }
}

/** log p(x_t) under the Parzen window of width sigma on the samples, from the distances themselves. */
export function parzenLogDensity(points: ArrayLike<number>, samples: ArrayLike<number>, dims: number, sigma: number): Float64Array {
  const nPoints = points.length / dims, nSamples = samples.length / dims;
  const out = new Float64Array(nPoints);
  const terms = new Float64Array(nSamples);
  for (let t = 0; t < nPoints; t++) {
    for (let j = 0; j < nSamples; j++) {
      let d2 = 0;
      for (let c = 0; c < dims; c++) {
        const d = points[t * dims + c] - samples[j * dims + c];
        d2 += d * d;
      }
      terms[j] = (-0.5 * d2) / (sigma * sigma);
    }
    out[t] = logSumExp(terms) - Math.log(nSamples) - logNorm(dims, sigma);
  }
  return out;
}
