// The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian header length N, N
// bytes of JSON ({ name: { dtype, shape, data_offsets: [begin, end] }, "__metadata__": { string: string } }), then
// the raw little-endian data. Reading is strict: every way a file can be wrong is an error naming the tensor and
// the fault, and nothing read from a file ever reaches shader source.

export type Dtype = 'F32' | 'U32';
export type TensorData = Float32Array | Uint32Array;

export interface Tensor {
  dtype: Dtype;
  shape: number[];
  data: TensorData;
}

export class CheckpointError extends Error {
  constructor(message: string) {
    super(`checkpoint: ${message}`);
    this.name = 'CheckpointError';
  }
}

const DTYPE_BYTES: Record<Dtype, number> = { F32: 4, U32: 4 };
/** The safetensors reference implementation's own limit on the header. */
export const MAX_HEADER_BYTES = 100 * 1024 * 1024;

/** A tensor's bytes as the file stores them (little-endian). */
export function tensorBytes(t: Tensor): Uint8Array {
  const out = new Uint8Array(t.data.length * DTYPE_BYTES[t.dtype]);
  const dv = new DataView(out.buffer);
  t.data.forEach((v, i) => (t.dtype === 'F32' ? dv.setFloat32(i * 4, v, true) : dv.setUint32(i * 4, v, true)));
  return out;
}

export function encodeSafetensors(tensors: Map<string, Tensor>, metadata: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const [name, t] of tensors) {
    const bytes = t.data.length * DTYPE_BYTES[t.dtype];
    if (t.shape.reduce((a, b) => a * b, 1) !== t.data.length) throw new CheckpointError(`tensor '${name}': shape ${JSON.stringify(t.shape)} does not hold ${t.data.length} values`);
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8); // the data starts 8-byte aligned, as the reference writer does
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const t of tensors.values()) {
    out.set(tensorBytes(t), at);
    at += t.data.length * DTYPE_BYTES[t.dtype];
  }
  return out;
}

/** The first key that appears twice in one object, at any depth of a JSON text (JSON.parse keeps the last silently,
 * so a file could carry two values for one field), named by its path; undefined when there is none. The text must
 * already have parsed. */
export function duplicateKey(text: string): string | undefined {
  const stack: { keys: Set<string> | undefined; path: string }[] = [];
  let expectKey = false;
  let lastKey = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top?.keys) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        const path = top.path ? `${top.path}.${key}` : key;
        if (top.keys.has(key)) return path;
        top.keys.add(key);
        lastKey = path;
      }
      expectKey = false;
      i = j;
    } else if (c === '{' || c === '[') {
      const top = stack[stack.length - 1];
      const path = top?.keys ? lastKey : top ? `${top.path}[]` : '';
      stack.push({ keys: c === '{' ? new Set() : undefined, path });
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      expectKey = stack[stack.length - 1]?.keys !== undefined;
    }
  }
  return undefined;
}

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

export interface Decoded {
  tensors: Map<string, Tensor>;
  metadata: Record<string, string>;
  /** Each tensor's bytes as they are in the file (views, not copies), for checksums. */
  raw: Map<string, Uint8Array>;
}

