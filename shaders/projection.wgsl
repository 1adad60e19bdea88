// projection.wgsl: the class term of a projection discriminator (Miyato & Koyama 2018), D(x, y) = psi(phi(x)) +
// <embed^T y, phi(x)>: x here is phi(x), the features entering D's last layer, and y the rows' one-hot labels (read as
// weights, so a soft label mixes the classes' embeddings). linear_forward writes psi(phi(x)) = x w + b first; these
// add the class term and its gradients (src/nn/projection.ts).
//
// Entry points (bindings: 0 params; 1 out, 2 x, 3 embed, 4 labels, 5 dx, 6 dpre, 7 guard, 8 dembed):
//   projection_forward         out [r] += sum_c y [r, c] sum_f embed [c, f] x [r, f]        one invocation per row
//   projection_backward_input  dx [r, f] += dpre [r] (sum_c y [r, c] embed [c, f]) act_in'(x [r, f])
//                              (added to linear's dx, which folds in the same derivative)   one per value of dx
//   projection_backward_embed  dembed [c, f] (+)= sum_r y [r, c] dpre [r] x [r, f]; a non-finite value raises
//                              guard [0] |= guard_bit (the optimizer then changes nothing)  one per value of dembed

struct ProjectionParams {
  batch: u32,
  features: u32,
  classes: u32,
  accumulate: u32,
  guard_bit: u32,
  row_width: u32,   // invocations per row of the dispatch grid (src/gpu/grid.ts)
}

@group(0) @binding(0) var<uniform> p: ProjectionParams;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read> embed: array<f32>;
@group(0) @binding(4) var<storage, read> labels: array<f32>;
@group(0) @binding(5) var<storage, read_write> dx: array<f32>;
@group(0) @binding(6) var<storage, read> dpre: array<f32>;
@group(0) @binding(7) var<storage, read_write> guard: array<atomic<u32>>;
@group(0) @binding(8) var<storage, read_write> dembed: array<f32>;

@compute @workgroup_size(64)
fn projection_forward(@builtin(global_invocation_id) gid: vec3<u32>) {
  let r = gid.y * p.row_width + gid.x;
  if (r >= p.batch) { return; }
  var sum = 0.0;
  for (var c = 0u; c < p.classes; c++) {
    let y = labels[r * p.classes + c];
    if (y == 0.0) { continue; }  // one-hot rows: one class contributes
    var dot = 0.0;
    for (var f = 0u; f < p.features; f++) { dot += embed[c * p.features + f] * x[r * p.features + f]; }
    sum += y * dot;
  }
  out[r] += sum;
}

@compute @workgroup_size(64)
fn projection_backward_input(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.y * p.row_width + gid.x;
  if (i >= p.batch * p.features) { return; }
  let r = i / p.features;
  let f = i % p.features;
  var e = 0.0;
  for (var c = 0u; c < p.classes; c++) { e += labels[r * p.classes + c] * embed[c * p.features + f]; }
  dx[i] += dpre[r] * e * input_activation_grad(x[i]);
}

@compute @workgroup_size(64)
fn projection_backward_embed(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.y * p.row_width + gid.x;
  if (i >= p.classes * p.features) { return; }
  let c = i / p.features;
  let f = i % p.features;
  var sum = 0.0;
  for (var r = 0u; r < p.batch; r++) { sum += labels[r * p.classes + c] * dpre[r] * x[r * p.features + f]; }
  let v = select(0.0, dembed[i], p.accumulate != 0u) + sum;
  dembed[i] = v;
  note_nonfinite(v);
  report_nonfinite();
}
