// optim.wgsl: optimizer steps over one flat parameter buffer, one dispatch per network.
//
// Entry points (one invocation per parameter; 2-D grid when n needs more than 65535 workgroups):
//   sgd_momentum_step    param (n), velocity (n) updated from grad (n):
//                        g' = g + wd * p;  v = mu * v + g';  p -= lr * v
//   adam_step            param (n), m (n), v (n) updated from grad (n):
//                        m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
//                        p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
//   optimizer_count_step counters[counter_index ..+3] = (t, S1, S2) for the step being taken, a single invocation,
//                        dispatched before each step; keeps t on the GPU so many iterations encode without the CPU.
// 1 - b^t is computed as (1 - b) * S_t with S_t = 1 + b + ... + b^(t-1) = 1 + b * S_(t-1): a sum of positive
// terms, so no cancellation (1 - exp(t log b) loses most digits when b = 0.999), and no pow on any base.
//   nonfinite_check      guard[0] |= guard_bit when grad (n) or extra (extra_n, e.g. the losses) holds a NaN or an
//                        infinity; one workgroup. Dispatched before the step: every kernel above returns at once
//                        while guard[0] != 0, so a bad step changes no parameter, moment or step count, and the
//                        guard stays set (training halts on the GPU) until the CPU sees it at the next read-back.
// Bindings: 0 params; 1 param, 2 velocity | m, 3 v, 4 grad, 5 counters, 6 guard, 7 extra.
// b^t is computed as exp(t * log(b)) with b in [0, 1): pow is never applied to a negative base.

struct OptimParams {
  n: u32,
  row_width: u32,     // invocations per row of the dispatch grid (workgroups in x * 256)
  lr: f32,
  beta1: f32,         // sgd: momentum
  beta2: f32,
  eps: f32,
  weight_decay: f32,
  counter_index: u32,
  guard_bit: u32,
  extra_n: u32,
}

@group(0) @binding(0) var<uniform> p: OptimParams;
@group(0) @binding(1) var<storage, read_write> param: array<f32>;
@group(0) @binding(2) var<storage, read_write> moment1: array<f32>;
@group(0) @binding(3) var<storage, read_write> moment2: array<f32>;
@group(0) @binding(4) var<storage, read> grad: array<f32>;
@group(0) @binding(5) var<storage, read_write> counters: array<u32>;
@group(0) @binding(6) var<storage, read_write> guard: array<u32>;
@group(0) @binding(7) var<storage, read> extra: array<f32>;

@compute @workgroup_size(256)
fn sgd_momentum_step(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.y * p.row_width + gid.x;
  if (i >= p.n || guard[0] != 0u) { return; }
  let g = grad[i] + p.weight_decay * param[i];
  let v = p.beta1 * moment1[i] + g;
  moment1[i] = v;
  param[i] = param[i] - p.lr * v;
}

// counters is bound read_write because optimizer_count_step shares the binding; adam_step only reads it.
fn bias_correction(beta: f32, geometric_sum_bits: u32) -> f32 {
  return (1.0 - beta) * bitcast<f32>(geometric_sum_bits);
}

@compute @workgroup_size(256)
fn adam_step(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.y * p.row_width + gid.x;
  if (i >= p.n || guard[0] != 0u) { return; }
  let g = grad[i] + p.weight_decay * param[i];
  let m = p.beta1 * moment1[i] + (1.0 - p.beta1) * g;
  let v = p.beta2 * moment2[i] + (1.0 - p.beta2) * g * g;
  moment1[i] = m;
  moment2[i] = v;
  let m_hat = m / bias_correction(p.beta1, counters[p.counter_index + 1u]);
  let v_hat = v / bias_correction(p.beta2, counters[p.counter_index + 2u]);
  param[i] = param[i] - p.lr * m_hat / (sqrt(v_hat) + p.eps);
}

@compute @workgroup_size(1)
fn optimizer_count_step() {
  if (guard[0] != 0u) { return; }
  let c = p.counter_index;
  counters[c] = counters[c] + 1u;
  counters[c + 1u] = bitcast<u32>(1.0 + p.beta1 * bitcast<f32>(counters[c + 1u]));
  counters[c + 2u] = bitcast<u32>(1.0 + p.beta2 * bitcast<f32>(counters[c + 2u]));
}

fn is_nonfinite(v: f32) -> bool {
  return (bitcast<u32>(v) & 0x7f800000u) == 0x7f800000u; // exponent all ones: an infinity or a NaN
}

var<workgroup> found: atomic<u32>;

@compute @workgroup_size(256)
fn nonfinite_check(@builtin(local_invocation_index) t: u32) {
  var bad = false;
  for (var i = t; i < p.n; i += 256u) { bad = bad || is_nonfinite(grad[i]); }
  for (var i = t; i < p.extra_n; i += 256u) { bad = bad || is_nonfinite(extra[i]); }
  if (bad) { atomicOr(&found, 1u); }
  workgroupBarrier();
  if (t == 0u && atomicLoad(&found) != 0u) { guard[0] = guard[0] | p.guard_bit; }
}
