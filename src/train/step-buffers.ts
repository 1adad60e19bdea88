// The buffers Algorithm 1's steps run on (schedule.ts's StepBuffers), allocated for one run: noise and D's 2n-row
// input with the minibatch sampler that fills its real half, G and D applied to them, the losses' gradients and
// metrics, and what the config's stabilisers add (spectral norm's raw weights and vectors, the penalty's passes, a
// conditional run's labelled rows). The Gan (gan.ts) owns everything made here through `own`.
import { createStorage } from '../gpu/buffers.js';
import type { Kernels } from '../gpu/registry.js';
import { MinibatchSampler } from '../data/sampler.js';
import type { GpuNetwork } from '../nn/network-gpu.js';
import { initNetwork } from '../nn/network.js';
import { initSpectral, planSpectral, type SpectralBuffers, type SpectralPlan } from '../nn/spectral.js';
import { classesOf, discriminatorOutputs, labelsApart, labelsInRows, onehotLabels, rowsWithLabels } from './conditional.js';
import { packedRows, STREAMS, type GanConfig } from './config.js';
import { penaltyDispatches } from './penalty.js';
import { RING_SLOTS } from './run-state.js';
import { GUARD, METRIC, METRIC_WIDTH, MINIBATCH_DRAW_OFFSET, STEP_DRAW_OFFSET, type StepBuffers } from './schedule.js';
import type { GanData, GanInit, StateBuffer } from './types.js';

/** D's seeded start under spectral normalisation: its raw weights (the optimizer's), u and v warmed from their seeded
 * start, and sigma per layer; D's network holds the effective weights W / sigma, recomputed before each forward. */
function spectralBuffers(config: GanConfig, d: GpuNetwork, initialD: Float32Array | undefined,
  buf: (label: string, values: number | Float32Array) => GPUBuffer, dInitStream: number): { plan: SpectralPlan; buffers: SpectralBuffers } {
  const plan = planSpectral(d.plan, 'config.discriminator');
  const initial = initialD ?? initNetwork(d.spec, config.seed, dInitStream);
  const { u, v } = initSpectral(plan, initial, config.seed, dInitStream);
  return {
    plan,
    buffers: {
      raw: buf('D.params (raw, spectral norm)', initial), effective: d.params,
      u: buf('D.spectral_u', u), v: buf('D.spectral_v', v), sigma: buf('D.spectral_sigma', plan.layers.length),
    },
  };
}

