// optim.wgsl: optimizer steps over one flat parameter buffer, one dispatch per network.
//
// Entry points:
//   sgd_momentum_step    param (n), velocity (n) updated from grad (n), one invocation per vec4 of 4 parameters:
//                        g' = g + wd * p;  v = mu * v + g';  p -= lr * v
//   adam_step            param (n), m (n), v (n) updated from grad (n), one invocation per vec4 of 4 parameters:
//                        m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
//                        p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
//   optimizer_count_step counters[counter_index ..+3] = (t, S1, S2) for the step being taken, a single invocation,
//                        dispatched before each step; keeps t on the GPU so many iterations encode without the CPU.
//   nonfinite_check      guard[0] |= guard_bit when grad (n) or extra (extra_n, e.g. the losses) holds a NaN or an
//                        infinity; a 1-D grid, each invocation testing NONFINITE_VEC4S (32) consecutive vec4s of each.
//                        Dispatched before the step: every kernel above returns at once while guard[0] != 0, so a
//                        bad step changes no parameter, moment or step count, and the guard stays set (training halts
//                        on the GPU) until the CPU sees it at the next read-back.
// 1 - b^t is computed as (1 - b) * S_t with S_t = 1 + b + ... + b^(t-1) = 1 + b * S_(t-1): a sum of positive
// terms, so no cancellation (1 - exp(t log b) loses most digits when b = 0.999), and no pow on any base.
// Bindings: 0 params; 1 param, 2 velocity | m, 3 v, 4 grad, 5 counters, 6 guard, 7 extra.
//
// Why vec4 (SwiftShader, 280k parameters, one dispatch alone): an invocation costs about as much as its arithmetic,
// so the steps take one vec4 of 4 parameters each instead of one float (adam 8 -> 4.5 ms, sgd 5 -> 3 ms), and
// nonfinite_check, once a single workgroup of 256 looping over all n (2 ms), now runs across many workgroups, each
// invocation testing 128 floats (0.7 ms). More vec4s per step invocation measured no faster.
// The float buffers are viewed as array<vec4<f32>>, so each must hold ceil(n / 4) * 4 floats (extra: ceil(extra_n /
// 4) * 4); createStorage rounds every buffer up to 16 bytes, and a network's n is a multiple of 64. When n % 4 != 0
// the last vec4 is computed whole and stored component by component below n: the padding past n is read but never
// written, nor tested for a NaN. Each element sees the f32 operations of the scalar kernels in the same order (only
// per-dispatch values, 1 - b and the bias corrections, are computed once per invocation), so the results are bit for
// bit the same. nonfinite_check sets its bit with atomicOr through guard_atomic, a second view of binding 6 that no
// other entry point uses (WGSL lets two variables share a binding when no single entry point uses both).

