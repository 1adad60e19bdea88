// The CPU mirror of shaders/linear.wgsl: plain loops in f64, written to be read. Row-major throughout.
import { activate, activationGrad, type CpuActivation } from './activations.js';

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

/** dpre = dout * act'(out): the gradient at the pre-activation, from the gradient at the output. */
export function activation_backward(dout: Vec, out: Vec, act: CpuActivation, alpha: number): Float64Array {
  const g = new Float64Array(dout.length);
  for (let i = 0; i < g.length; i++) g[i] = dout[i] * activationGrad(act, out[i], alpha);
  return g;
}

/** dx (B, K) [+]= (dpre . w^T) * actIn'(x): x is the layer's input, the output of the activation actIn that produced
 * it (identity: the plain gradient at the input), so what is written is the previous layer's dpre. */
export function linear_backward_input(
  dx: Float64Array, dpre: Vec, w: Vec, x: Vec, s: LinearShape, actIn: CpuActivation = 'identity', alphaIn = 0.2,
  accumulate = false,
): void {
  for (let r = 0; r < s.batch; r++) {
    for (let k = 0; k < s.inFeatures; k++) {
      let sum = 0;
      for (let c = 0; c < s.outFeatures; c++) sum += dpre[r * s.outFeatures + c] * w[k * s.outFeatures + c];
      const i = r * s.inFeatures + k;
      dx[i] = (accumulate ? dx[i] : 0) + sum * activationGrad(actIn, x[i], alphaIn);
    }
  }
}

/** dw (K, N) [+]= x^T . dpre */
export function linear_backward_weight(dw: Float64Array, x: Vec, dpre: Vec, s: LinearShape, accumulate = false): void {
  for (let k = 0; k < s.inFeatures; k++) {
    for (let c = 0; c < s.outFeatures; c++) {
      let sum = 0;
      for (let r = 0; r < s.batch; r++) sum += x[r * s.inFeatures + k] * dpre[r * s.outFeatures + c];
      const i = k * s.outFeatures + c;
      dw[i] = (accumulate ? dw[i] : 0) + sum;
    }
  }
}

/** db (N) [+]= sum over rows of dpre */
export function linear_backward_bias(db: Float64Array, dpre: Vec, s: LinearShape, accumulate = false): void {
  for (let c = 0; c < s.outFeatures; c++) {
    let sum = 0;
    for (let r = 0; r < s.batch; r++) sum += dpre[r * s.outFeatures + c];
    db[c] = (accumulate ? db[c] : 0) + sum;
  }
}

/** All three gradients of one layer from dout, the gradient at its output (dx is the plain gradient at the input). */
export function linear_backward(
  grads: { dx: Float64Array; dw: Float64Array; db: Float64Array }, x: Vec, w: Vec, out: Vec, dout: Vec,
  s: LinearShape, act: CpuActivation = 'identity', alpha = 0.2, accumulate = false,
): void {
  const dpre = activation_backward(dout, out, act, alpha);
  linear_backward_input(grads.dx, dpre, w, x, s, 'identity', 0.2, accumulate);
  linear_backward_weight(grads.dw, x, dpre, s, accumulate);
  linear_backward_bias(grads.db, dpre, s, accumulate);
}
