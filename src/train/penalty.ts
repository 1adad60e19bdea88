// The gradient penalties on the GPU, in D's step after its loss's backward (onto D's gradients): R1 on the real rows
// (Mescheder et al. 2018) or WGAN-GP's on interpolates between real and fake rows (Gulrajani et al. 2017). The
// penalty's gradient with respect to D's parameters is a gradient of a gradient: the scheme and its CPU mirror are in
// src/cpu/penalty.ts. Here every pass runs through the layers' own forward and backward dispatches (their linear parts:
// bias bound to zeros, activation identity, accumulating onto D's gradients), with penalty.wgsl's element-wise steps
// between them. The penalty's value is added to D's loss in the metrics.
import { createStorage } from '../gpu/buffers.js';
import type { BindingsOf } from '../gpu/kernels.js';
import type { Dispatch, Kernels } from '../gpu/registry.js';
import { actInOverrides, IDENTITY } from '../nn/activations.js';
import { featureSize, type LayerPlan } from '../nn/layer.js';
import type { GpuNetwork } from '../nn/network-gpu.js';
import { STREAMS, type GanConfig } from './config.js';

/** 'r1': gamma * mean |dD/dx|^2 / 2 at the real rows; 'wgan-gp': lambda * mean (|dD/dx| - 1)^2 at interpolates. */
export interface PenaltyConfig {
  type: 'r1' | 'wgan-gp';
  weight: number;
}

export interface PenaltyInputs {
  dInput: GPUBuffer; // D's 2n-row input: fakes, then reals
  rngState: GPUBuffer;
  metrics: GPUBuffer;
  lossIndex: number;
  guard: { buffer: GPUBuffer; bit: number };
  drawOffset: number; // the step's draws are at rng_state + this
  /** A projection D's labels for the points (n one-hot rows), and the dispatches that fill them. */
  labels?: { buffer: GPUBuffer; fill: Dispatch[] };
}

const SECOND_ORDER = new Set(['tanh', 'sigmoid']);

