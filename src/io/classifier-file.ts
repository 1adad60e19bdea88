// A trained classifier in one safetensors file: its tensors per layer under PyTorch's names (`l1.weight`,
// `l1.bias`, ...), its config and its held-out accuracy in the metadata, and the SHA-256 of every tensor and of the
// metadata, checked on load. The quality measures load the repository's copy (models/mnist-classifier.safetensors)
// instead of training one; `webgpu-gan classifier --out FILE` writes it again, the same bytes from the same seed.
import { planNetwork, type NetworkPlan } from '../nn/network.js';
import { validateClassifier, type ClassifierConfig } from '../train/classifier.js';
import { CHECKSUM_KEY, checksumsOf, verifyChecksums } from './checksums.js';
import { CheckpointError, decodeSafetensors, encodeSafetensors, tensorBytes, type Tensor } from './safetensors.js';

export const CLASSIFIER_FORMAT = 'webgpu-gan-classifier/1';

export interface ClassifierFile {
  config: ClassifierConfig;
  /** The flat parameters and running statistics, in the network's layouts. */
  params: Float32Array;
  stats: Float32Array;
  metadata: Record<string, string>;
}

/** Each tensor of the network: its name, its flat buffer, where it sits there, its shape. */
function tensorsOf(plan: NetworkPlan) {
  return plan.layers.flatMap((l) => (['params', 'stats'] as const).flatMap((flat) => l[flat].map((t) => {
    const layout = flat === 'params' ? plan.layout : plan.statsLayout;
    const s = layout.tensors.find((x) => x.name === `l${l.index}.${t.key}`)!;
    return { name: `l${l.index}.${t.key}`, flat, offset: s.offset, size: s.size, shape: t.shape };
  })));
}

export async function encodeClassifier(file: Omit<ClassifierFile, 'metadata'>, extra: Record<string, string> = {}): Promise<Uint8Array> {
  const plan = validateClassifier(file.config);
  const tensors = new Map<string, Tensor>();
  for (const t of tensorsOf(plan)) {
    tensors.set(t.name, { dtype: 'F32', shape: t.shape, data: file[t.flat].slice(t.offset, t.offset + t.size) });
  }
  const metadata: Record<string, string> = { format: CLASSIFIER_FORMAT, config: JSON.stringify(file.config), ...extra };
  const sums = await checksumsOf(new Map([...tensors].map(([name, t]) => [name, tensorBytes(t)])), metadata);
  if (sums) metadata[CHECKSUM_KEY] = JSON.stringify(sums);
  return encodeSafetensors(tensors, metadata);
}

/** Reads and checks a classifier file on the CPU: its format, checksums, config, and every tensor's shape. */
export async function decodeClassifier(bytes: Uint8Array): Promise<ClassifierFile> {
  const { tensors, metadata, raw } = decodeSafetensors(bytes);
  if (metadata.format !== CLASSIFIER_FORMAT) throw new CheckpointError(`not a classifier file (format ${JSON.stringify(metadata.format ?? null)}, expected '${CLASSIFIER_FORMAT}')`);
  await verifyChecksums(metadata, raw);
  let config: ClassifierConfig;
  try {
    config = JSON.parse(metadata.config) as ClassifierConfig;
    validateClassifier(config);
  } catch (e) {
    throw new CheckpointError(`the classifier's config: ${(e as Error).message}`);
  }
  const plan = planNetwork({ input: config.input, layers: config.layers }, 'classifier');
  const params = new Float32Array(plan.layout.totalFloats), stats = new Float32Array(Math.max(1, plan.statsLayout.totalFloats));
  const expected = tensorsOf(plan);
  for (const t of expected) {
    const got = tensors.get(t.name);
    if (!got) throw new CheckpointError(`tensor '${t.name}' is missing`);
    if (got.dtype !== 'F32' || got.shape.join('x') !== t.shape.join('x')) {
      throw new CheckpointError(`tensor '${t.name}' is ${got.dtype} [${got.shape}], expected F32 [${t.shape}]`);
    }
    (t.flat === 'params' ? params : stats).set(got.data as Float32Array, t.offset);
  }
  const extra = [...tensors.keys()].find((name) => !expected.some((t) => t.name === name));
  if (extra) throw new CheckpointError(`tensor '${extra}' is not one of the classifier's`);
  return { config, params, stats, metadata };
}