export function stepBuffers(k: Kernels, config: GanConfig, data: GanData, nets: { generator: GpuNetwork; discriminator: GpuNetwork },
  init: GanInit, own: <T extends { destroy(): void }>(o: T) => T, dInitStream: number): StepBuffers {
  const n = config.batchSize;
  const buf = (label: string, values: number | Float32Array | Uint32Array) => own(createStorage(k.device, label, values));
  const rngState = buf('rng_state', 2);
  const z = buf('z', n * config.noise.dim);
  // a concatenating D's rows carry their one-hot label after the data's columns; a projection D reads the labels
  // from rows of their own, the fakes' then the reals' (src/train/conditional.ts)
  const classes = classesOf(config), inRows = labelsInRows(config), width = data.dims + (inRows ? classes : 0);
  // D's input: G(z) in rows 0..n, the real minibatch in rows n..2n (schedule.ts)
  const dInput = buf('D input: G(z), then real rows', 2 * n * width);
  // the fake rows as a range of their own (rounded up to whole vec4, as the kernels' vec4 views read them)
  const fakeRows = { buffer: dInput, offset: 0, size: Math.min(Math.ceil((n * width) / 4) * 16, dInput.size) };
  const sampler = own(new MinibatchSampler(k, inRows ? rowsWithLabels(data.rows, data.dims, data.labels, classes) : data.rows, width, n,
    rngState, config.seed, STREAMS.real, { buffer: dInput, row: n }, MINIBATCH_DRAW_OFFSET));
  // the reals' labels apart: gathered with the same stream and draw as their rows, so they are the same rows'
  const realLabels = (into: { buffer: GPUBuffer; row: number }) => own(new MinibatchSampler(k,
    onehotLabels(data.labels, data.rows.length / data.dims, classes), classes, n, rngState, config.seed, STREAMS.real, into, MINIBATCH_DRAW_OFFSET));
  const dLabels = labelsApart(config) ? buf("D's labels: the fakes', then the reals'", 2 * n * classes) : undefined;
  // G writes its rows straight into D's input, or, concatenating, into its own buffer, from which they go into D's
  // input with their labels
  const conditional = classes ? {
    gInput: buf('G input: z, then its label', n * (config.noise.dim + classes)), dims: data.dims, dLabels,
    fakeLabels: dLabels && { buffer: dLabels, offset: 0, size: Math.ceil((n * classes) / 4) * 16 },
    ...(inRows ? { gOutput: buf('G(z)', n * data.dims), dFakeInput: buf("dV/d(D's fake rows)", n * width) } : {}),
  } : undefined;
  const d = nets.discriminator;
  // a packing D (config.pack) reads the same rows as packs: `pack` consecutive rows side by side are one of its rows
  const judged = packedRows(config, n);
  const buffers: StepBuffers = {
    rngState, counters: buf('optimizer counters', 8), guard: buf('nonfinite guard', 1), z,
    minibatch: [...sampler.dispatches, ...(dLabels ? realLabels({ buffer: dLabels, row: n }).dispatches : [])],
    g: nets.generator.apply(conditional?.gInput ?? z, n, 'train', conditional?.gOutput ?? fakeRows),
    dBoth: d.apply<GPUBuffer>(dInput, 2 * judged, 'both', undefined, { labels: dLabels }),
    dFake: d.apply<GPUBuffer>(fakeRows, judged, 'fake', undefined, { labels: conditional?.fakeLabels }),
    // D's outputs per row: its logit, then an ACGAN's class logits
    dlogitsD: buf('dlogits.D', 2 * judged * discriminatorOutputs(config)), dlogitsG: buf('dlogits.G', judged * discriminatorOutputs(config)),
    dGeneratorPre: buf('dG.pre', n * data.dims),
    metrics: buf('metrics', METRIC_WIDTH), ring: buf('metrics ring', RING_SLOTS * METRIC_WIDTH), ringState: buf('ring_state', 1),
    ringSlots: RING_SLOTS, dInput, conditional,
    dSpectral: config.spectralNorm ? spectralBuffers(config, d, init.discriminator, buf, dInitStream) : undefined,
  };
  if (config.penalty) {
    // a projection D judges the penalty's points as of the reals' classes (WGAN-GP's interpolates too)
    const labels = dLabels && config.conditional?.discriminator === 'projection' ? buf("the penalty's labels: the reals'", n * classes) : undefined;
    buffers.dPenalty = penaltyDispatches(k, config, d, {
      dInput, rngState, metrics: buffers.metrics, lossIndex: METRIC.dLoss, guard: { buffer: buffers.guard, bit: GUARD.discriminator },
      drawOffset: STEP_DRAW_OFFSET, labels: labels && { buffer: labels, fill: realLabels({ buffer: labels, row: 0 }).dispatches },
    }, own);
  }
  return buffers;
}

/** The state the stabilisers add: spectral norm's u and v, and the moving average of G's weights. */
export function stabiliserState(b: StepBuffers, generatorEma?: GpuNetwork): Record<string, StateBuffer> {
  const state: Record<string, StateBuffer> = {};
  if (b.dSpectral) {
    state['discriminator.spectral_u'] = { buffer: b.dSpectral.buffers.u, dtype: 'F32', elements: b.dSpectral.plan.uFloats };
    state['discriminator.spectral_v'] = { buffer: b.dSpectral.buffers.v, dtype: 'F32', elements: b.dSpectral.plan.vFloats };
  }
  if (generatorEma) state['generator_ema.params'] = { buffer: generatorEma.params, dtype: 'F32', elements: generatorEma.layout.totalFloats };
  return state;
}

/** The rows in x, which must be a Float32Array of whole rows of `width` (the error names the call). */
export function rowsOf(x: Float32Array, width: number, what: string): number {
  const n = x.length / width;
  if (!(x instanceof Float32Array) || !Number.isInteger(n) || n < 1) {
    throw new Error(`${what}: expected a Float32Array of whole rows of ${width} values, got ${x?.length} values`);
  }
  return n;
}
