// Algorithm 1 of Goodfellow et al. (2014) as dispatch lists: the discriminator step and the generator step.
// Each step draws its noise and minibatch at rng_state + 1 and ends with step_commit (shaders/step.wgsl), which
// checks the losses, counts the optimizer step, advances rng_state and, after the generator's step, files the
// iteration's metrics in the ring: so steps encode back to back with no CPU in between.
import type { BufferArg } from '../gpu/kernels.js';
import type { Dispatch, Kernels } from '../gpu/registry.js';
import type { GpuNetwork, NetworkApplication } from '../nn/network-gpu.js';
import { packedRows, STREAMS, type GanConfig, type ResolvedOptimizer } from './config.js';
import { lossPlan } from './losses.js';
import { auxiliaryClasses, classesOf, onehotRows, takeColumns } from './conditional.js';
import { spectralBackward, spectralForward, type SpectralBuffers, type SpectralPlan } from '../nn/spectral.js';

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

/** The step's draws are at rng_state + 1: step_commit advances the state after them. */
export const STEP_DRAW_OFFSET = 1;

/** The step's bookkeeping (the metrics' NaN check, the step count, the RNG advance, for the generator the metrics
 * into the ring), then the optimizer's update of this network. */
export function optimizerStep(
  k: Kernels, net: GpuNetwork, o: ResolvedOptimizer, state: OptimizerBuffers,
  b: Pick<StepBuffers, 'counters' | 'guard' | 'metrics' | 'rngState' | 'ring' | 'ringState' | 'ringSlots'>,
  guardBit: number, commitMetrics: boolean, params: GPUBuffer = net.params,
): Dispatch[] {
  const hyper = { n: net.layout.totalFloats, lr: o.lr, beta1: o.beta1, beta2: o.beta2, eps: o.eps, counter_index: state.counterIndex };
  const { counters, guard } = b;
  const step = o.type === 'adam'
    ? k.prepare('adam_step', { param: params, m: state.m, v: state.v, grad: net.grads, counters, guard }, hyper, {}, `${net.name}.adam`)
    : k.prepare('sgd_momentum_step', { param: params, velocity: state.m, grad: net.grads, guard }, hyper, {}, `${net.name}.sgd`);
  const commit = k.prepare('step_commit',
    { counters, guard, rng_state: b.rngState, metrics: b.metrics, ring: b.ring, ring_state: b.ringState },
    {
      counter_index: state.counterIndex, beta1: o.beta1, beta2: o.beta2, guard_bit: guardBit, metrics_n: METRIC_WIDTH,
      ring_slots: commitMetrics ? b.ringSlots : 0,
    }, {}, `${net.name} step: commit${commitMetrics ? ', metrics into the ring' : ''}`);
  return [commit, step];
}

/** z drawn at rng_state + drawOffset (training steps draw at 1 and advance after; sampling advances first). */
export function noiseDraw(
  k: Kernels, config: GanConfig, out: GPUBuffer, rngState: GPUBuffer, stream: number, n: number, drawOffset = 0,
): Dispatch {
  const seed = { seed_lo: config.seed >>> 0, seed_hi: Math.floor(config.seed / 2 ** 32) >>> 0, draw_offset: drawOffset };
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
  minibatch: Dispatch[]; // draws the real minibatch into rows n..2n of D's input, at rng_state + 1
  g: NetworkApplication<GPUBufferBinding | GPUBuffer>; // G applied to z, writing rows 0..n of D's input (conditional: its own buffer)
  dBoth: NetworkApplication; // D applied to all 2n rows: logits of the fakes in [0, n), of the real rows in [n, 2n)
  dFake: NetworkApplication; // D applied to rows 0..n only, for the generator's step (its logits: a buffer of its own)
  dlogitsD: GPUBuffer; // 2n, laid out as dBoth's logits
  dlogitsG: GPUBuffer;
  dGeneratorPre: GPUBuffer; // dV/d(G's last pre-activation), from D's input gradient
  metrics: GPUBuffer; // METRIC_WIDTH floats, this iteration's
  ring: GPUBuffer;
  ringState: GPUBuffer;
  ringSlots: number;
  /** D's spectral normalisation (config.spectralNorm): its layers and buffers; D's network reads the effective
   * weights, its optimizer updates the raw ones. */
  dSpectral?: { plan: SpectralPlan; buffers: SpectralBuffers };
  /** D's gradient penalty (config.penalty, src/train/penalty.ts): after its loss's backward, onto its gradients. */
  dPenalty?: Dispatch[];
  dInput: GPUBuffer; // D's 2n rows (the fakes, then the reals)
  /** A conditional run's buffers (src/train/conditional.ts): G's input (z, then the label), G's own output, and the
   * gradient at D's fake rows, labels' columns included. */
  conditional?: {
    gInput: GPUBuffer; dims: number;
    /** Concatenating: G's own output (its rows go into D's input with their labels), and the gradient at them. */
    gOutput?: GPUBuffer; dFakeInput?: GPUBuffer;
    /** Projection and ACGAN: D's labels, 2n one-hot rows (the fakes', then the reals'), and the fakes' as a range. */
    dLabels?: GPUBuffer; fakeLabels?: GPUBufferBinding;
  };
}

