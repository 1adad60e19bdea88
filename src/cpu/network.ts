// The CPU mirror of a GPU network: the same layers, the same flat layouts, in f64. Each layer kind's mirror is in
// its own file here (linear.ts, conv.ts, batch-norm.ts); the kinds (src/nn/) say which to call.
import { featureSize } from '../nn/layer.js';
import { initStats, planNetwork, type NetworkSpec } from '../nn/network.js';
import type { ParameterLayout } from '../nn/layout.js';
import { activation_backward } from './linear.js';

type Vec = ArrayLike<number>;

/** Every computing layer's output, the input first (outputs[0] = x, the last = the network's output), and what each
 * layer kept for its backward (batch norm's batch statistics). */
export interface NetworkRun {
  outputs: Float64Array[];
  saved: Record<string, Float64Array>[];
  /** The rows' one-hot labels the forward read (a projection D's), which the backward reads too. */
  labels?: Float64Array;
}

export function layerTensors(values: Vec | Float64Array, layout: ParameterLayout, index: number, keys: string[], view = false): Record<string, Float64Array> {
  return Object.fromEntries(keys.map((key) => {
    const s = layout.tensors.find((t) => t.name === `l${index}.${key}`)!;
    return [key, view ? (values as Float64Array).subarray(s.offset, s.offset + s.size)
      : Float64Array.from({ length: s.size }, (_, i) => values[s.offset + i])];
  }));
}

/** The forward pass. In training (the default) batch norm normalises by the batch and moves `stats` (the running
 * statistics, in the stats layout; fresh ones when not given) in place; in inference it uses them. */
export function network_forward(params: Vec, spec: NetworkSpec, x: Vec, batch: number,
  options: { training?: boolean; stats?: Float64Array; labels?: Float64Array } = {}): NetworkRun {
  const plan = planNetwork(spec, 'network');
  const training = options.training ?? true;
  const stats = options.stats ?? Float64Array.from(initStats(plan));
  const run: NetworkRun = { outputs: [Float64Array.from(x)], saved: [], labels: options.labels };
  for (const l of plan.compute) {
    const saved: Record<string, Float64Array> = {};
    const out = l.kind.cpuForward!({
      layer: l, batch, x: run.outputs[run.outputs.length - 1], training, saved, labels: options.labels,
      params: layerTensors(params, plan.layout, l.index, l.params.map((t) => t.key)),
      stats: layerTensors(stats, plan.statsLayout, l.index, l.stats.map((t) => t.key), true),
    });
    run.outputs.push(out);
    run.saved.push(saved);
  }
  return run;
}

/** Gradients in the flat layout (added into `grads` when accumulate), and the gradient at the input. dOutput is the
 * gradient at the network's output; as on the GPU, each layer's input gradient is formed with the previous layer's
 * activation derivative folded in, so it is that layer's dpre. */
export function network_backward(
  grads: Float64Array, params: Vec, spec: NetworkSpec, run: NetworkRun, dOutput: Vec, batch: number, accumulate = false,
): Float64Array {
  const plan = planNetwork(spec, 'network');
  const layers = plan.compute;
  let dpre = activation_backward(dOutput, run.outputs[layers.length], plan.outputAct.activation, plan.outputAct.alpha);
  for (let i = layers.length - 1; i >= 0; i--) {
    const l = layers[i];
    const below = layers[i - 1]; // the layer whose output is this one's input; none below the first
    dpre = l.kind.cpuBackward!({
      layer: l, batch, x: run.outputs[i], out: run.outputs[i + 1], dpre, accumulate, saved: run.saved[i] ?? {}, labels: run.labels,
      params: layerTensors(params, plan.layout, l.index, l.params.map((t) => t.key)),
      grads: layerTensors(grads, plan.layout, l.index, l.params.map((t) => t.key), true),
      inputAct: below?.act ?? { activation: 'identity', alpha: 0.2 },
    });
    if (dpre.length !== batch * featureSize(l.input)) throw new Error(`layer ${l.index}: input gradient of ${dpre.length} values`);
  }
  return dpre;
}

/** network_forward's outputs (an MLP has nothing else to keep). */
export function mlp_forward(params: Vec, spec: NetworkSpec, x: Vec, batch: number): Float64Array[] {
  return network_forward(params, spec, x, batch).outputs;
}

/** network_backward from an MLP's outputs. */
export function mlp_backward(grads: Float64Array, params: Vec, spec: NetworkSpec, outputs: Float64Array[], dOutput: Vec,
  batch: number, accumulate = false): Float64Array {
  return network_backward(grads, params, spec, { outputs, saved: [] }, dOutput, batch, accumulate);
}