struct OptimParams {
  n: u32,
  row_width: u32,     // invocations per row of the dispatch grid (workgroups in x * 64)
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
@group(0) @binding(1) var<storage, read_write> param: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> moment1: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> moment2: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> grad: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> counters: array<u32>;
@group(0) @binding(6) var<storage, read_write> guard: array<u32>;
@group(0) @binding(6) var<storage, read_write> guard_atomic: array<atomic<u32>>; // nonfinite_check's view of guard
@group(0) @binding(7) var<storage, read> extra: array<vec4<f32>>;

// The vec4 a step invocation updates: its index, and how many of its 4 floats lie below n (0 past the end).
fn vec4_index(gid: vec3<u32>) -> u32 { return gid.y * p.row_width + gid.x; }
fn floats_below_n(i: u32, n: u32) -> u32 {
  let whole = n / 4u;
  if (i < whole) { return 4u; }
  if (i == whole) { return n % 4u; }
  return 0u;
}

@compute @workgroup_size(64)
fn sgd_momentum_step(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = vec4_index(gid);
  let count = floats_below_n(i, p.n);
  if (count == 0u || guard[0] != 0u) { return; }
  let x = param[i];
  let g = grad[i] + p.weight_decay * x;
  let v = p.beta1 * moment1[i] + g;
  let x_new = x - p.lr * v;
  if (count == 4u) {
    moment1[i] = v;
    param[i] = x_new;
  } else {
    for (var c = 0u; c < count; c++) {
      moment1[i][c] = v[c];
      param[i][c] = x_new[c];
    }
  }
}

// counters is bound read_write because optimizer_count_step shares the binding; adam_step only reads it.
fn bias_correction(beta: f32, geometric_sum_bits: u32) -> f32 {
  return (1.0 - beta) * bitcast<f32>(geometric_sum_bits);
}

@compute @workgroup_size(64)
fn adam_step(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = vec4_index(gid);
  let count = floats_below_n(i, p.n);
  if (count == 0u || guard[0] != 0u) { return; }
  // per dispatch: the same for every element
  let one_minus_b1 = 1.0 - p.beta1;
  let one_minus_b2 = 1.0 - p.beta2;
  let c1 = bias_correction(p.beta1, counters[p.counter_index + 1u]);
  let c2 = bias_correction(p.beta2, counters[p.counter_index + 2u]);
  // per element, the scalar kernel's operations in its order: ((1 - b2) * g) * g, and (lr * m_hat) / (...)
  let x = param[i];
  let g = grad[i] + p.weight_decay * x;
  let m = p.beta1 * moment1[i] + one_minus_b1 * g;
  let v = p.beta2 * moment2[i] + one_minus_b2 * g * g;
  let m_hat = m / c1;
  let v_hat = v / c2;
  let x_new = x - p.lr * m_hat / (sqrt(v_hat) + p.eps);
  if (count == 4u) {
    moment1[i] = m;
    moment2[i] = v;
    param[i] = x_new;
  } else {
    for (var c = 0u; c < count; c++) {
      moment1[i][c] = m[c];
      moment2[i][c] = v[c];
      param[i][c] = x_new[c];
    }
  }
}

@compute @workgroup_size(1)
fn optimizer_count_step() {
  if (guard[0] != 0u) { return; }
  let c = p.counter_index;
  counters[c] = counters[c] + 1u;
  counters[c + 1u] = bitcast<u32>(1.0 + p.beta1 * bitcast<f32>(counters[c + 1u]));
  counters[c + 2u] = bitcast<u32>(1.0 + p.beta2 * bitcast<f32>(counters[c + 2u]));
}

// vec4s of grad (and of extra) each nonfinite_check invocation tests, consecutive; NONFINITE_VEC4S in
// src/gpu/kernels.ts sizes the grid with the same number. On SwiftShader an invocation costs about as much as
// testing a few dozen floats, so each takes 128 (8192 per workgroup of 64): 0.7 ms for 280k floats, where 1 vec4
// per invocation took 3.3 ms.
const NONFINITE_VEC4S = 32u;
const EXPONENT = vec4(0x7f800000u);

// Which floats of x are an infinity or a NaN: those whose exponent bits are all ones.
fn nonfinite4(x: vec4<f32>) -> vec4<bool> {
  return (bitcast<vec4<u32>>(x) & EXPONENT) == EXPONENT;
}

// Whether one of the first `count` floats of x is an infinity or a NaN (the rest are padding past the end).
fn has_nonfinite(x: vec4<f32>, count: u32) -> bool {
  return any(nonfinite4(x) & (vec4(0u, 1u, 2u, 3u) < vec4(count)));
}

@compute @workgroup_size(64)
fn nonfinite_check(@builtin(global_invocation_id) gid: vec3<u32>) {
  let first = (gid.y * p.row_width + gid.x) * NONFINITE_VEC4S;
  var bad = false;
  if (first + NONFINITE_VEC4S <= p.n / 4u) {
    // every invocation but the last: whole vec4s below n, tested without a branch per vec4
    var seen = vec4(false);
    for (var k = 0u; k < NONFINITE_VEC4S; k++) { seen = seen | nonfinite4(grad[first + k]); }
    bad = any(seen);
  } else {
    for (var k = 0u; k < NONFINITE_VEC4S; k++) {
      let count = floats_below_n(first + k, p.n);
      if (count != 0u) { bad = bad || has_nonfinite(grad[first + k], count); }
    }
  }
  if (floats_below_n(first, p.extra_n) != 0u) { // extra is short (the losses): only the first invocations reach it
    for (var k = 0u; k < NONFINITE_VEC4S; k++) {
      let count = floats_below_n(first + k, p.extra_n);
      if (count != 0u) { bad = bad || has_nonfinite(extra[first + k], count); }
    }
  }
  if (bad) { atomicOr(&guard_atomic[0], p.guard_bit); }
}
