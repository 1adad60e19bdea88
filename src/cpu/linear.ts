// The CPU mirror of shaders/linear.wgsl: plain loops in f64, written to be read. Row-major throughout.
import { activate, activationGrad, type CpuActivation } from './activations';

export interface LinearShape {
  batch: number;
  inFeatures: number;
  outFeatures: number;
}
type Vec = ArrayLike<number>;

/** out (B, N) = act(x (B, K) . w (K, N) + b (N)) */
export function linear_forward(
  out: Float64Array, x: Vec, w: Vec, b: Vec, s: LinearShape, act: CpuActivation = 'identity', alpha = 0.2,
): void {
  for (let r = 0; r < s.batch; r++) {
    for (let c = 0; c < s.outFeatures; c++) {
      let z = b[c];
      for (let k = 0; k < s.inFeatures; k++) z += x[r * s.inFeatures + k] * w[k * s.outFeatures + c];
      out[r * s.outFeatures + c] = activate(act, z, alpha);
    }
  }
}

/** dout * act'(out): the gradient at the pre-activation. */
function preActivationGrad(dout: Vec, out: Vec, act: CpuActivation, alpha: number): Float64Array {
  const g = new Float64Array(dout.length);
  for (let i = 0; i < g.length; i++) g[i] = dout[i] * activationGrad(act, out[i], alpha);
  return g;
}

/** dx (B, K) [+]= (dout * act'(out)) . w^T */
export function linear_backward_input(
  dx: Float64Array, dout: Vec, out: Vec, w: Vec, s: LinearShape, act: CpuActivation = 'identity', alpha = 0.2,
  accumulate = false,
): void {
  const g = preActivationGrad(dout, out, act, alpha);
  for (let r = 0; r < s.batch; r++) {
    for (let k = 0; k < s.inFeatures; k++) {
      let sum = 0;
      for (let c = 0; c < s.outFeatures; c++) sum += g[r * s.outFeatures + c] * w[k * s.outFeatures + c];
      const i = r * s.inFeatures + k;
      dx[i] = (accumulate ? dx[i] : 0) + sum;
    }
  }
}

/** dw (K, N) [+]= x^T . (dout * act'(out)) */
export function linear_backward_weight(
  dw: Float64Array, x: Vec, dout: Vec, out: Vec, s: LinearShape, act: CpuActivation = 'identity', alpha = 0.2,
  accumulate = false,
): void {
  const g = preActivationGrad(dout, out, act, alpha);
  for (let k = 0; k < s.inFeatures; k++) {
    for (let c = 0; c < s.outFeatures; c++) {
      let sum = 0;
      for (let r = 0; r < s.batch; r++) sum += x[r * s.inFeatures + k] * g[r * s.outFeatures + c];
      const i = k * s.outFeatures + c;
      dw[i] = (accumulate ? dw[i] : 0) + sum;
    }
  }
}

/** db (N) [+]= sum over rows of (dout * act'(out)) */
export function linear_backward_bias(
  db: Float64Array, dout: Vec, out: Vec, s: LinearShape, act: CpuActivation = 'identity', alpha = 0.2,
  accumulate = false,
): void {
  const g = preActivationGrad(dout, out, act, alpha);
  for (let c = 0; c < s.outFeatures; c++) {
    let sum = 0;
    for (let r = 0; r < s.batch; r++) sum += g[r * s.outFeatures + c];
    db[c] = (accumulate ? db[c] : 0) + sum;
  }
}

/** All three gradients of one layer, as the GPU's three dispatches compute them. */
export function linear_backward(
  grads: { dx: Float64Array; dw: Float64Array; db: Float64Array }, x: Vec, w: Vec, out: Vec, dout: Vec,
  s: LinearShape, act: CpuActivation = 'identity', alpha = 0.2, accumulate = false,
): void {
  linear_backward_input(grads.dx, dout, out, w, s, act, alpha, accumulate);
  linear_backward_weight(grads.dw, x, dout, out, s, act, alpha, accumulate);
  linear_backward_bias(grads.db, dout, out, s, act, alpha, accumulate);
}
