// optim.wgsl: optimizer steps over one flat parameter buffer, one dispatch per network.
//
// Entry points:
//   sgd_momentum_step    param (n), velocity (n) updated from grad (n), one invocation per vec4 of 4 parameters:
//                        g' = g + wd * p;  v = mu * v + g';  p -= lr * v
//   ema_update           ema (n, bound as moment1) moved toward param (n): ema += (1 - decay) (param - ema), decay
//                        in beta1; after G's optimizer step, for the moving average of its weights (none while
//                        the guard is up, as the steps)
//   adam_step            param (n), m (n), v (n) updated from grad (n), one invocation per vec4 of 4 parameters:
//                        m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
//                        p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
// adam_step reads (t, S1, S2) for the step being taken from counters[counter_index ..+3], which step_commit
// (step.wgsl) advances just before, so t stays on the GPU and many iterations encode without the CPU. Both steps
// return at once while guard[0] != 0: the NaN guard, raised by the kernels that write the gradients (linear.wgsl)
// and by step_commit for the losses, so a bad step changes no parameter, moment or step count, and the guard stays
// set (training halts on the GPU) until the CPU sees it at the next read-back.
// 1 - b^t is computed as (1 - b) * S_t with S_t = 1 + b + ... + b^(t-1) = 1 + b * S_(t-1): a sum of positive
// terms, so no cancellation (1 - exp(t log b) loses most digits when b = 0.999), and no pow on any base.
// Bindings: 0 params; 1 param, 2 velocity | m, 3 v, 4 grad, 5 counters, 6 guard.
//
// Why vec4 (SwiftShader, 280k parameters, one dispatch alone): an invocation costs about as much as its arithmetic,
// so the steps take one vec4 of 4 parameters each instead of one float (adam 8 -> 4.5 ms, sgd 5 -> 3 ms). More vec4s
// per step invocation measured no faster.
// The float buffers are viewed as array<vec4<f32>>, so each must hold ceil(n / 4) * 4 floats; createStorage rounds
// every buffer up to 16 bytes, and a network's n is a multiple of 64. When n % 4 != 0
// the last vec4 is computed whole and stored component by component below n: the padding past n is read but never
// written. Each element sees the f32 operations of the scalar kernels in the same order (only per-dispatch values,
// 1 - b and the bias corrections, are computed once per invocation), so the results are bit for bit the same.

struct OptimParams {
  n: u32,
  row_width: u32,     // invocations per row of the dispatch grid (workgroups in x * 64)
  lr: f32,
  beta1: f32,         // sgd: momentum
  beta2: f32,
  eps: f32,
  weight_decay: f32,
  counter_index: u32,
}

@group(0) @binding(0) var<uniform> p: OptimParams;
@group(0) @binding(1) var<storage, read_write> param: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> moment1: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> moment2: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> grad: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read> counters: array<u32>;
@group(0) @binding(6) var<storage, read> guard: array<u32>;

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

// 1 - beta^t from S_t = 1 + beta + ... + beta^(t-1), kept as f32 bits in counters.
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

@compute @workgroup_size(64)
fn ema_update(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = vec4_index(gid);
  let count = floats_below_n(i, p.n);
  if (count == 0u || guard[0] != 0u) { return; }
  let e = moment1[i];
  let e_new = e + (1.0 - p.beta1) * (param[i] - e);
  if (count == 4u) {
    moment1[i] = e_new;
  } else {
    for (var c = 0u; c < count; c++) { moment1[i][c] = e_new[c]; }
  }
}
