// Checkpoints: a whole training run in one safetensors file. Weights are stored per layer with PyTorch-friendly
// names and shapes ([in, out]; torch.nn.Linear holds the transpose), everything else that decides the run's future
// (optimizer moments and step counters, RNG counters, the metrics ring and history) beside them, the full config
// and a SHA-256 of every tensor in the metadata. Loading is strict and resumes exactly: train N, save, load, train M
// equals train N + M. Everything is checked on the CPU (readCheckpoint) before anything is allocated on the GPU.
import type { NetworkPlan } from '../nn/network.js';
import { planSpectral } from '../nn/spectral.js';
import { networkPlans, validateConfig, type GanConfig } from '../train/config.js';
import { Gan, type GanData, type GanState, type IterationMetrics } from '../train/gan.js';
import { NonFiniteError } from '../train/errors.js';
import { RING_SLOTS } from '../train/run-state.js';
import { METRIC_WIDTH } from '../train/schedule.js';
import { CHECKSUM_KEY, checksumsOf, verifyChecksums } from './checksums.js';
import { CheckpointError, decodeSafetensors, encodeSafetensors, tensorBytes, type Dtype, type Tensor } from './safetensors.js';

/** The `format` key of a checkpoint's metadata; loadCheckpoint refuses any other. */
export const CHECKPOINT_FORMAT = 'webgpu-gan/1';

/** The networks whose tensors are stored per layer: G, D, and the moving average of G's weights (config.ema), which
 * has G's layers. */
type Net = 'generator' | 'discriminator' | 'generator_ema';
const planOf = (plans: { generator: NetworkPlan; discriminator: NetworkPlan }, net: Net) => plans[net === 'generator_ema' ? 'generator' : net];

/** The flat state buffers that hold a network's tensors, split per layer in the file: parameters, and running
 * statistics (batch norm's) when the network has any. */
const FLAT = ['params', 'stats'] as const;

/** Each layer's tensors in one of a network's flat buffers: its name in the file (PyTorch's state-dict key under
 * `generator.l3.`), where it sits in the buffer, its shape (PyTorch's, but for linear's [in, out]). */
function layerTensors(plan: NetworkPlan, net: Net, flat: (typeof FLAT)[number]): { name: string; offset: number; shape: number[] }[] {
  const layout = flat === 'params' ? plan.layout : plan.statsLayout;
  return plan.layers.flatMap((l) => l[flat].map((t) => ({
    name: `${net}.l${l.index}.${t.key}`, offset: layout.tensors.find((s) => s.name === `l${l.index}.${t.key}`)!.offset, shape: t.shape,
  })));
}

/** The run's state buffers as the config decides them (the GPU run's stateLayout(); a Dawn test holds them equal). */
export function stateLayoutFor(config: GanConfig, dims: number): Record<string, { dtype: Dtype; elements: number }> {
  const out: Record<string, { dtype: Dtype; elements: number }> = {};
  const plans = networkPlans(config, dims);
  for (const net of ['generator', 'discriminator'] as const) {
    const floats = plans[net].layout.totalFloats;
    out[`${net}.params`] = { dtype: 'F32', elements: floats };
    if (plans[net].statsLayout.totalFloats > 0) out[`${net}.stats`] = { dtype: 'F32', elements: plans[net].statsLayout.totalFloats };
    out[`${net}.optimizer.moment1`] = { dtype: 'F32', elements: floats };
    out[`${net}.optimizer.moment2`] = { dtype: 'F32', elements: floats };
  }
  if (config.ema) out['generator_ema.params'] = { dtype: 'F32', elements: plans.generator.layout.totalFloats };
  if (config.spectralNorm) {
    const sp = planSpectral(plans.discriminator, 'config.discriminator');
    out['discriminator.spectral_u'] = { dtype: 'F32', elements: sp.uFloats };
    out['discriminator.spectral_v'] = { dtype: 'F32', elements: sp.vFloats };
  }
  Object.assign(out, {
    'optimizer.counters': { dtype: 'U32', elements: 8 }, 'rng.state': { dtype: 'U32', elements: 2 },
    'rng.sample_state': { dtype: 'U32', elements: 2 }, 'metrics.ring': { dtype: 'F32', elements: RING_SLOTS * METRIC_WIDTH },
    'metrics.ring_state': { dtype: 'U32', elements: 1 },
  });
  return out;
}

