// The CPU mirror of the gradient penalties (shaders/penalty.wgsl, src/train/penalty.ts): the penalty on D's input
// gradient g = dD/dx and its gradient with respect to D's parameters, a gradient of a gradient. f64, layer by layer
// through each kind's own CPU forward and backward, checked against finite differences of the penalty itself
// (tests/unit/penalty.test.ts).
//
// With u = dP/dg held fixed, dP/dtheta = d(u . g)/dtheta, and u . g is the derivative of D at x in the direction u:
// a forward tangent pass (the layers' linear parts on the tangent, each activation's derivative at the primal), then
// a reverse pass over both the primal and the tangent. Per layer a -> W a + b, h = act(a):
//   tangent   adot = W hdot_below,  hdot = act'(a) adot,  hdot_0 = u
//   reverse   adotbar_L = 1, abar_L = 0;  dW += abar h_below^T + adotbar hdot_below^T,  db += abar;
//             below: adotbar = (W^T adotbar) act'(a),  abar = (W^T abar) act'(a) + (W^T adotbar) adot act''(a)
// For piecewise-linear activations act'' = 0 and abar stays 0: only the tangent's pass contributes.
import { IDENTITY } from '../nn/activations.js';
import { featureSize } from '../nn/layer.js';
import { planNetwork, type NetworkSpec } from '../nn/network.js';
import { activationGrad, activationSecond } from './activations.js';
import { layerTensors, network_backward, network_forward } from './network.js';

/** 'r1': weight * mean |g|^2 / 2 (Mescheder et al. 2018, gamma = weight); 'wgan-gp': weight * mean (|g| - 1)^2
 * (Gulrajani et al. 2017, lambda = weight). */
export type PenaltyType = 'r1' | 'wgan-gp';

/** The mirror of gradient_penalty: returns P; writes u = dP/dg (n rows of dims). */
export function gradient_penalty(u: Float64Array, g: ArrayLike<number>, n: number, dims: number, type: PenaltyType, weight: number): number {
  let sum = 0;
  for (let r = 0; r < n; r++) {
    let ss = 0;
    for (let j = 0; j < dims; j++) ss += g[r * dims + j] ** 2;
    const norm = Math.sqrt(ss);
    sum += type === 'r1' ? ss / 2 : (norm - 1) ** 2;
    const scale = type === 'r1' ? weight / n : norm > 0 ? (2 * weight * (norm - 1)) / (norm * n) : 0;
    for (let j = 0; j < dims; j++) u[r * dims + j] = scale * g[r * dims + j];
  }
  return (weight * sum) / n;
}

/** 1 at each row's logit, D's first output (an ACGAN's class logits after it take 0): the seed of dD/dx. */
function logitSeed(spec: NetworkSpec, n: number): Float64Array {
  const outputs = featureSize(planNetwork(spec, 'network').output);
  return Float64Array.from({ length: n * outputs }, (_, i) => (i % outputs === 0 ? 1 : 0));
}

/** D's input gradient at the n rows of x (dD/dx, D's output taken as its logit). */
export function input_gradient(params: ArrayLike<number>, spec: NetworkSpec, x: ArrayLike<number>, n: number, labels?: Float64Array): Float64Array {
  const run = network_forward(params, spec, x, n, { training: false, labels });
  const scratch = new Float64Array(planNetwork(spec, 'network').layout.totalFloats);
  return network_backward(scratch, params, spec, run, logitSeed(spec, n), n);
}

/** The penalty at the n rows of x, and its gradient with respect to D's parameters added into `grads`; `labels`: the
 * rows' one-hot labels, for a projection D. */
export function penalty_backward(grads: Float64Array, params: ArrayLike<number>, spec: NetworkSpec, x: ArrayLike<number>, n: number,
  type: PenaltyType, weight: number, labels?: Float64Array): number {
  const plan = planNetwork(spec, 'network');
  const layers = plan.compute;
  const run = network_forward(params, spec, x, n, { training: false, labels });
  const g = input_gradient(params, spec, x, n, labels);
  const u = new Float64Array(g.length);
  const penalty = gradient_penalty(u, g, n, spec.input, type, weight);
  const keysOf = (i: number) => layers[i].params.map((t) => t.key);
  const paramsOf = (i: number) => layerTensors(params, plan.layout, layers[i].index, keysOf(i));

  // the tangent: each layer's linear part (no bias, no activation), then its activation's derivative at the primal
  const hdot: Float64Array[] = [u];
  const adot: Float64Array[] = [];
  layers.forEach((l, i) => {
    const p = paramsOf(i);
    const a = l.kind.cpuForward!({
      layer: { ...l, act: IDENTITY }, batch: n, x: hdot[i], training: false, saved: {}, stats: {}, labels,
      params: { ...p, ...(p.bias ? { bias: new Float64Array(p.bias.length) } : {}) },
    });
    adot.push(a);
    const h = run.outputs[i + 1];
    hdot.push(a.map((v, k) => activationGrad(l.act.activation, h[k], l.act.alpha) * v));
  });

  // the reverse over both streams
  let adotbar = logitSeed(spec, n);
  let abar = new Float64Array(adotbar.length);
  for (let i = layers.length - 1; i >= 0; i--) {
    const l = layers[i];
    const views = layerTensors(grads, plan.layout, l.index, keysOf(i), true);
    const step = (x: Float64Array, dpre: Float64Array, bias: boolean) => l.kind.cpuBackward!({
      layer: l, batch: n, x, out: new Float64Array(0), dpre, accumulate: true, saved: {}, params: paramsOf(i), inputAct: IDENTITY, labels,
      grads: { ...views, ...(views.bias && !bias ? { bias: new Float64Array(views.bias.length) } : {}) },
    });
    const tangentBelow = step(hdot[i], adotbar, false); // the tangent's stream carries no bias (adot has none)
    const primalBelow = step(run.outputs[i], abar, true);
    if (i === 0) break;
    const below = layers[i - 1], h = run.outputs[i];
    if (tangentBelow.length !== n * featureSize(l.input)) throw new Error(`layer ${l.index}: input gradient of ${tangentBelow.length} values`);
    const d1 = h.map((y) => activationGrad(below.act.activation, y, below.act.alpha));
    abar = primalBelow.map((v, k) => v * d1[k] + tangentBelow[k] * adot[i - 1][k] * activationSecond(below.act.activation, h[k]));
    adotbar = tangentBelow.map((v, k) => v * d1[k]);
  }
  return penalty;
}
