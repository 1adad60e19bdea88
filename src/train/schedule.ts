// Algorithm 1 of Goodfellow et al. (2014) as dispatch lists: the discriminator step and the generator step.
// Each step begins with rng_advance, so it draws fresh noise and a fresh minibatch from the GPU counter.
import { bceModes } from '../gpu/kernels.js';
import type { Dispatch, Kernels } from '../gpu/registry.js';
import type { MlpApplication, GpuMlp } from '../nn/mlp-gpu.js';
import { STREAMS, type GanConfig, type ResolvedOptimizer } from './config.js';

/** Slots of the metrics vector written each iteration, and its width. */
export const METRIC = { dLoss: 0, gLoss: 1, dReal: 2, dFake: 3 } as const;
export const METRIC_WIDTH = 4;

export interface OptimizerBuffers {
  m: GPUBuffer; // adam: first moment; sgd: velocity
  v: GPUBuffer; // adam: second moment; sgd: unused
  counterIndex: number; // where (t, S1, S2) start in the counters buffer
}

/** Guard bits: which network's step found a NaN or an infinity. */
export const GUARD = { discriminator: 1, generator: 2 } as const;

/** The NaN/Inf check of this network's gradients and the iteration's metrics, the step count, the step. */
export function optimizerStep(
  k: Kernels, net: GpuMlp, o: ResolvedOptimizer, state: OptimizerBuffers, b: Pick<StepBuffers, 'counters' | 'guard' | 'metrics'>,
  guardBit: number,
): Dispatch[] {
  const hyper = {
    n: net.layout.totalFloats, lr: o.lr, beta1: o.beta1, beta2: o.beta2, eps: o.eps, counter_index: state.counterIndex,
    guard_bit: guardBit, extra_n: METRIC_WIDTH,
  };
  const { counters, guard } = b;
  const step = o.type === 'adam'
    ? k.prepare('adam_step', { param: net.params, m: state.m, v: state.v, grad: net.grads, counters, guard }, hyper, {}, `${net.name}.adam`)
    : k.prepare('sgd_momentum_step', { param: net.params, velocity: state.m, grad: net.grads, guard }, hyper, {}, `${net.name}.sgd`);
  return [
    k.prepare('nonfinite_check', { guard, grad: net.grads, extra: b.metrics }, hyper, {}, `${net.name}.nonfinite check`),
    k.prepare('optimizer_count_step', { counters, guard }, hyper, {}, `${net.name}.count`),
    step,
  ];
}

export function noiseDraw(k: Kernels, config: GanConfig, out: GPUBuffer, rngState: GPUBuffer, stream: number, n: number): Dispatch {
  const seed = { seed_lo: config.seed >>> 0, seed_hi: Math.floor(config.seed / 2 ** 32) >>> 0 };
  return config.noise.distribution === 'normal'
    ? k.prepare('rng_normal', { out, rng_state: rngState }, { n, stream, ...seed, a: 0, b: 1 }, {}, 'z ~ N(0, 1)')
    : k.prepare('rng_uniform', { out, rng_state: rngState }, { n, stream, ...seed, a: -1, b: 1 }, {}, 'z ~ U(-1, 1)');
}

export interface StepBuffers {
  rngState: GPUBuffer;
  counters: GPUBuffer;
  guard: GPUBuffer; // non-zero once a step met a NaN or an infinity (GUARD bits)
  z: GPUBuffer;
  // D's input in the discriminator step is one batch of 2n rows, G(z) first and the real minibatch after, so that D's
  // forward and backward run once over both halves (one dw pass, and larger matmuls) instead of once per half.
  minibatch: Dispatch[]; // draws the real minibatch into rows n..2n of D's input
  g: MlpApplication<GPUBufferBinding>; // G applied to z, writing rows 0..n of D's input
  dBoth: MlpApplication; // D applied to all 2n rows: logits of the fakes in [0, n), of the real rows in [n, 2n)
  dFake: MlpApplication; // D applied to rows 0..n only, for the generator's step (its logits: a buffer of its own)
  dlogitsD: GPUBuffer; // 2n, laid out as dBoth's logits
  dlogitsG: GPUBuffer;
  dGeneratorPre: GPUBuffer; // dV/d(G's last pre-activation), from D's input gradient
  metrics: GPUBuffer; // METRIC_WIDTH floats, this iteration's
  ring: GPUBuffer;
  ringState: GPUBuffer;
  ringSlots: number;
}

