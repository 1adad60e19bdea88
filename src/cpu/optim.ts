// The CPU mirror of shaders/optim.wgsl.

export interface OptimHyper {
  lr: number;
  beta1: number; // sgd: momentum
  beta2?: number;
  eps?: number;
  weightDecay?: number;
}

export function sgd_momentum_step(param: Float64Array, velocity: Float64Array, grad: ArrayLike<number>, h: OptimHyper): void {
  const wd = h.weightDecay ?? 0;
  for (let i = 0; i < param.length; i++) {
    const g = grad[i] + wd * param[i];
    velocity[i] = h.beta1 * velocity[i] + g;
    param[i] -= h.lr * velocity[i];
  }
}

/** One Adam step; `t` is the number of the step being taken, counted from 1. */
export function adam_step(
  param: Float64Array, m: Float64Array, v: Float64Array, grad: ArrayLike<number>, t: number, h: OptimHyper,
): void {
  const beta2 = h.beta2 ?? 0.999;
  const eps = h.eps ?? 1e-8;
  const wd = h.weightDecay ?? 0;
  const c1 = 1 - Math.pow(h.beta1, t);
  const c2 = 1 - Math.pow(beta2, t);
  for (let i = 0; i < param.length; i++) {
    const g = grad[i] + wd * param[i];
    m[i] = h.beta1 * m[i] + (1 - h.beta1) * g;
    v[i] = beta2 * v[i] + (1 - beta2) * g * g;
    param[i] -= (h.lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
  }
}

/** True when any value is a NaN or an infinity: the guard's test, before an optimizer step. */
/** The mirror of ema_update: ema += (1 - decay) (param - ema). */
export function ema_update(ema: Float64Array, param: ArrayLike<number>, decay: number): void {
  for (let i = 0; i < ema.length; i++) ema[i] += (1 - decay) * (param[i] - ema[i]);
}

export function nonfinite_check(...arrays: ArrayLike<number>[]): boolean {
  return arrays.some((a) => Array.prototype.some.call(a, (v: number) => !Number.isFinite(v)));
}