/** The penalty's dispatches for one D step, and the buffers they own (destroyed with the run). */
export function penaltyDispatches(k: Kernels, config: GanConfig, d: GpuNetwork, b: PenaltyInputs,
  own: <T extends { destroy(): void }>(o: T) => T): Dispatch[] {
  const penalty = config.penalty!;
  const n = config.batchSize, dims = d.spec.input;
  const layers = d.layers, last = layers.length - 1;
  const buf = (label: string, init: number | Float32Array) => own(createStorage(k.device, `penalty.${label}`, init));
  // the seed of D's input gradient: 1 at each row's logit (an ACGAN's class logits after it take 0)
  const outputs = featureSize(d.plan.output);
  const seed = new Float32Array(n * outputs);
  for (let r = 0; r < n; r++) seed[r * outputs] = 1;
  const xp = buf('points', n * dims), eps = buf('eps', n), ones = buf('seed', seed);
  const g = buf('dD/dx', n * dims), u = buf('dP/dg', n * dims);
  const list: Dispatch[] = [];
  const mode = penalty.type === 'r1' ? 0 : 1;
  if (mode === 1) {
    const seed = { seed_lo: config.seed >>> 0, seed_hi: Math.floor(config.seed / 2 ** 32) >>> 0, draw_offset: b.drawOffset };
    list.push(k.prepare('rng_uniform', { out: eps, rng_state: b.rngState }, { n, stream: STREAMS.penalty, ...seed, a: 0, b: 1 }, {},
      'penalty: eps ~ U(0, 1) per row'));
  }
  list.push(k.prepare('penalty_points', { out: xp, rows: b.dInput, eps }, { n, dims, mode },
    {}, mode === 0 ? 'penalty: the real rows' : 'penalty: interpolates'));
  // the primal at the points, and dD/dx there (D's output is its logit: the seed is 1 per row)
  const labels = b.labels?.buffer;
  const app = d.apply(xp, n, 'penalty', undefined, { training: false, labels }); // its buffers and dispatches are D's
  const primal = [...app.forward, ...app.backward(ones, { accumulate: false, dInput: g, paramGrads: false, label: 'penalty dD/dx' })];
  list.push(k.prepare('gradient_penalty', { u, metrics: b.metrics, g }, { n, dims, mode, weight: penalty.weight, loss_index: b.lossIndex },
    {}, `penalty: ${penalty.type} into D's loss, and dP/dg`));

  const primalIn = (i: number) => (i === 0 ? xp : app.outputs[i - 1]);
  const outSize = (l: LayerPlan) => n * featureSize(l.output);
  const scratches = new Map<string, GPUBuffer>();
  const scratch = (l: LayerPlan) => (key: string, floats: number) => {
    const name = `l${l.index}.${key}`;
    if (!scratches.has(name)) scratches.set(name, buf(name, floats));
    return scratches.get(name)!;
  };
  const zeroBias = layers.map((l) => buf(`l${l.index}.zero bias`, Math.max(1, featureSize(l.output))));
  const biasSink = layers.map((l) => buf(`l${l.index}.tangent db`, Math.max(1, featureSize(l.output))));
  const tangent = (bindings: BindingsOf<'activation_tangent'>, l: LayerPlan, count: number) =>
    k.prepare('activation_tangent', bindings, { n: count }, actInOverrides(l.act), `penalty: act' l${l.index}`);

  // the tangent: adot = W hdot_below (bias zero, no activation), hdot = act'(a) adot
  const adot = layers.map((l) => buf(`l${l.index}.adot`, outSize(l)));
  const hdot = layers.map((l, i) => (i < last ? buf(`l${l.index}.hdot`, outSize(l)) : adot[i]));
  layers.forEach((l, i) => {
    list.push(...l.kind.gpuForward!({
      kernels: k, layer: { ...l, act: IDENTITY }, batch: n, x: i === 0 ? u : hdot[i - 1], out: adot[i], training: false,
      param: (key) => (key === 'bias' ? { buffer: zeroBias[i] } : d.paramBinding(l, key)), stat: () => { throw new Error('no statistics in D'); },
      scratch: scratch(l), label: `penalty tangent l${l.index}`, labels,
    }));
    if (i < last) list.push(tangent({ out: hdot[i], t: adot[i], h: app.outputs[i] }, l, outSize(l)));
  });

  // the reverse over both streams, from adotbar = 1 and abar = 0 at D's output; abar is needed only below a tanh or
  // a sigmoid (act'' = 0 elsewhere)
  const second = layers.slice(0, last).some((l) => SECOND_ORDER.has(l.act.activation));
  let adotbar: GPUBuffer = ones, abar: GPUBuffer | undefined;
  for (let i = last; i >= 0; i--) {
    const l = layers[i];
    const hdotbar = i > 0 ? buf(`l${l.index}.hdotbar`, n * featureSize(l.input)) : undefined;
    const hbar = i > 0 && abar ? buf(`l${l.index}.hbar`, n * featureSize(l.input)) : undefined;
    const backward = (x: GPUBuffer | GPUBufferBinding, dpre: GPUBuffer, dx: GPUBuffer | undefined, tangent: boolean) => l.kind.gpuBackward!({
      kernels: k, layer: l, batch: n, x: x as GPUBuffer, dpre, dx, inputAct: IDENTITY, paramGrads: true, accumulate: true, guard: b.guard,
      // the tangent's stream has no bias (adot has none): its db goes to a sink
      grad: (key) => (key === 'bias' && tangent ? { buffer: biasSink[i] } : d.gradBinding(l, key)),
      param: (key) => d.paramBinding(l, key), scratch: scratch(l), label: `penalty reverse l${l.index}${tangent ? ' (tangent)' : ''}`, labels,
    });
    list.push(...backward(i === 0 ? u : hdot[i - 1], adotbar, hdotbar, true));
    if (abar) list.push(...backward(primalIn(i), abar, hbar, false));
    if (i === 0) break;
    const below = layers[i - 1], h = app.outputs[i - 1] as GPUBuffer, count = n * featureSize(below.output);
    const nextAdotbar = buf(`l${below.index}.adotbar`, count);
    if (second) {
      const nextAbar = buf(`l${below.index}.abar`, count);
      list.push(k.prepare('activation_second_adjoint',
        { abar: nextAbar, adotbar: nextAdotbar, hbar: hbar ?? hdotbar!, hdotbar: hdotbar!, adot: adot[i - 1], h },
        { n: count, has_primal: hbar ? 1 : 0 }, actInOverrides(below.act), `penalty: act' and act'' l${below.index}`));
      abar = nextAbar;
    } else {
      list.push(tangent({ out: nextAdotbar, t: hdotbar!, h }, below, count));
    }
    adotbar = nextAdotbar;
  }
  const [draws, rest] = [list.slice(0, mode === 1 ? 2 : 1), list.slice(mode === 1 ? 2 : 1)];
  return [...draws.map(own), ...(b.labels?.fill ?? []), ...primal, ...rest.map(own)];
}
