// step.wgsl: the bookkeeping that closes a training step, in one invocation, dispatched after the step's gradients
// and before its optimizer update (src/train/schedule.ts). It does, in order:
//   1. guard[0] |= guard_bit when one of metrics[0 .. metrics_n) (the losses and means) is a NaN or an infinity: the
//      gradients are checked as they are written (linear.wgsl), the metrics here;
//   2. unless guard[0] != 0, advances the network's step count and Adam's bias-correction sums for the step about to
//      be taken: counters[counter_index ..+3] = (t + 1, 1 + beta1 S1, 1 + beta2 S2) (optim.wgsl reads them);
//   3. rng_state += 1 (64-bit): the step drew its noise and minibatch at rng_state + 1 (rng.wgsl's draw_offset), so
//      the next step draws at the number after;
//   4. when ring_slots > 0 (the generator's step, which ends an iteration), the metrics go into slot ring_state[0] %
//      ring_slots of the ring that the CPU reads back between chunks, and ring_state[0] += 1.
// One dispatch where there were three (rng_advance, optimizer_count_step, ring_commit) plus a pass over every
// gradient (nonfinite_check): with dispatches as the cost of a small iteration, each one saved counts.
// Bindings: 0 params; 1 counters (u32), 2 guard (u32), 3 rng_state (u32 x 2), 4 metrics, 5 ring, 6 ring_state (u32).

struct StepParams {
  counter_index: u32,
  beta1: f32,
  beta2: f32,
  guard_bit: u32,
  metrics_n: u32,
  ring_slots: u32,   // 0: this step commits no metrics
}

@group(0) @binding(0) var<uniform> p: StepParams;
@group(0) @binding(1) var<storage, read_write> counters: array<u32>;
@group(0) @binding(2) var<storage, read_write> guard: array<u32>;
@group(0) @binding(3) var<storage, read_write> rng_state: array<u32>;
@group(0) @binding(4) var<storage, read> metrics: array<f32>;
@group(0) @binding(5) var<storage, read_write> ring: array<f32>;
@group(0) @binding(6) var<storage, read_write> ring_state: array<u32>;

@compute @workgroup_size(1)
fn step_commit() {
  for (var j = 0u; j < p.metrics_n; j++) {
    if ((bitcast<u32>(metrics[j]) & 0x7f800000u) == 0x7f800000u) { guard[0] |= p.guard_bit; }
  }
  if (guard[0] == 0u) {
    let c = p.counter_index;
    counters[c] = counters[c] + 1u;
    counters[c + 1u] = bitcast<u32>(1.0 + p.beta1 * bitcast<f32>(counters[c + 1u]));
    counters[c + 2u] = bitcast<u32>(1.0 + p.beta2 * bitcast<f32>(counters[c + 2u]));
  }
  let lo = rng_state[0] + 1u;
  rng_state[0] = lo;
  if (lo == 0u) { rng_state[1] = rng_state[1] + 1u; }
  if (p.ring_slots > 0u) {
    let iteration = ring_state[0];
    let slot = iteration % p.ring_slots;
    for (var j = 0u; j < p.metrics_n; j++) { ring[slot * p.metrics_n + j] = metrics[j]; }
    ring_state[0] = iteration + 1u;
  }
}