const historyRows = (h: IterationMetrics[]) => Float32Array.from(h.flatMap((m) => [m.dLoss, m.gLoss, m.dReal, m.dFake]));

/** A run's state as a checkpoint file (what saveCheckpoint writes for a Gan). */
export async function encodeCheckpoint(config: GanConfig, dims: number, state: GanState, extra: Record<string, string> = {}): Promise<Uint8Array> {
  const tensors = new Map<string, Tensor>();
  const plans = networkPlans(config, dims);
  const isFlat = (name: string) => /^(generator|discriminator|generator_ema)\.(params|stats)$/.test(name);
  for (const net of ['generator', 'discriminator', 'generator_ema'] as const) {
    for (const f of FLAT) {
      const flat = state.buffers[`${net}.${f}`] as Float32Array | undefined;
      if (!flat) continue;
      for (const t of layerTensors(planOf(plans, net), net, f)) {
        const size = t.shape.reduce((a, b) => a * b, 1);
        tensors.set(t.name, { dtype: 'F32', shape: t.shape, data: flat.slice(t.offset, t.offset + size) });
      }
    }
  }
  for (const [name, data] of Object.entries(state.buffers)) {
    if (isFlat(name)) continue;
    tensors.set(name, { dtype: data instanceof Float32Array ? 'F32' : 'U32', shape: [data.length], data });
  }
  tensors.set('metrics.history', { dtype: 'F32', shape: [state.history.length, 4], data: historyRows(state.history) });
  const metadata: Record<string, string> = {
    ...extra,
    format: CHECKPOINT_FORMAT,
    config: JSON.stringify(config),
    iterations: String(state.iterations),
    data_dims: String(dims),
  };
  delete metadata[CHECKSUM_KEY]; // the engine's own, never the caller's
  const sums = await checksumsOf(new Map([...tensors].map(([name, t]) => [name, tensorBytes(t)])), metadata);
  return encodeSafetensors(tensors, { ...metadata, ...(sums ? { [CHECKSUM_KEY]: JSON.stringify(sums) } : {}) });
}

/** The whole run as one safetensors file: G's and D's weights per layer (`generator.l0.weight`, shape [in, out];
 * `generator.l0.bias`), the optimizer moments and step counters, the RNG counters, the metrics ring and history, and
 * the config and the tensors' SHA-256 in the metadata. Loading it with loadCheckpoint resumes the run exactly.
 * `extra` metadata (e.g. the dataset's name) is stored beside the engine's own keys, which it cannot replace.
 * Rejects with a DeviceLostError when the device is lost, and refuses a run halted by a NaN (restoreSnapshot() first). */
export async function saveCheckpoint(gan: Gan, extra: Record<string, string> = {}): Promise<Uint8Array> {
  if (gan.halted instanceof NonFiniteError) {
    // its buffers hold the step that diverged: such a file would only be refused by loadCheckpoint
    throw new Error('saveCheckpoint: this run is halted by a NaN or an infinity, so its state is not finite; ' +
      `gan.restoreSnapshot() goes back to the last finite snapshot (iteration ${gan.snapshot?.iterations ?? 0}), which can then be saved`);
  }
  return encodeCheckpoint(gan.config, gan.data.dims, await gan.exportState(), extra);
}

function parseMetadata(metadata: Record<string, string>): { config: GanConfig; iterations: number; dims: number } {
  if (metadata.format !== CHECKPOINT_FORMAT) {
    throw new CheckpointError(`format ${JSON.stringify(metadata.format)} is not ${CHECKPOINT_FORMAT}`);
  }
  let config: GanConfig;
  try {
    config = JSON.parse(metadata.config ?? '') as GanConfig;
  } catch {
    throw new CheckpointError('metadata.config is not valid JSON');
  }
  // decimal digits only: Number() would also read '5e1', '0x10' or ' 7 '
  const count = (text: string | undefined) => (text !== undefined && /^(0|[1-9][0-9]*)$/.test(text) ? Number(text) : NaN);
  const iterations = count(metadata.iterations), dims = count(metadata.data_dims);
  if (!Number.isSafeInteger(iterations) || iterations < 0) throw new CheckpointError(`metadata.iterations ${JSON.stringify(metadata.iterations)} is not a count`);
  if (!Number.isSafeInteger(dims) || dims < 1) throw new CheckpointError(`metadata.data_dims ${JSON.stringify(metadata.data_dims)} is not a positive integer`);
  try {
    validateConfig(config, dims);
  } catch (e) {
    throw new CheckpointError(`metadata.config is invalid: ${(e as Error).message}`);
  }
  return { config, iterations, dims };
}