export function decodeSafetensors(bytes: Uint8Array): Decoded {
  if (bytes.length < 8) throw new CheckpointError(`truncated: ${bytes.length} bytes, shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(MAX_HEADER_BYTES)) throw new CheckpointError(`header length ${headerLength} exceeds the ${MAX_HEADER_BYTES}-byte limit`);
  const n = Number(headerLength);
  if (8 + n > bytes.length) throw new CheckpointError(`header length ${n} runs past the end of the ${bytes.length}-byte file`);
  const headerBytes = bytes.subarray(8, 8 + n);
  if (headerBytes[0] === 0xef && headerBytes[1] === 0xbb && headerBytes[2] === 0xbf) {
    throw new CheckpointError('header starts with a byte-order mark (EF BB BF); the format has none');
  }
  let text: string;
  let header: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(headerBytes);
    header = JSON.parse(text);
  } catch (e) {
    throw new CheckpointError(`header is not valid UTF-8 JSON (${(e as Error).message})`);
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new CheckpointError('header is not a JSON object');
  const twice = duplicateKey(text);
  if (twice !== undefined) throw new CheckpointError(`the header holds the key '${twice}' twice`);
  const entries = header as Record<string, unknown>;
  const metadata: Record<string, string> = {};
  const rawMeta = entries.__metadata__;
  if (rawMeta !== undefined) {
    if (!rawMeta || typeof rawMeta !== 'object' || Array.isArray(rawMeta)) throw new CheckpointError('__metadata__ is not an object');
    for (const [k, v] of Object.entries(rawMeta)) {
      if (typeof v !== 'string') throw new CheckpointError(`__metadata__.${k} is not a string`);
      metadata[k] = v;
    }
  }
  const dataStart = 8 + n;
  const dataLength = bytes.length - dataStart;
  const spans: { name: string; begin: number; end: number }[] = [];
  const tensors = new Map<string, Tensor>();
  const rawBytes = new Map<string, Uint8Array>();
  for (const [name, raw] of Object.entries(entries)) {
    if (name === '__metadata__') continue;
    const e = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (!e || typeof e !== 'object') throw new CheckpointError(`tensor '${name}': entry is not an object`);
    if (e.dtype !== 'F32' && e.dtype !== 'U32') throw new CheckpointError(`tensor '${name}': dtype ${JSON.stringify(e.dtype)} is not supported (F32, U32)`);
    if (!Array.isArray(e.shape) || !e.shape.every(isCount)) throw new CheckpointError(`tensor '${name}': shape ${JSON.stringify(e.shape)} is not a list of non-negative integers`);
    let count = 1;
    for (const d of e.shape as number[]) {
      count *= d;
      if (!Number.isSafeInteger(count) || count * 4 > dataLength) {
        throw new CheckpointError(`tensor '${name}': shape ${JSON.stringify(e.shape)} needs more bytes than the file holds`);
      }
    }
    const offsets = e.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
      throw new CheckpointError(`tensor '${name}': data_offsets ${JSON.stringify(offsets)} are not [begin, end] with begin <= end`);
    }
    const [begin, end] = offsets as number[];
    if (end > dataLength) throw new CheckpointError(`tensor '${name}': data_offsets end ${end} is past the data's ${dataLength} bytes`);
    if (end - begin !== count * DTYPE_BYTES[e.dtype]) {
      throw new CheckpointError(`tensor '${name}': ${end - begin} bytes, but shape ${JSON.stringify(e.shape)} of ${e.dtype} needs ${count * DTYPE_BYTES[e.dtype]}`);
    }
    spans.push({ name, begin, end });
    const dv = new DataView(bytes.buffer, bytes.byteOffset + dataStart + begin, end - begin);
    const data = e.dtype === 'F32' ? new Float32Array(count) : new Uint32Array(count);
    for (let i = 0; i < count; i++) data[i] = e.dtype === 'F32' ? dv.getFloat32(i * 4, true) : dv.getUint32(i * 4, true);
    tensors.set(name, { dtype: e.dtype, shape: e.shape as number[], data });
    rawBytes.set(name, bytes.subarray(dataStart + begin, dataStart + end));
  }
  spans.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const s of spans) {
    if (s.begin < expected) throw new CheckpointError(`tensor '${s.name}': its bytes overlap the previous tensor's`);
    if (s.begin > expected) throw new CheckpointError(`tensor '${s.name}': a gap of ${s.begin - expected} bytes before it`);
    expected = s.end;
  }
  if (expected !== dataLength) throw new CheckpointError(`${dataLength - expected} bytes after the last tensor belong to no tensor`);
  return { tensors, metadata, raw: rawBytes };
}
