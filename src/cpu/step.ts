// The CPU mirror of shaders/step.wgsl.
import { nonfinite_check } from './optim.js';

export interface StepState {
  counters: Uint32Array; // (t, S1, S2) per network, S as f32 bits
  guard: Uint32Array; // 1 value
  rngState: Uint32Array; // 2 values: the draw counter, low word first
  ring: Float64Array; // ring_slots x metrics.length
  ringState: Uint32Array; // 1 value: iterations committed
}

export interface StepCommitParams {
  counterIndex: number;
  beta1: number;
  beta2: number;
  guardBit: number;
  ringSlots: number; // 0: no metrics into the ring
}

const f32 = new Float32Array(1);
const bits = new Uint32Array(f32.buffer);
const asFloat = (u: number) => ((bits[0] = u), f32[0]);
const asBits = (x: number) => ((f32[0] = x), bits[0]);

/** Closes a training step as the GPU does: the metrics' NaN check, the step count (unless guarded), the draw
 * counter's advance, the metrics into the ring. The S sums are rounded to f32 at each step, as the GPU keeps them. */
export function step_commit(s: StepState, metrics: ArrayLike<number>, p: StepCommitParams): void {
  if (nonfinite_check(metrics)) s.guard[0] |= p.guardBit;
  if (s.guard[0] === 0) {
    const c = p.counterIndex;
    s.counters[c] += 1;
    s.counters[c + 1] = asBits(1 + Math.fround(Math.fround(p.beta1) * asFloat(s.counters[c + 1])));
    s.counters[c + 2] = asBits(1 + Math.fround(Math.fround(p.beta2) * asFloat(s.counters[c + 2])));
  }
  s.rngState[0] = (s.rngState[0] + 1) >>> 0;
  if (s.rngState[0] === 0) s.rngState[1] = (s.rngState[1] + 1) >>> 0;
  if (p.ringSlots > 0) {
    const slot = s.ringState[0] % p.ringSlots;
    for (let j = 0; j < metrics.length; j++) s.ring[slot * metrics.length + j] = metrics[j];
    s.ringState[0] += 1;
  }
}
