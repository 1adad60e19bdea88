// batch_norm.wgsl: batch normalisation over NCHW rows (one channel per workgroup), with the activation fused.
//   batch_norm_forward   out = act(gamma (x - mean) invstd + beta), invstd = 1 / sqrt(var + eps). Training: mean and
//                        (biased) var of the channel over the batch and its positions, by a tree in workgroup memory
//                        (two passes over x: the mean, then the squared deviations, for accuracy), saved as
//                        (mean, invstd) for the backward, and the running statistics moved by momentum (the
//                        unbiased variance, as PyTorch); inference: the running statistics
//   batch_norm_backward  from dpre (the gradient at gamma xhat + beta): dgamma [+]= sum dpre xhat, dbeta [+]= sum
//                        dpre, dx = gamma invstd / M (M dpre - dbeta - xhat dgamma) * act_in'(x), M = batch x plane
// Bindings: 0 params; 1 out, 2 x, 3 gamma, 4 beta, 5 running_mean, 6 running_var, 7 saved (forward: written);
//           8 dx, 9 dpre, 10 saved (backward: read), 11 dgamma, 12 dbeta, 13 guard.
// Shapes: x, out, dx, dpre (batch, channels, plane); gamma, beta, the running statistics (channels); saved (2 channels).

const THREADS: u32 = 256u;

struct BatchNormParams {
  batch: u32,
  channels: u32,
  plane: u32,        // positions per channel in a row (height x width)
  training: u32,     // 1: batch statistics, running statistics updated; 0: running statistics
  momentum: f32,
  eps: f32,
  accumulate: u32,   // backward: 1 adds into dgamma and dbeta
  guard_bit: u32,    // backward: a non-finite dgamma or dbeta sets guard[0] |= guard_bit
}

@group(0) @binding(0) var<uniform> p: BatchNormParams;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read> gamma: array<f32>;
@group(0) @binding(4) var<storage, read> beta: array<f32>;
@group(0) @binding(5) var<storage, read_write> running_mean: array<f32>;
@group(0) @binding(6) var<storage, read_write> running_var: array<f32>;
@group(0) @binding(7) var<storage, read_write> saved: array<f32>;
@group(0) @binding(8) var<storage, read_write> dx: array<f32>;
@group(0) @binding(9) var<storage, read> dpre: array<f32>;
@group(0) @binding(10) var<storage, read> saved_in: array<f32>;
@group(0) @binding(11) var<storage, read_write> dgamma: array<f32>;
@group(0) @binding(12) var<storage, read_write> dbeta: array<f32>;
@group(0) @binding(13) var<storage, read_write> guard: array<atomic<u32>>;

var<workgroup> partial_a: array<f32, THREADS>;
var<workgroup> partial_b: array<f32, THREADS>;

// The index of the i-th value of channel c (i over batch x plane).
fn at(c: u32, i: u32) -> u32 {
  return ((i / p.plane) * p.channels + c) * p.plane + i % p.plane;
}

// The workgroup's sums of a and b, by a tree (every invocation gets them).
fn sum2(lid: u32, a: f32, b: f32) -> vec2<f32> {
  partial_a[lid] = a;
  partial_b[lid] = b;
  workgroupBarrier();
  for (var half = THREADS / 2u; half > 0u; half /= 2u) {
    if (lid < half) {
      partial_a[lid] += partial_a[lid + half];
      partial_b[lid] += partial_b[lid + half];
    }
    workgroupBarrier();
  }
  let sums = vec2(partial_a[0], partial_b[0]);
  workgroupBarrier();  // before the arrays are written again
  return sums;
}

@compute @workgroup_size(THREADS)
fn batch_norm_forward(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let c = wg.x;
  let count = p.batch * p.plane;
  var mean = running_mean[c];
  var variance = running_var[c];
  if (p.training != 0u) {
    var s = 0.0;
    for (var i = lid; i < count; i += THREADS) { s += x[at(c, i)]; }
    mean = sum2(lid, s, 0.0).x / f32(count);
    var q = 0.0;
    for (var i = lid; i < count; i += THREADS) { let d = x[at(c, i)] - mean; q += d * d; }
    variance = sum2(lid, q, 0.0).x / f32(count);
  }
  let invstd = 1.0 / sqrt(variance + p.eps);
  if (lid == 0u) {
    saved[2u * c] = mean;
    saved[2u * c + 1u] = invstd;
    if (p.training != 0u) {
      running_mean[c] = (1.0 - p.momentum) * running_mean[c] + p.momentum * mean;
      running_var[c] = (1.0 - p.momentum) * running_var[c] + p.momentum * variance * (f32(count) / f32(max(count - 1u, 1u)));
    }
  }
  let scale = gamma[c] * invstd;
  for (var i = lid; i < count; i += THREADS) {
    let k = at(c, i);
    out[k] = activate((x[k] - mean) * scale + beta[c]);  // x - mean first: no cancellation when var << mean^2
  }
}

@compute @workgroup_size(THREADS)
fn batch_norm_backward(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let c = wg.x;
  let count = p.batch * p.plane;
  let mean = saved_in[2u * c];
  let invstd = saved_in[2u * c + 1u];
  var sd = 0.0;
  var sdx = 0.0;
  for (var i = lid; i < count; i += THREADS) {
    let k = at(c, i);
    sd += dpre[k];
    sdx += dpre[k] * (x[k] - mean) * invstd;
  }
  let sums = sum2(lid, sd, sdx);
  if (lid == 0u) {
    let g = select(0.0, dgamma[c], p.accumulate != 0u) + sums.y;
    let bt = select(0.0, dbeta[c], p.accumulate != 0u) + sums.x;
    note_nonfinite(g);
    note_nonfinite(bt);
    dgamma[c] = g;
    dbeta[c] = bt;
    report_nonfinite();
  }
  let m = f32(count);
  let scale = gamma[c] * invstd / m;
  for (var i = lid; i < count; i += THREADS) {
    let k = at(c, i);
    let xhat = (x[k] - mean) * invstd;
    dx[k] = scale * (m * dpre[k] - sums.x - xhat * sums.y) * input_activation_grad(x[k]);
  }
}
