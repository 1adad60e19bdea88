// A seeded checkpoint fuzzer on the CPU (readCheckpoint checks a file completely before anything is allocated on a
// GPU): the file truncated at every offset, a few hundred random byte changes, and the structural faults a careful
// user or an attacker might try. Nothing crashes or hangs, every rejection is a CheckpointError that names what is
// wrong, and no changed byte is accepted with a changed meaning (a byte of the header's padding may become other
// whitespace: the file then says the same thing, and loads). README.md reports the counts this prints.
import { describe, expect, it } from 'vitest';
import { encodeCheckpoint, readCheckpoint, stateLayoutFor } from '../../src/io/checkpoint';
import { CheckpointError, decodeSafetensors, encodeSafetensors } from '../../src/io/safetensors';
import { toyConfig } from '../../src/train/config';
import type { GanState } from '../../src/train/types';
import { seededRandom } from '../support/random';

const config = toyConfig({
  generator: { layers: [{ units: 4, activation: 'relu' }, { units: 2, activation: 'identity' }] },
  discriminator: { layers: [{ units: 4, activation: 'leaky_relu', alpha: 0.2 }, { units: 1, activation: 'identity' }] },
  noise: { dim: 2, distribution: 'normal' }, batchSize: 8,
});
const DIMS = 2;

function sampleState(): GanState {
  const rand = seededRandom(7);
  const buffers: GanState['buffers'] = {};
  for (const [name, s] of Object.entries(stateLayoutFor(config, DIMS))) {
    buffers[name] = s.dtype === 'F32'
      ? Float32Array.from({ length: s.elements }, () => rand() * 2 - 1)
      : Uint32Array.from({ length: s.elements }, () => Math.floor(rand() * 1000));
  }
  const history = Array.from({ length: 3 }, (_, i) => ({ iteration: i + 1, dLoss: 1.3, gLoss: 0.7, dReal: 0.5, dFake: 0.4 + i / 100 }));
  return { buffers, iterations: 3, history };
}

const quiet = () => undefined;

/** What a file says, for comparing an accepted mutant with the original. */
async function meaning(bytes: Uint8Array): Promise<string> {
  const { config: c, dims, state } = await readCheckpoint(bytes, quiet);
  return JSON.stringify([c, dims, state.iterations, state.history, Object.entries(state.buffers).map(([k, v]) => [k, Array.from(v)])]);
}

type Outcome = 'rejected' | 'accepted, same meaning';

async function outcome(bytes: Uint8Array, original: string): Promise<Outcome> {
  let said: string;
  try {
    said = await meaning(bytes);
  } catch (e) {
    if (!(e instanceof CheckpointError)) throw new Error(`not a CheckpointError: ${(e as Error).stack}`);
    expect(e.message.length).toBeGreaterThan('checkpoint: '.length + 8); // it says what is wrong
    return 'rejected';
  }
  if (said !== original) throw new Error('a changed file was accepted with a different meaning');
  return 'accepted, same meaning';
}

describe('the checkpoint fuzzer', () => {
  it('reads back the file it wrote, state for state', async () => {
    const state = sampleState();
    const file = await encodeCheckpoint(config, DIMS, state);
    const { config: c, dims, state: read } = await readCheckpoint(file, quiet);
    expect(c).toEqual(JSON.parse(JSON.stringify(config)));
    expect(dims).toBe(DIMS);
    for (const [name, data] of Object.entries(state.buffers)) {
      // the flat parameters' alignment padding is not stored: compare the rest, and the file written again
      if (!name.endsWith('.params')) expect(Array.from(read.buffers[name]), name).toEqual(Array.from(data));
    }
    expect(await encodeCheckpoint(c, dims, read)).toEqual(file);
    expect(read.history).toEqual(state.history.map((h) => ({ ...h, dFake: Math.fround(h.dFake), dLoss: Math.fround(1.3), gLoss: Math.fround(0.7) })));
  });

  it('rejects the file truncated at every offset', async () => {
    const file = await encodeCheckpoint(config, DIMS, sampleState());
    const original = await meaning(file);
    const counts: Record<string, number> = {};
    for (let length = 0; length < file.length; length++) {
      const o = await outcome(file.slice(0, length), original);
      counts[o] = (counts[o] ?? 0) + 1;
    }
    console.log(`truncations of a ${file.length}-byte checkpoint: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({ rejected: file.length });
  });

  it('never accepts a changed byte with a changed meaning (400 random changes)', async () => {
    const file = await encodeCheckpoint(config, DIMS, sampleState());
    const original = await meaning(file);
    const rand = seededRandom(2026);
    const counts: Record<string, number> = {};
    for (let trial = 0; trial < 400; trial++) {
      const bytes = file.slice();
      const at = Math.floor(rand() * bytes.length);
      bytes[at] = (bytes[at] + 1 + Math.floor(rand() * 255)) % 256; // always a different value
      const o = await outcome(bytes, original);
      counts[o] = (counts[o] ?? 0) + 1;
    }
    console.log(`400 single-byte changes: ${JSON.stringify(counts)}`);
    expect(counts.rejected).toBeGreaterThan(380);
  });

  it('names each structural fault', async () => {
    const file = await encodeCheckpoint(config, DIMS, sampleState());
    const { tensors, metadata } = decodeSafetensors(file);
    const withMetadata = (changes: Record<string, string | undefined>) => {
      const m: Record<string, string> = { ...metadata };
      for (const [k, v] of Object.entries(changes)) if (v === undefined) delete m[k]; else m[k] = v;
      return encodeSafetensors(tensors, m);
    };
    const typo = JSON.stringify({ ...config, optimizers: { ...config.optimizers, generator: { type: 'adam', lr: 1e-3, bAta1: 0.5 } } });
    const cases: [string, Uint8Array, RegExp][] = [
      ['an unknown config key', withMetadata({ config: typo }), /unknown key 'bAta1'/],
      ['an iteration count written as 5e1', withMetadata({ iterations: '5e1' }), /metadata.iterations "5e1" is not a count/],
      ['an edited learning rate', withMetadata({ config: JSON.stringify({ ...config, batchSize: 9 }) }), /metadata .* does not match the file's checksum/],
      ['checksums of other tensors', withMetadata({ sha256: JSON.stringify({ other: '0'.repeat(64) }) }), /names a tensor 'other'/],
    ];
    for (const [what, bytes, message] of cases) {
      await expect(readCheckpoint(bytes, quiet), what).rejects.toThrow(message);
    }
    // a file with no checksums (as PyTorch's safetensors writer makes) loads, with a notice
    const notices: string[] = [];
    await readCheckpoint(withMetadata({ sha256: undefined }), (m) => notices.push(m));
    expect(notices.join()).toMatch(/no checksums/);
  });
});
