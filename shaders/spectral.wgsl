// spectral.wgsl: spectral normalisation of a weight (Miyato et al. 2018), one workgroup of 256 per layer.
//
// The weight W is PyTorch's [out, rest] matrix (rows x cols), element (r, c) at weight_offset + r * row_stride +
// c * col_stride of the raw parameter buffer; u (rows) and v (cols) are the power iteration's vectors, state of the
// run.
//   spectral_norm_forward   with iterate 1, one power iteration first (PyTorch's, eps 1e-12):
//                             v = W^T u / max(|W^T u|, eps);  u = W v / max(|W v|, eps)
//                           then sigma = u . (W v), and the effective weight W / sigma and the bias (copied) into
//                           weight_sn, the buffer D's layers read. With iterate 0 (inference, a loaded run) u and v
//                           stay as they are.
//   spectral_norm_backward  the gradient at W from the gradient G at W / sigma, u and v held constant (as PyTorch's
//                           autograd does): G <- (G - (G . W_sn) u v^T) / sigma, in place.
// Bindings: 0 params, 1 weight_sn (or grad), 2 u, 3 v, 4 sigma, 5 weight (or weight_sn).
// Every phase reads what the previous one wrote to storage: storageBarrier orders those writes inside the one
// workgroup (the only one that touches this layer's u and v).

struct SpectralParams {
  rows: u32,
  cols: u32,
  row_stride: u32,
  col_stride: u32,
  weight_offset: u32,
  bias_offset: u32,
  bias_size: u32,
  u_offset: u32,
  v_offset: u32,
  iterate: u32,
  sigma_index: u32,
}

@group(0) @binding(0) var<uniform> p: SpectralParams;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<storage, read_write> u: array<f32>;
@group(0) @binding(3) var<storage, read_write> v: array<f32>;
@group(0) @binding(4) var<storage, read_write> sigma: array<f32>;
@group(0) @binding(5) var<storage, read> weight: array<f32>;

var<workgroup> partial: array<f32, 256>;

const EPS = 1e-12;

// The sum of every invocation's x, returned to all of them.
fn workgroup_sum(t: u32, x: f32) -> f32 {
  partial[t] = x;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (t < stride) { partial[t] += partial[t + stride]; }
    workgroupBarrier();
  }
  let total = partial[0];
  workgroupBarrier();
  return total;
}

fn w(r: u32, c: u32) -> f32 {
  return weight[p.weight_offset + r * p.row_stride + c * p.col_stride];
}

// (W v)_r
fn row_dot_v(r: u32) -> f32 {
  var acc = 0.0;
  for (var c = 0u; c < p.cols; c++) { acc += w(r, c) * v[p.v_offset + c]; }
  return acc;
}

@compute @workgroup_size(256)
fn spectral_norm_forward(@builtin(local_invocation_index) t: u32) {
  if (p.iterate != 0u) {
    var vv = 0.0;
    for (var c = t; c < p.cols; c += 256u) {
      var acc = 0.0;
      for (var r = 0u; r < p.rows; r++) { acc += w(r, c) * u[p.u_offset + r]; }
      v[p.v_offset + c] = acc;
      vv += acc * acc;
    }
    let inv_v = 1.0 / max(sqrt(workgroup_sum(t, vv)), EPS);
    for (var c = t; c < p.cols; c += 256u) { v[p.v_offset + c] *= inv_v; }
    storageBarrier();
    var uu = 0.0;
    for (var r = t; r < p.rows; r += 256u) {
      let acc = row_dot_v(r);
      u[p.u_offset + r] = acc;
      uu += acc * acc;
    }
    let inv_u = 1.0 / max(sqrt(workgroup_sum(t, uu)), EPS);
    for (var r = t; r < p.rows; r += 256u) { u[p.u_offset + r] *= inv_u; }
    storageBarrier();
  }
  var s = 0.0;
  for (var r = t; r < p.rows; r += 256u) { s += u[p.u_offset + r] * row_dot_v(r); }
  let sg = workgroup_sum(t, s);
  if (t == 0u) { sigma[p.sigma_index] = sg; }
  let inv = 1.0 / sg;
  for (var i = t; i < p.rows * p.cols; i += 256u) { out[p.weight_offset + i] = weight[p.weight_offset + i] * inv; }
  for (var i = t; i < p.bias_size; i += 256u) { out[p.bias_offset + i] = weight[p.bias_offset + i]; }
}

// The row and column of the weight's i-th element as it lies: one of the two strides is 1 (linear's rows, conv's
// columns).
fn row_col(i: u32) -> vec2<u32> {
  if (p.row_stride == 1u) { return vec2(i % p.rows, i / p.rows); }
  return vec2(i / p.cols, i % p.cols);
}

@compute @workgroup_size(256)
fn spectral_norm_backward(@builtin(local_invocation_index) t: u32) {
  let n = p.rows * p.cols;
  var s = 0.0;
  for (var i = t; i < n; i += 256u) { s += out[p.weight_offset + i] * weight[p.weight_offset + i]; }
  let g_dot_w = workgroup_sum(t, s);
  let inv = 1.0 / sigma[p.sigma_index];
  for (var i = t; i < n; i += 256u) {
    let rc = row_col(i);
    let g = out[p.weight_offset + i];
    out[p.weight_offset + i] = (g - g_dot_w * u[p.u_offset + rc.x] * v[p.v_offset + rc.y]) * inv;
  }
}