/** A conditional run's labels for one step, drawn from `stream` at the step's draw: appended to z before G, and to
 * G's rows as they go into D's input (the same labels: the same draw). */
function withLabels(k: Kernels, config: GanConfig, b: StepBuffers, stream: number): { toG: Dispatch[]; toD: Dispatch[] } {
  const c = b.conditional;
  if (!c) return { toG: [], toD: [] };
  const n = config.batchSize;
  return {
    toG: [onehotRows(k, config, { out: c.gInput, data: b.z, rngState: b.rngState }, stream, n, config.noise.dim, STEP_DRAW_OFFSET)],
    toD: [c.gOutput
      ? onehotRows(k, config, { out: b.dInput, data: c.gOutput, rngState: b.rngState }, stream, n, c.dims, STEP_DRAW_OFFSET)
      // the labels alone (no columns before them) into the fakes' rows of D's labels
      : onehotRows(k, config, { out: c.dLabels!, data: b.z, rngState: b.rngState }, stream, n, 0, STEP_DRAW_OFFSET)],
  };
}

/** An ACGAN's classifier loss on D's class logits (after its adversarial one in each row), added to the loss at
 * `lossIndex` times conditional.auxiliaryWeight: a mean over the fakes plus one over the reals (fakeRows of n). */
function auxiliaryLoss(k: Kernels, config: GanConfig, b: { dlogits: GPUBuffer; metrics: GPUBuffer; logits: GPUBuffer; labels: BufferArg },
  n: number, fakeRows: number, lossIndex: number): Dispatch[] {
  const classes = auxiliaryClasses(config);
  if (!classes) return [];
  return [k.prepare('auxiliary_ce_forward_backward', b, {
    n, classes, scale: config.conditional?.auxiliaryWeight ?? 1, loss_index: lossIndex, row_stride: 1 + classes, first_column: 1, fake_rows: fakeRows,
  }, {}, "ACGAN: D's classifier loss")];
}

/** The draw offset the trainer's minibatch sampler must use (see STEP_DRAW_OFFSET). */
export const MINIBATCH_DRAW_OFFSET = STEP_DRAW_OFFSET;

/** k of these, then one generatorStep: D's loss on its fake rows (target 0) and real rows (target realLabel) in one
 * kernel with the means D(x) and D(G(z)), D backward over both halves at once into one gradient (the NaN guard
 * checked as it is written), D's optimizer. G's parameters are not written. */
