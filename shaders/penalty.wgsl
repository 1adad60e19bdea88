// penalty.wgsl: the gradient penalties on D's input gradient g = dD/dx (R1, Mescheder et al. 2018; WGAN-GP,
// Gulrajani et al. 2017) and the pieces of their double backward (src/train/penalty.ts has the whole scheme).
//
// Entry points (bindings: 0 params, then as listed):
//   penalty_points          out (n, dims): the rows the penalty is taken at, from D's 2n-row input `rows` (fakes
//                           first, reals after): mode 0 the reals (R1), mode 1 real + eps_r (fake - real) with eps_r
//                           from `eps` (WGAN-GP's interpolates).                             1 out, 2 rows, 3 eps
//   gradient_penalty        from g (n, dims): u = dP/dg, and P added to metrics[loss_index]. One workgroup of 256.
//                           mode 0 (R1):      P = weight * mean_r |g_r|^2 / 2,        u_r = weight * g_r / n
//                           mode 1 (WGAN-GP): P = weight * mean_r (|g_r| - 1)^2,      u_r = 2 weight (|g_r| - 1) g_r / (|g_r| n)
//                                                                                      1 u, 2 metrics, 3 g
//   activation_tangent      out = act'(h) * t, h the activation's output (ACT_IN, as the backward kernels)
//                                                                                      1 out, 3 t, 4 h
//   activation_second_adjoint  the adjoints at a pre-activation a of both streams of the double backward, from those
//                           at its output (hbar: the primal's, when has_primal; hdotbar: the tangent's) and the
//                           tangent adot at a:  abar = hbar act'(a) + hdotbar adot act''(a);  adotbar = hdotbar act'(a)
//                                                          1 abar, 2 adotbar, 3 hbar, 4 hdotbar, 5 adot, 6 h

struct PenaltyParams {
  n: u32,           // rows (penalty_points, gradient_penalty) or elements (the activation kernels)
  dims: u32,        // values per row
  mode: u32,
  weight: f32,
  loss_index: u32,
  has_primal: u32,  // activation_second_adjoint: hbar is bound and non-zero
  row_width: u32,   // the elementwise kernels' invocations per row of their grid (src/gpu/grid.ts)
}

@group(0) @binding(0) var<uniform> p: PenaltyParams;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<storage, read_write> out2: array<f32>;
@group(0) @binding(3) var<storage, read> in1: array<f32>;
@group(0) @binding(4) var<storage, read> in2: array<f32>;
@group(0) @binding(5) var<storage, read> in3: array<f32>;
@group(0) @binding(6) var<storage, read> in4: array<f32>;

var<workgroup> partial: array<f32, 256>;

@compute @workgroup_size(64)
fn penalty_points(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.y * p.row_width + gid.x;
  if (i >= p.n * p.dims) { return; }
  let real = out2[p.n * p.dims + i];
  if (p.mode == 0u) {
    out[i] = real;
  } else {
    out[i] = real + in1[i / p.dims] * (out2[i] - real);
  }
}

@compute @workgroup_size(256)
fn gradient_penalty(@builtin(local_invocation_index) t: u32) {
  var sum = 0.0;
  let inv_n = 1.0 / f32(p.n);
  for (var r = t; r < p.n; r += 256u) {
    var ss = 0.0;
    for (var j = 0u; j < p.dims; j++) { let g = in1[r * p.dims + j]; ss += g * g; }
    var scale: f32;
    if (p.mode == 0u) {
      sum += 0.5 * ss;
      scale = p.weight * inv_n;
    } else {
      let norm = sqrt(ss);
      sum += (norm - 1.0) * (norm - 1.0);
      // at g = 0 the penalty's gradient is undefined: taken as 0 there (a zero row has no direction)
      scale = select(0.0, 2.0 * p.weight * (norm - 1.0) / (norm * f32(p.n)), norm > 0.0);
    }
    for (var j = 0u; j < p.dims; j++) { out[r * p.dims + j] = scale * in1[r * p.dims + j]; }
  }
  partial[t] = sum;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (t < stride) { partial[t] += partial[t + stride]; }
    workgroupBarrier();
  }
  if (t == 0u) { out2[p.loss_index] += p.weight * partial[0] * inv_n; }
}

// act''(a) in terms of h = act(a): 0 for the piecewise-linear ones.
fn input_activation_second(y: f32) -> f32 {
  switch ACT_IN {
    case 3u: { return -2.0 * y * (1.0 - y * y); }
    case 4u: { return y * (1.0 - y) * (1.0 - 2.0 * y); }
    default: { return 0.0; }
  }
}


@compute @workgroup_size(64)
fn activation_tangent(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.y * p.row_width + gid.x;
  if (i >= p.n) { return; }
  out[i] = input_activation_grad(in2[i]) * in1[i];
}

@compute @workgroup_size(64)
fn activation_second_adjoint(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.y * p.row_width + gid.x;
  if (i >= p.n) { return; }
  let h = in4[i];
  let d1 = input_activation_grad(h);
  let hdotbar = in2[i];
  let primal = select(0.0, in1[i] * d1, p.has_primal != 0u);
  out[i] = primal + hdotbar * in3[i] * input_activation_second(h);
  out2[i] = hdotbar * d1;
}
