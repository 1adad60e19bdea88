// The activations a layer can fuse into its output, by name. Their numeric codes are the kernels' (the ACT and
// ACT_IN override constants of shaders/*.wgsl, src/gpu/kernels.ts); the names, their checks and defaults live here.
import { activationCodes, type Activation } from '../gpu/kernels.js';

export type { Activation };
export const ACTIVATIONS = Object.keys(activationCodes) as Activation[];

/** An activation with its slope (leaky_relu's; ignored by the others). */
export interface ActivationOf {
  activation: Activation;
  alpha: number;
}

export const IDENTITY: ActivationOf = { activation: 'identity', alpha: 0.2 };
export const DEFAULT_ALPHA = 0.2;

/** The kernels' override constants for an activation fused at a layer's output (ACT) or folded into an input
 * gradient (ACT_IN: the derivative of the activation that produced the input). */
export const actOverrides = (a: ActivationOf) => ({ ACT: activationCodes[a.activation], ALPHA: a.alpha });
export const actInOverrides = (a: ActivationOf) => ({ ACT_IN: activationCodes[a.activation], ALPHA_IN: a.alpha });

/** Checks `activation` and `alpha` of a layer spec (the error names the field); returns them with defaults. */
export function checkActivation(spec: { activation?: unknown; alpha?: unknown }, field: string, fallback?: Activation): ActivationOf {
  const activation = spec.activation ?? fallback;
  if (!ACTIVATIONS.includes(activation as Activation)) {
    throw new Error(`${field}.activation must be one of ${ACTIVATIONS.join(', ')}, got ${JSON.stringify(spec.activation)}`);
  }
  const alpha = spec.alpha ?? DEFAULT_ALPHA;
  if (typeof alpha !== 'number' || !(alpha >= 0 && alpha < 1)) throw new Error(`${field}.alpha must be in [0, 1), got ${JSON.stringify(spec.alpha)}`);
  return { activation: activation as Activation, alpha };
}
