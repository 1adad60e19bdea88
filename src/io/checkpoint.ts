// Checkpoints: a whole training run in one safetensors file. Weights are stored per layer with PyTorch-friendly
// names and shapes ([in, out]; torch.nn.Linear holds the transpose), everything else that decides the run's future
// (optimizer moments and step counters, RNG counters, the metrics ring and history) beside them, and the full
// config in the metadata. Loading is strict and resumes exactly: train N, save, load, train M equals train N + M.
import { layerShapes } from '../nn/mlp.js';
import { validateConfig, type GanConfig } from '../train/config.js';
import { Gan, type GanData, type IterationMetrics } from '../train/gan.js';
import { CheckpointError, decodeSafetensors, encodeSafetensors, type Tensor } from './safetensors.js';

/** The `format` key of a checkpoint's metadata; loadCheckpoint refuses any other. */
export const CHECKPOINT_FORMAT = 'webgpu-gan/1';

type Net = 'generator' | 'discriminator';

function layerTensorNames(gan: Gan, net: Net): { name: string; offset: number; shape: number[] }[] {
  const mlp = net === 'generator' ? gan.generator : gan.discriminator;
  return layerShapes(mlp.spec).flatMap((l, i) => {
    const w = mlp.layout.tensors.find((t) => t.name === l.weight)!;
    const b = mlp.layout.tensors.find((t) => t.name === l.bias)!;
    return [
      { name: `${net}.l${i}.weight`, offset: w.offset, shape: [l.inFeatures, l.outFeatures] },
      { name: `${net}.l${i}.bias`, offset: b.offset, shape: [l.outFeatures] },
    ];
  });
}

const historyRows = (h: IterationMetrics[]) => Float32Array.from(h.flatMap((m) => [m.dLoss, m.gLoss, m.dReal, m.dFake]));

/** The whole run as one safetensors file: G's and D's weights per layer (`generator.l0.weight`, shape [in, out];
 * `generator.l0.bias`), the optimizer moments and step counters, the RNG counters, the metrics ring and history, and
 * the config in the metadata. Loading it with loadCheckpoint resumes the run exactly. `extra` metadata (e.g. the
 * dataset's name) is stored beside the engine's own keys, which it cannot replace. Rejects with a DeviceLostError
 * when the device is lost. */
export async function saveCheckpoint(gan: Gan, extra: Record<string, string> = {}): Promise<Uint8Array> {
  const state = await gan.exportState();
  const tensors = new Map<string, Tensor>();
  for (const net of ['generator', 'discriminator'] as const) {
    const flat = state.buffers[`${net}.params`] as Float32Array;
    for (const t of layerTensorNames(gan, net)) {
      const size = t.shape.reduce((a, b) => a * b, 1);
      tensors.set(t.name, { dtype: 'F32', shape: t.shape, data: flat.slice(t.offset, t.offset + size) });
    }
  }
  for (const [name, data] of Object.entries(state.buffers)) {
    if (name.endsWith('.params')) continue;
    tensors.set(name, { dtype: data instanceof Float32Array ? 'F32' : 'U32', shape: [data.length], data });
  }
  tensors.set('metrics.history', { dtype: 'F32', shape: [state.history.length, 4], data: historyRows(state.history) });
  return encodeSafetensors(tensors, {
    ...extra,
    format: CHECKPOINT_FORMAT,
    config: JSON.stringify(gan.config),
    iterations: String(state.iterations),
    data_dims: String(gan.data.dims),
  });
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
  const iterations = Number(metadata.iterations), dims = Number(metadata.data_dims);
  if (!Number.isSafeInteger(iterations) || iterations < 0) throw new CheckpointError(`metadata.iterations ${JSON.stringify(metadata.iterations)} is not a count`);
  if (!Number.isSafeInteger(dims) || dims < 1) throw new CheckpointError(`metadata.data_dims ${JSON.stringify(metadata.data_dims)} is not a positive integer`);
  try {
    validateConfig(config, dims);
  } catch (e) {
    throw new CheckpointError(`metadata.config is invalid: ${(e as Error).message}`);
  }
  return { config, iterations, dims };
}

function expectTensor(tensors: Map<string, Tensor>, name: string, dtype: 'F32' | 'U32', shape: number[]): Tensor {
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

/** Recreates the run from a checkpoint on `device`, with `data` (whose row width must match the checkpoint's): the
 * config comes from the file, and training goes on exactly where it was saved. The loaded state is also the run's
 * first snapshot. Reading is strict: a CheckpointError names what is wrong (format, config, a tensor's name,
 * dtype, shape or a non-finite value). */
export async function loadCheckpoint(device: GPUDevice, bytes: Uint8Array, data: GanData): Promise<Gan> {
  const { tensors, metadata } = decodeSafetensors(bytes);
  const { config, iterations, dims } = parseMetadata(metadata);
  if (dims !== data.dims) throw new CheckpointError(`the checkpoint was trained on rows of ${dims}, the data given has rows of ${data.dims}`);
  const gan = await Gan.create(device, config, data);
  try {
    const used = new Set<string>();
    const buffers: Record<string, Float32Array | Uint32Array> = {};
    for (const net of ['generator', 'discriminator'] as const) {
      const mlp = net === 'generator' ? gan.generator : gan.discriminator;
      const flat = new Float32Array(mlp.layout.totalFloats);
      for (const t of layerTensorNames(gan, net)) {
        flat.set(expectTensor(tensors, t.name, 'F32', t.shape).data, t.offset);
        used.add(t.name);
      }
      buffers[`${net}.params`] = flat;
    }
    for (const [name, s] of Object.entries(gan.stateLayout())) {
      if (name.endsWith('.params')) continue;
      buffers[name] = expectTensor(tensors, name, s.dtype, [s.elements]).data;
      used.add(name);
    }
    const history = expectTensor(tensors, 'metrics.history', 'F32', [iterations, 4]).data;
    used.add('metrics.history');
    const extra = [...tensors.keys()].filter((k) => !used.has(k));
    if (extra.length) throw new CheckpointError(`unexpected tensor '${extra[0]}' (${extra.length} not part of this config)`);
    const state = {
      buffers, iterations,
      history: Array.from({ length: iterations }, (_, i) => ({
        iteration: i + 1, dLoss: history[4 * i], gLoss: history[4 * i + 1], dReal: history[4 * i + 2], dFake: history[4 * i + 3],
      })),
    };
    gan.importState(state);
    gan.snapshot = state; // the loaded state is the first snapshot: a device lost before any training resumes from it
    return gan;
  } catch (e) {
    gan.destroy();
    throw e;
  }
}
