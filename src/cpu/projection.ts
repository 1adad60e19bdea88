// The CPU mirror of shaders/projection.wgsl: a projection discriminator's class term in f64 loops.
import { activationGrad, type CpuActivation } from './activations.js';

type Vec = ArrayLike<number>;

export interface ProjectionShape {
  batch: number;
  features: number;
  classes: number;
}

/** out [r] += sum_c y [r, c] <embed [c], x [r]> */
export function projection_forward(out: Float64Array, x: Vec, embed: Vec, labels: Vec, s: ProjectionShape): void {
  for (let r = 0; r < s.batch; r++) {
    let sum = 0;
    for (let c = 0; c < s.classes; c++) {
      let dot = 0;
      for (let f = 0; f < s.features; f++) dot += embed[c * s.features + f] * x[r * s.features + f];
      sum += labels[r * s.classes + c] * dot;
    }
    out[r] += sum;
  }
}

/** dx [r, f] += dpre [r] (sum_c y [r, c] embed [c, f]) actIn'(x [r, f]) */
export function projection_backward_input(dx: Float64Array, dpre: Vec, x: Vec, embed: Vec, labels: Vec, s: ProjectionShape,
  actIn: CpuActivation = 'identity', alphaIn = 0.2): void {
  for (let r = 0; r < s.batch; r++) {
    for (let f = 0; f < s.features; f++) {
      let e = 0;
      for (let c = 0; c < s.classes; c++) e += labels[r * s.classes + c] * embed[c * s.features + f];
      const i = r * s.features + f;
      dx[i] += dpre[r] * e * activationGrad(actIn, x[i], alphaIn);
    }
  }
}

/** dembed [c, f] (+)= sum_r y [r, c] dpre [r] x [r, f] */
export function projection_backward_embed(dembed: Float64Array, dpre: Vec, x: Vec, labels: Vec, s: ProjectionShape, accumulate = false): void {
  for (let c = 0; c < s.classes; c++) {
    for (let f = 0; f < s.features; f++) {
      let sum = 0;
      for (let r = 0; r < s.batch; r++) sum += labels[r * s.classes + c] * dpre[r] * x[r * s.features + f];
      const i = c * s.features + f;
      dembed[i] = (accumulate ? dembed[i] : 0) + sum;
    }
  }
}