function expectTensor(tensors: Map<string, Tensor>, name: string, dtype: Dtype, shape: number[]): Tensor {
  const t = tensors.get(name);
  if (!t) throw new CheckpointError(`tensor '${name}' is missing`);
  if (t.dtype !== dtype) throw new CheckpointError(`tensor '${name}' is ${t.dtype}, expected ${dtype}`);
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new CheckpointError(`tensor '${name}' has shape ${JSON.stringify(t.shape)}, expected ${JSON.stringify(shape)} for this config`);
  }
  if (dtype === 'F32') {
    const bad = t.data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new CheckpointError(`tensor '${name}' holds a non-finite value (${t.data[bad]}) at index ${bad}`);
  }
  return t;
}

/** Reads and checks a checkpoint on the CPU, allocating nothing on a GPU: the format, the config, every tensor's
 * name, dtype and shape against the config (a small file that declares 4096-wide layers is refused at once), finite
 * values, the checksums. Returns the config, the rows' width and the state that importState takes. */
export async function readCheckpoint(bytes: Uint8Array, notice?: (message: string) => void): Promise<{ config: GanConfig; dims: number; state: GanState }> {
  const { tensors, metadata, raw } = decodeSafetensors(bytes);
  const { config, iterations, dims } = parseMetadata(metadata);
  const used = new Set<string>();
  const take = (name: string, dtype: Dtype, shape: number[]) => {
    used.add(name);
    return expectTensor(tensors, name, dtype, shape).data;
  };
  const buffers: Record<string, Float32Array | Uint32Array> = {};
  const plans = networkPlans(config, dims);
  for (const [name, s] of Object.entries(stateLayoutFor(config, dims))) {
    const [net, f] = name.split('.') as [Net, (typeof FLAT)[number]];
    if (!['generator', 'discriminator', 'generator_ema'].includes(net) || !FLAT.includes(f)) {
      buffers[name] = take(name, s.dtype, [s.elements]);
      continue;
    }
    const flat = new Float32Array(s.elements);
    for (const t of layerTensors(planOf(plans, net), net, f)) flat.set(take(t.name, 'F32', t.shape), t.offset);
    buffers[name] = flat;
  }
  const history = take('metrics.history', 'F32', [iterations, 4]);
  const extra = [...tensors.keys()].filter((k) => !used.has(k));
  if (extra.length) throw new CheckpointError(`unexpected tensor '${extra[0]}' (${extra.length} not part of this config)`);
  await verifyChecksums(metadata, raw, notice);
  const state: GanState = {
    buffers, iterations,
    history: Array.from({ length: iterations }, (_, i) => ({
      iteration: i + 1, dLoss: history[4 * i], gLoss: history[4 * i + 1], dReal: history[4 * i + 2], dFake: history[4 * i + 3],
    })),
  };
  return { config, dims, state };
}

/** Recreates the run from a checkpoint on `device`, with `data` (whose row width must match the checkpoint's): the
 * config comes from the file, and training goes on exactly where it was saved. The loaded state is also the run's
 * first snapshot. Reading is strict and done before any GPU allocation (readCheckpoint): a CheckpointError names
 * what is wrong (format, config, a tensor's name, dtype, shape or a non-finite value, a checksum that does not
 * match). A file without checksums (one written by PyTorch) loads with a notice (console.warn by default). */
export async function loadCheckpoint(device: GPUDevice, bytes: Uint8Array, data: GanData,
  notice?: (message: string) => void): Promise<Gan> {
  const { config, dims, state } = await readCheckpoint(bytes, notice);
  if (dims !== data.dims) throw new CheckpointError(`the checkpoint was trained on rows of ${dims}, the data given has rows of ${data.dims}`);
  const gan = await Gan.create(device, config, data);
  try {
    gan.importState(state);
    gan.snapshot = state; // the loaded state is the first snapshot: a device lost before any training resumes from it
    return gan;
  } catch (e) {
    gan.destroy();
    throw e;
  }
}
