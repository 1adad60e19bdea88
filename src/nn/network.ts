// A network: a sequence of layers (src/nn/kinds.ts) from a flat input row. planNetwork checks a spec before any GPU
// work (every error names its field) and resolves each layer's shapes and tensors; the flat parameter layout (one
// buffer, so one optimizer dispatch) and the stats layout (batch norm's running statistics) follow from the plan.
// Shared by the GPU network and the CPU reference, so both start from the very same weights.
import { rng_normal } from '../cpu/rng.js';
import type { ActivationOf } from './activations.js';
import type { BatchNormSpec, ConvSpec, FlattenSpec, LinearSpec, ProjectionSpec, ReshapeSpec } from './kinds.js';
import { layerKinds } from './kinds.js';
import { describeShape, featureSize, flatShape, type FeatureShape, type LayerPlan } from './layer.js';
import { layoutTensors, type ParameterLayout } from './layout.js';
import { MAX_UNITS } from './linear.js';

/** One layer of a config: `{ units, activation }` (linear, the default type), `{ type: 'conv2d', channels, kernel,
 * stride, padding, activation }`, `{ type: 'conv_transpose2d', ... }`, `{ type: 'batch_norm', activation }`,
 * `{ type: 'reshape', shape }`, `{ type: 'flatten' }`; `{ type: 'projection', classes }` ends a projection D. */
export type LayerSpec = LinearSpec | ConvSpec | BatchNormSpec | ReshapeSpec | FlattenSpec | ProjectionSpec;

export interface NetworkSpec {
  /** The width of an input row. */
  input: number;
  layers: LayerSpec[];
}

export interface NetworkPlan {
  input: FeatureShape;
  /** Every layer, reshapes included. */
  layers: LayerPlan[];
  /** The layers that compute (reshape and flatten only rename a buffer). */
  compute: LayerPlan[];
  output: FeatureShape;
  /** The activation at the network's output (its last computing layer's). */
  outputAct: ActivationOf;
  /** Trainable tensors `l${index}.${key}` in one flat buffer. */
  layout: ParameterLayout;
  /** Running statistics `l${index}.${key}` in another (empty without batch norm). */
  statsLayout: ParameterLayout;
}

export { MAX_UNITS };

const known = (kind: { keys: readonly string[] }) => ['type', ...kind.keys];

/** Checks the spec (throwing an Error that names the field, under `what`) and resolves every layer. */
export function planNetwork(spec: NetworkSpec, what: string): NetworkPlan {
  if (!Number.isInteger(spec?.input) || spec.input < 1 || spec.input > MAX_UNITS) {
    throw new Error(`${what}.input must be an integer in [1, ${MAX_UNITS}], got ${spec?.input}`);
  }
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) throw new Error(`${what}.layers must be a non-empty array`);
  let shape = flatShape(spec.input);
  const layers = spec.layers.map((raw, index): LayerPlan => {
    const field = `${what}.layers[${index}]`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${field} must be an object, got ${JSON.stringify(raw)}`);
    const type = raw.type ?? 'linear';
    const kind = layerKinds[type];
    if (!kind) throw new Error(`${field}.type must be one of ${Object.keys(layerKinds).join(', ')}, got ${JSON.stringify(raw.type)}`);
    for (const key of Object.keys(raw)) {
      if (!known(kind).includes(key)) throw new Error(`${field} has an unknown key '${key}' (known for ${type}: ${known(kind).join(', ')})`);
    }
    const resolved = kind.plan(raw, shape, field);
    const plan = { index, type, spec: raw, kind, input: shape, field, ...resolved };
    shape = resolved.output;
    return plan;
  });
  const compute = layers.filter((l) => l.kind.gpuForward);
  if (compute.length === 0) throw new Error(`${what}.layers has no layer that computes (only reshapes)`);
  const tensors = (list: 'params' | 'stats') => layoutTensors(layers.flatMap((l) => l[list].map((t) => ({
    name: `l${l.index}.${t.key}`, size: t.shape.reduce((a, b) => a * b, 1),
  }))));
  return {
    input: flatShape(spec.input), layers, compute, output: shape, outputAct: compute[compute.length - 1].act,
    layout: tensors('params'), statsLayout: tensors('stats'),
  };
}

/** The flat parameter layout of a network (throws on an invalid spec). */
export function networkLayout(spec: NetworkSpec): ParameterLayout {
  return planNetwork(spec, 'network').layout;
}

/** The initial parameters: each layer's random tensors drawn from Philox on the CPU, stream streamBase + the layer's
 * index (one draw per random tensor), so a seed fixes the network (G and D take different stream bases); constant
 * tensors (biases, batch norm's gamma) as their kind sets them. */
export function initNetwork(spec: NetworkSpec, seed: number, streamBase = 0x1000): Float32Array {
  const plan = planNetwork(spec, 'network');
  const params = new Float32Array(plan.layout.totalFloats);
  fill(plan, 'params', params, seed, streamBase);
  return params;
}

/** The initial running statistics (batch norm's mean 0 and variance 1). */
export function initStats(plan: NetworkPlan): Float32Array {
  const stats = new Float32Array(plan.statsLayout.totalFloats);
  fill(plan, 'stats', stats, 0, 0);
  return stats;
}

function fill(plan: NetworkPlan, list: 'params' | 'stats', out: Float32Array, seed: number, streamBase: number): void {
  const layout = list === 'params' ? plan.layout : plan.statsLayout;
  for (const l of plan.layers) {
    let draw = 0;
    for (const t of l[list]) {
      const slot = layout.tensors.find((s) => s.name === `l${l.index}.${t.key}`)!;
      if ('std' in t.init) {
        const values = new Float64Array(slot.size);
        rng_normal(values, { seed, stream: streamBase + l.index, draw: draw++ }, 0, t.init.std);
        out.set(values, slot.offset);
      } else {
        out.fill(t.init.value, slot.offset, slot.offset + slot.size);
      }
    }
  }
}

/** A one-line description: '784 -> conv2d 64x14x14 leaky_relu -> ... -> 1'. */
export function describeNetwork(plan: NetworkPlan): string {
  return [describeShape(plan.input), ...plan.layers.map((l) => `${l.type} ${describeShape(l.output)}${l.act.activation === 'identity' ? '' : ` ${l.act.activation}`}`)].join(' -> ');
}

// The names of the first milestone, for code written against them: an MLP is a network of linear layers.
export type MlpSpec = NetworkSpec;
export const mlpLayout = networkLayout;
export const initMlp = initNetwork;
/** Checks a spec, throwing an Error that names the field under `what`. */
export function validateMlp(spec: NetworkSpec, what: string): void {
  planNetwork(spec, what);
}

/** A linear layer's sizes (networks of linear layers only: the TF.js peer and the benches describe MLPs). */
export interface LayerShape {
  inFeatures: number;
  outFeatures: number;
  activation: ActivationOf['activation'];
  alpha: number;
  weight: string; // tensor names in the layout
  bias: string;
}

export function layerShapes(spec: NetworkSpec): LayerShape[] {
  return planNetwork(spec, 'network').layers.map((l) => {
    if (l.type !== 'linear') throw new Error(`layerShapes describes linear layers only; layer ${l.index} is ${l.type}`);
    return {
      inFeatures: featureSize(l.input), outFeatures: featureSize(l.output), activation: l.act.activation, alpha: l.act.alpha,
      weight: `l${l.index}.weight`, bias: `l${l.index}.bias`,
    };
  });
}
