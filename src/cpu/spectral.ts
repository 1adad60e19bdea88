// The CPU mirror of shaders/spectral.wgsl, on one layer: the power iteration, sigma, the effective weight W / sigma,
// and the gradient back through it (u and v held constant, as PyTorch's autograd does).

/** One layer's weight as PyTorch's [out, rest] matrix, where it lies in the flat parameters, and its bias. */
export interface SpectralSlot {
  rows: number;
  cols: number;
  rowStride: number;
  colStride: number;
  weightOffset: number;
  biasOffset: number;
  biasSize: number;
}

const EPS = 1e-12;

function normalise(x: Float64Array): void {
  let ss = 0;
  for (const e of x) ss += e * e;
  const inv = 1 / Math.max(Math.sqrt(ss), EPS);
  for (let i = 0; i < x.length; i++) x[i] *= inv;
}

/** (W v) as a vector of rows. */
function weightTimes(weight: ArrayLike<number>, s: SpectralSlot, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(s.rows);
  for (let r = 0; r < s.rows; r++) {
    let acc = 0;
    for (let c = 0; c < s.cols; c++) acc += weight[s.weightOffset + r * s.rowStride + c * s.colStride] * v[c];
    out[r] = acc;
  }
  return out;
}

/** One power iteration on u (rows) and v (cols), in place: v = W^T u / |W^T u|, u = W v / |W v|. */
export function power_iteration(weight: ArrayLike<number>, s: SpectralSlot, u: Float64Array, v: Float64Array): void {
  v.fill(0);
  for (let r = 0; r < s.rows; r++) {
    for (let c = 0; c < s.cols; c++) v[c] += weight[s.weightOffset + r * s.rowStride + c * s.colStride] * u[r];
  }
  normalise(v);
  u.set(weightTimes(weight, s, v));
  normalise(u);
}

/** The mirror of spectral_norm_forward: (with `iterate`, one power iteration first) sigma = u . (W v); writes
 * W / sigma and the bias into weightSn; returns sigma. */
export function spectral_norm_forward(weightSn: Float64Array, weight: ArrayLike<number>, s: SpectralSlot,
  u: Float64Array, v: Float64Array, iterate: boolean): number {
  if (iterate) power_iteration(weight, s, u, v);
  const wv = weightTimes(weight, s, v);
  let sigma = 0;
  for (let r = 0; r < s.rows; r++) sigma += u[r] * wv[r];
  for (let i = 0; i < s.rows * s.cols; i++) weightSn[s.weightOffset + i] = weight[s.weightOffset + i] / sigma;
  for (let i = 0; i < s.biasSize; i++) weightSn[s.biasOffset + i] = weight[s.biasOffset + i];
  return sigma;
}

/** The mirror of spectral_norm_backward: grad (at W / sigma) <- (grad - (grad . W_sn) u v^T) / sigma, in place. */
export function spectral_norm_backward(grad: Float64Array, weightSn: ArrayLike<number>, s: SpectralSlot,
  u: ArrayLike<number>, v: ArrayLike<number>, sigma: number): void {
  const n = s.rows * s.cols;
  let dot = 0;
  for (let i = 0; i < n; i++) dot += grad[s.weightOffset + i] * weightSn[s.weightOffset + i];
  for (let i = 0; i < n; i++) {
    const [r, c] = s.rowStride === 1 ? [i % s.rows, Math.floor(i / s.rows)] : [Math.floor(i / s.cols), i % s.cols];
    grad[s.weightOffset + i] = (grad[s.weightOffset + i] - dot * u[r] * v[c]) / sigma;
  }
}