export function discriminatorStep(
  k: Kernels, config: GanConfig, d: GpuNetwork, dOpt: ResolvedOptimizer, dState: OptimizerBuffers, b: StepBuffers,
): Dispatch[] {
  const n = config.batchSize, judged = packedRows(config, n); // D's rows per half: packs of config.pack rows
  const loss = lossPlan(config.loss);
  const labels = withLabels(k, config, b, STREAMS.labelsD);
  return [
    noiseDraw(k, config, b.z, b.rngState, STREAMS.noiseD, n * config.noise.dim, STEP_DRAW_OFFSET),
    ...labels.toG,
    ...b.minibatch,
    ...b.g.forward,
    ...labels.toD,
    ...(b.dSpectral ? spectralForward(k, b.dSpectral.plan, b.dSpectral.buffers, true, 'D step') : []),
    ...b.dBoth.forward,
    k.prepare(loss.kernel, { dlogits: b.dlogitsD, loss: b.metrics, logits: b.dBoth.output }, {
      n: 2 * judged, fake_rows: judged, mode: loss.discriminator, target_label: config.realLabel, scale: 1, accumulate: 0,
      loss_index: METRIC.dLoss, means: 1, mean_index: METRIC.dReal, stride: 1 + auxiliaryClasses(config),
    }, {}, 'D loss, mean D(x), mean D(G(z))'),
    ...auxiliaryLoss(k, config, { dlogits: b.dlogitsD, metrics: b.metrics, logits: b.dBoth.output, labels: b.conditional?.dLabels! }, 2 * n, n, METRIC.dLoss),
    ...b.dBoth.backward(b.dlogitsD, { accumulate: false, label: 'D step', guard: { buffer: b.guard, bit: GUARD.discriminator } }),
    ...(b.dPenalty ?? []),
    ...(b.dSpectral ? spectralBackward(k, b.dSpectral.plan, b.dSpectral.buffers, d.grads, 'D step') : []),
    ...optimizerStep(k, d, dOpt, dState, b, GUARD.discriminator, false, b.dSpectral?.buffers.raw),
  ];
}

/** The generator's step: its loss on D(G(z)), back through D to D's input only (D's parameters and gradients
 * untouched), then through G, and G's optimizer; its commit files the iteration's metrics in the ring. With
 * config.ema, the moving average `ema` of G's weights follows the update. */
export function generatorStep(
  k: Kernels, config: GanConfig, g: GpuNetwork, gOpt: ResolvedOptimizer, gState: OptimizerBuffers, b: StepBuffers, ema?: GPUBuffer,
): Dispatch[] {
  const n = config.batchSize, judged = packedRows(config, n);
  const loss = lossPlan(config.loss);
  const labels = withLabels(k, config, b, STREAMS.labelsG);
  const c = b.conditional;
  return [
    noiseDraw(k, config, b.z, b.rngState, STREAMS.noiseG, n * config.noise.dim, STEP_DRAW_OFFSET),
    ...labels.toG,
    ...b.g.forward,
    ...labels.toD,
    ...(b.dSpectral ? spectralForward(k, b.dSpectral.plan, b.dSpectral.buffers, true, 'G step') : []),
    ...b.dFake.forward,
    k.prepare(loss.kernel, { dlogits: b.dlogitsG, loss: b.metrics, logits: b.dFake.output },
      { n: judged, mode: loss.generator, target_label: 1, scale: 1, accumulate: 0, loss_index: METRIC.gLoss, stride: 1 + auxiliaryClasses(config) }, {}, 'G loss'),
    ...auxiliaryLoss(k, config, { dlogits: b.dlogitsG, metrics: b.metrics, logits: b.dFake.output, labels: c?.fakeLabels! }, n, 0, METRIC.gLoss),
    // back through D to its input, G's output activation folded in: what arrives is G's last-layer dpre
    ...b.dFake.backward(b.dlogitsG, {
      accumulate: false, dInput: c?.dFakeInput ?? b.dGeneratorPre, inputActivation: g.plan.outputAct, paramGrads: false, label: 'G step',
    }),
    ...(c?.dFakeInput ? [takeColumns(k, b.dGeneratorPre, c.dFakeInput, n, c.dims, c.dims + classesOf(config))] : []),
    ...b.g.backward(b.dGeneratorPre, { accumulate: false, label: 'G step', guard: { buffer: b.guard, bit: GUARD.generator } }),
    ...optimizerStep(k, g, gOpt, gState, b, GUARD.generator, true),
    ...(config.ema && ema ? [k.prepare('ema_update', { param: g.params, ema, guard: b.guard },
      { n: g.layout.totalFloats, beta1: config.ema.decay }, {}, 'G moving average')] : []),
  ];
}
