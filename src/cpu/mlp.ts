// The CPU mirror of a GPU MLP: the same layers, the same flat layout, in f64.
import { layerShapes, mlpLayout, type MlpSpec } from '../nn/mlp.js';
import { activation_backward, linear_backward_bias, linear_backward_input, linear_backward_weight, linear_forward } from './linear.js';

type Vec = ArrayLike<number>;

function tensor(params: Vec, spec: MlpSpec, name: string): Float64Array {
  const s = mlpLayout(spec).tensors.find((t) => t.name === name)!;
  return Float64Array.from({ length: s.size }, (_, i) => params[s.offset + i]);
}

/** Every layer's output, the input first: activations[0] = x, activations[L] = the network's output. */
export function mlp_forward(params: Vec, spec: MlpSpec, x: Vec, batch: number): Float64Array[] {
  const acts = [Float64Array.from(x)];
  for (const l of layerShapes(spec)) {
    const out = new Float64Array(batch * l.outFeatures);
    linear_forward(out, acts[acts.length - 1], tensor(params, spec, l.weight), tensor(params, spec, l.bias),
      { batch, inFeatures: l.inFeatures, outFeatures: l.outFeatures }, l.activation, l.alpha);
    acts.push(out);
  }
  return acts;
}

/** Gradients in the flat layout (added into `grads` when accumulate), and the gradient at the input. dOutput is the
 * gradient at the network's output; as on the GPU, each layer's input gradient is formed with the previous layer's
 * activation derivative folded in (linear_backward_input's actIn), so it is that layer's dpre. */
export function mlp_backward(
  grads: Float64Array, params: Vec, spec: MlpSpec, activations: Float64Array[], dOutput: Vec, batch: number,
  accumulate = false,
): Float64Array {
  const layout = mlpLayout(spec);
  const shapes = layerShapes(spec);
  const last = shapes[shapes.length - 1];
  let dpre = activation_backward(dOutput, activations[shapes.length], last.activation, last.alpha);
  for (let i = shapes.length - 1; i >= 0; i--) {
    const l = shapes[i];
    const s = { batch, inFeatures: l.inFeatures, outFeatures: l.outFeatures };
    const w = tensor(params, spec, l.weight);
    const wSlot = layout.tensors.find((t) => t.name === l.weight)!;
    const bSlot = layout.tensors.find((t) => t.name === l.bias)!;
    linear_backward_weight(grads.subarray(wSlot.offset, wSlot.offset + wSlot.size), activations[i], dpre, s, accumulate);
    linear_backward_bias(grads.subarray(bSlot.offset, bSlot.offset + bSlot.size), dpre, s, accumulate);
    const dx = new Float64Array(batch * l.inFeatures);
    const below = shapes[i - 1]; // the layer whose output is this one's input; none below the first
    linear_backward_input(dx, dpre, w, activations[i], s, below?.activation ?? 'identity', below?.alpha ?? 0.2, false);
    dpre = dx;
  }
  return dpre;
}
