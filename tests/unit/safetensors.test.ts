// The safetensors reader against crafted faults, each rejected with its own message, and against random mutations of
// a valid file, none of which may crash, hang or be accepted as something else than a well-formed file.
import { describe, expect, it } from 'vitest';
import { CheckpointError, decodeSafetensors, encodeSafetensors, type Tensor } from '../../src/io/safetensors';
import { seededRandom } from '../support/random';

function valid(): Uint8Array {
  const tensors = new Map<string, Tensor>([
    ['a.weight', { dtype: 'F32', shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) }],
    ['a.bias', { dtype: 'F32', shape: [3], data: Float32Array.from([0.5, -1, 2]) }],
    ['counters', { dtype: 'U32', shape: [2], data: Uint32Array.from([7, 0xffffffff]) }],
  ]);
  return encodeSafetensors(tensors, { format: 'test' });
}

/** A file with this header JSON and this many data bytes. */
function withHeader(header: unknown, dataBytes = 0, lengthOverride?: bigint): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, lengthOverride ?? BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

const t = (dtype: string, shape: unknown, offsets: unknown) => ({ dtype, shape, data_offsets: offsets });

describe('safetensors', () => {
  it('round-trips tensors and metadata exactly', () => {
    const { tensors, metadata } = decodeSafetensors(valid());
    expect(metadata).toEqual({ format: 'test' });
    expect(Array.from(tensors.get('a.weight')!.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(tensors.get('a.weight')!.shape).toEqual([2, 3]);
    expect(Array.from(tensors.get('counters')!.data)).toEqual([7, 0xffffffff]);
    const file = valid(); // the header is padded so the data starts 8-byte aligned
    expect(new DataView(file.buffer).getBigUint64(0, true) % 8n).toBe(0n);
  });

  const faults: [string, Uint8Array, RegExp][] = [
    ['truncated header length', new Uint8Array(5), /truncated: 5 bytes/],
    ['header length past the file', withHeader({}, 0, 1000n), /header length 1000 runs past the end/],
    ['header length over the limit', withHeader({}, 0, 2n ** 40n), /exceeds the .*-byte limit/],
    ['header not JSON', withHeader('{"a": '), /not valid UTF-8 JSON/],
    ['header not an object', withHeader('[1, 2]'), /not a JSON object/],
    ['wrong dtype', withHeader({ x: t('F16', [2], [0, 4]) }, 4), /tensor 'x': dtype "F16" is not supported/],
    ['bad shape', withHeader({ x: t('F32', [-1], [0, 4]) }, 4), /tensor 'x': shape \[-1\]/],
    ['overflowing shape', withHeader({ x: t('F32', [2 ** 30, 2 ** 30, 2 ** 30], [0, 4]) }, 4), /tensor 'x': shape .* needs more bytes/],
    ['offsets reversed', withHeader({ x: t('F32', [1], [4, 0]) }, 4), /tensor 'x': data_offsets \[4,0\]/],
    ['offsets past the data', withHeader({ x: t('F32', [1], [0, 8]) }, 4), /tensor 'x': data_offsets end 8 is past/],
    ['size not shape x dtype', withHeader({ x: t('F32', [2], [0, 4]) }, 8), /tensor 'x': 4 bytes, but shape \[2\] of F32 needs 8/],
    ['overlapping offsets', withHeader({ x: t('F32', [2], [0, 8]), y: t('F32', [1], [4, 8]) }, 8), /tensor 'y': its bytes overlap/],
    ['gap between tensors', withHeader({ x: t('F32', [1], [0, 4]), y: t('F32', [1], [8, 12]) }, 12), /tensor 'y': a gap of 4 bytes/],
    ['trailing bytes', withHeader({ x: t('F32', [1], [0, 4]) }, 12), /8 bytes after the last tensor/],
    ['duplicate names', withHeader('{"x": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "x": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}'), /the header holds the key 'x' twice/],
    ['duplicate key in metadata', withHeader('{"__metadata__": {"a": "1", "b": "2", "a": "3"}}'), /the header holds the key '__metadata__.a' twice/],
    ['duplicate key in a tensor entry', withHeader('{"x": {"dtype": "F32", "shape": [1], "shape": [1], "data_offsets": [0, 4]}}', 4), /the key 'x.shape' twice/],
    ['a byte-order mark', withHeader('\uFEFF{}'), /byte-order mark/],
    ['metadata not strings', withHeader({ __metadata__: { a: 1 } }), /__metadata__.a is not a string/],
  ];
  for (const [what, bytes, message] of faults) {
    it(`rejects: ${what}`, () => {
      expect(() => decodeSafetensors(bytes)).toThrow(CheckpointError);
      expect(() => decodeSafetensors(bytes)).toThrow(message);
    });
  }

  it('survives 1000 random byte mutations: each is decoded consistently or rejected with a CheckpointError', () => {
    const base = valid();
    const rand = seededRandom(2024);
    let rejected = 0;
    for (let trial = 0; trial < 1000; trial++) {
      const bytes = base.slice();
      const flips = 1 + Math.floor(rand() * 4);
      for (let f = 0; f < flips; f++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
      const cut = rand() < 0.2 ? Math.floor(rand() * bytes.length) : bytes.length;
      try {
        const { tensors } = decodeSafetensors(bytes.subarray(0, cut));
        for (const [, tensor] of tensors) expect(tensor.data.length).toBe(tensor.shape.reduce((a, b) => a * b, 1));
      } catch (e) {
        expect(e).toBeInstanceOf(CheckpointError);
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(100); // most mutations of the header or the length are caught
  });
});
