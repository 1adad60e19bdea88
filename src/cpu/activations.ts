// Activations in f64, the mirror of the WGSL ones; derivatives are written in terms of the output, as there.
export type CpuActivation = 'identity' | 'relu' | 'leaky_relu' | 'tanh' | 'sigmoid';

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function activate(act: CpuActivation, z: number, alpha: number): number {
  switch (act) {
    case 'relu': return Math.max(z, 0);
    case 'leaky_relu': return z > 0 ? z : alpha * z;
    case 'tanh': return Math.tanh(z);
    case 'sigmoid': return sigmoid(z);
    default: return z;
  }
}

/** act'(z) from y = act(z); at z = 0 relu and leaky_relu take the left derivative, as the kernels do. */
export function activationGrad(act: CpuActivation, y: number, alpha: number): number {
  switch (act) {
    case 'relu': return y > 0 ? 1 : 0;
    case 'leaky_relu': return y > 0 ? 1 : alpha;
    case 'tanh': return 1 - y * y;
    case 'sigmoid': return y * (1 - y);
    default: return 1;
  }
}

/** act''(z) from y = act(z): 0 for the piecewise-linear ones (the double backward's second-order term). */
export function activationSecond(act: CpuActivation, y: number): number {
  switch (act) {
    case 'tanh': return -2 * y * (1 - y * y);
    case 'sigmoid': return y * (1 - y) * (1 - 2 * y);
    default: return 0;
  }
}
