// Checksums of a checkpoint: the SHA-256 of each tensor's bytes as stored and of the rest of the metadata (the config,
// the iteration count: under '__metadata__'), kept in the metadata (`sha256`: a JSON object, name -> hex digest) and
// verified on load, so that a flipped byte is caught instead of loading as a changed weight or learning rate.
// WebCrypto's digest: in Node and in secure browser contexts.
import { CheckpointError } from './safetensors.js';

/** The metadata key that holds the checksums. */
export const CHECKSUM_KEY = 'sha256';

function subtle(): SubtleCrypto | undefined {
  return (globalThis as { crypto?: Crypto }).crypto?.subtle;
}

async function hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await subtle()!.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The entry that holds the digest of the metadata itself. */
const METADATA_ENTRY = '__metadata__';

/** The metadata but the checksums, in a canonical order, as bytes. */
function metadataBytes(metadata: Record<string, string>): Uint8Array {
  const entries = Object.keys(metadata).filter((k) => k !== CHECKSUM_KEY).sort().map((k) => [k, metadata[k]]);
  return new TextEncoder().encode(JSON.stringify(entries));
}

/** Name -> SHA-256 of each tensor's bytes, and of the metadata; undefined where WebCrypto is unavailable (an
 * insecure page). */
export async function checksumsOf(raw: Map<string, Uint8Array>, metadata: Record<string, string>): Promise<Record<string, string> | undefined> {
  if (!subtle()) return undefined;
  const out: Record<string, string> = { [METADATA_ENTRY]: await hex(metadataBytes(metadata)) };
  for (const [name, bytes] of raw) out[name] = await hex(bytes);
  return out;
}

/** Checks every tensor against the file's checksums. A file with none (one written by PyTorch, say) loads with a
 * notice; one whose checksums do not cover exactly its tensors, or do not match, is refused. */
export async function verifyChecksums(metadata: Record<string, string>, raw: Map<string, Uint8Array>,
  notice: (message: string) => void = (m) => console.warn(m)): Promise<void> {
  const text = metadata[CHECKSUM_KEY];
  if (text === undefined) {
    notice('checkpoint: the file holds no checksums (written by another tool?), so its tensors cannot be verified');
    return;
  }
  let sums: unknown;
  try {
    sums = JSON.parse(text);
  } catch {
    throw new CheckpointError(`metadata.${CHECKSUM_KEY} is not valid JSON`);
  }
  if (!sums || typeof sums !== 'object' || Array.isArray(sums)) throw new CheckpointError(`metadata.${CHECKSUM_KEY} is not an object`);
  const table = sums as Record<string, unknown>;
  for (const name of Object.keys(table)) {
    if (name !== METADATA_ENTRY && !raw.has(name)) throw new CheckpointError(`metadata.${CHECKSUM_KEY} names a tensor '${name}' that the file does not hold`);
  }
  if (!subtle()) {
    notice('checkpoint: WebCrypto is unavailable here (not a secure context), so the checksums cannot be verified');
    return;
  }
  const digestOf = (name: string, what: string) => {
    const expected = table[name];
    if (typeof expected !== 'string' || !/^[0-9a-f]{64}$/.test(expected)) throw new CheckpointError(`metadata.${CHECKSUM_KEY} has no SHA-256 for ${what}`);
    return expected;
  };
  if ((await hex(metadataBytes(metadata))) !== digestOf(METADATA_ENTRY, 'the metadata')) {
    throw new CheckpointError('the metadata (config, iteration count) does not match the file\'s checksum (the file is corrupted or was edited)');
  }
  for (const [name, bytes] of raw) {
    if ((await hex(bytes)) !== digestOf(name, `tensor '${name}'`)) {
      throw new CheckpointError(`tensor '${name}': its bytes do not match the file's checksum (the file is corrupted)`);
    }
  }
}