/** k of these, then one generatorStep: D's loss on real (target realLabel) and fake (target 0), D backward over
 * both halves at once into one gradient, D's optimizer. G's parameters are not written. */
export function discriminatorStep(
  k: Kernels, config: GanConfig, d: GpuMlp, dOpt: ResolvedOptimizer, dState: OptimizerBuffers, b: StepBuffers,
): Dispatch[] {
  const n = config.batchSize;
  const logits = b.dBoth.output;
  const FAKE = 0, REAL = n; // where each half's logits start
  const bce = (offset: number, target: number, accumulate: number, label: string) =>
    k.prepare('sigmoid_bce_forward_backward', { dlogits: b.dlogitsD, loss: b.metrics, logits },
      { n, mode: bceModes.bce, target_label: target, scale: 1, accumulate, loss_index: METRIC.dLoss, offset }, {}, label);
  const meanD = (offset: number, index: number, label: string) =>
    k.prepare('mean_forward', { out: b.metrics, data: logits }, { n, op: 1, out_index: index, in_offset: offset }, {}, label);
  return [
    k.prepare('rng_advance', { rng_state: b.rngState }, {}, {}, 'D step: rng advance'),
    noiseDraw(k, config, b.z, b.rngState, STREAMS.noiseD, n * config.noise.dim),
    ...b.minibatch,
    ...b.g.forward,
    ...b.dBoth.forward,
    bce(REAL, config.realLabel, 0, 'D loss on real'),
    bce(FAKE, 0, 1, 'D loss on fake'),
    meanD(REAL, METRIC.dReal, 'mean D(x)'),
    meanD(FAKE, METRIC.dFake, 'mean D(G(z))'),
    ...b.dBoth.backward(b.dlogitsD, { accumulate: false, label: 'D step' }),
    ...optimizerStep(k, d, dOpt, dState, b, GUARD.discriminator),
  ];
}

/** The generator's step: its loss on D(G(z)), back through D to D's input only (D's parameters and gradients
 * untouched), then through G, and G's optimizer; last, the iteration's metrics go into the ring. */
export function generatorStep(
  k: Kernels, config: GanConfig, g: GpuMlp, gOpt: ResolvedOptimizer, gState: OptimizerBuffers, b: StepBuffers,
): Dispatch[] {
  const n = config.batchSize;
  const mode = config.loss === 'minimax' ? bceModes.minimax_generator : bceModes.non_saturating_generator;
  return [
    k.prepare('rng_advance', { rng_state: b.rngState }, {}, {}, 'G step: rng advance'),
    noiseDraw(k, config, b.z, b.rngState, STREAMS.noiseG, n * config.noise.dim),
    ...b.g.forward,
    ...b.dFake.forward,
    k.prepare('sigmoid_bce_forward_backward', { dlogits: b.dlogitsG, loss: b.metrics, logits: b.dFake.output },
      { n, mode, target_label: 1, scale: 1, accumulate: 0, loss_index: METRIC.gLoss }, {}, 'G loss'),
    // back through D to its input, G's output activation folded in: what arrives is G's last-layer dpre
    ...b.dFake.backward(b.dlogitsG, {
      accumulate: false, dInput: b.dGeneratorPre, inputActivation: g.layers[g.layers.length - 1], paramGrads: false, label: 'G step',
    }),
    ...b.g.backward(b.dGeneratorPre, { accumulate: false, label: 'G step' }),
    ...optimizerStep(k, g, gOpt, gState, b, GUARD.generator),
    k.prepare('ring_commit', { out: b.ring, data: b.metrics, ring_state: b.ringState },
      { cols: METRIC_WIDTH, dataset_rows: b.ringSlots }, {}, 'metrics into the ring'),
  ];
}
