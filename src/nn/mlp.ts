// MLP specifications, their flat parameter layout and their initialisation. Shared by the GPU networks and the CPU
// reference, so both start from the very same weights.
import { rng_normal } from '../cpu/rng.js';
import type { Activation } from '../gpu/kernels.js';
import { layoutTensors, type ParameterLayout } from './layout.js';

export interface LayerSpec {
  units: number;
  activation: Activation;
  /** leaky_relu's slope, >= 0 (default 0.2) */
  alpha?: number;
}

export interface MlpSpec {
  input: number;
  layers: LayerSpec[];
}

export interface LayerShape {
  inFeatures: number;
  outFeatures: number;
  activation: Activation;
  alpha: number;
  weight: string; // tensor names in the layout
  bias: string;
}

const activations: readonly Activation[] = ['identity', 'relu', 'leaky_relu', 'tanh', 'sigmoid'];
export const MAX_UNITS = 1 << 16;

export function validateMlp(spec: MlpSpec, what: string): void {
  const unitsOk = (n: unknown) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= MAX_UNITS;
  if (!unitsOk(spec.input)) throw new Error(`${what}.input must be an integer in [1, ${MAX_UNITS}], got ${spec.input}`);
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) throw new Error(`${what}.layers must be a non-empty array`);
  spec.layers.forEach((l, i) => {
    if (!unitsOk(l.units)) throw new Error(`${what}.layers[${i}].units must be an integer in [1, ${MAX_UNITS}], got ${l.units}`);
    if (!activations.includes(l.activation)) {
      throw new Error(`${what}.layers[${i}].activation must be one of ${activations.join(', ')}, got ${String(l.activation)}`);
    }
    if (l.alpha !== undefined && !(l.alpha >= 0 && l.alpha < 1)) throw new Error(`${what}.layers[${i}].alpha must be in [0, 1), got ${l.alpha}`);
  });
}

export function layerShapes(spec: MlpSpec): LayerShape[] {
  let inFeatures = spec.input;
  return spec.layers.map((l, i) => {
    const shape = {
      inFeatures, outFeatures: l.units, activation: l.activation, alpha: l.alpha ?? 0.2, weight: `l${i}.w`, bias: `l${i}.b`,
    };
    inFeatures = l.units;
    return shape;
  });
}

export function mlpLayout(spec: MlpSpec): ParameterLayout {
  return layoutTensors(layerShapes(spec).flatMap((l) => [
    { name: l.weight, size: l.inFeatures * l.outFeatures }, { name: l.bias, size: l.outFeatures },
  ]));
}

/** He initialisation (std sqrt(2 / fan_in)) before relu-like units, Xavier (std sqrt(2 / (fan_in + fan_out)))
 * otherwise; biases zero. Drawn from Philox on the CPU, one stream per layer from streamBase, so a seed fixes the
 * network (G and D take different stream bases). */
export function initMlp(spec: MlpSpec, seed: number, streamBase = 0x1000): Float32Array {
  const layout = mlpLayout(spec);
  const params = new Float32Array(layout.totalFloats);
  layerShapes(spec).forEach((l, i) => {
    const reluLike = l.activation === 'relu' || l.activation === 'leaky_relu';
    const std = reluLike ? Math.sqrt(2 / l.inFeatures) : Math.sqrt(2 / (l.inFeatures + l.outFeatures));
    const w = new Float64Array(l.inFeatures * l.outFeatures);
    rng_normal(w, { seed, stream: streamBase + i, draw: 0 }, 0, std);
    const slot = layout.tensors.find((t) => t.name === l.weight)!;
    params.set(w, slot.offset);
  });
  return params;
}
