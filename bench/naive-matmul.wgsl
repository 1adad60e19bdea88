// naive-matmul.wgsl: the baseline the tiled kernel is measured against, one output per invocation, no tiling.
// naive_matmul  out (M, N) = x (M, K) . w (K, N) + b (N)
struct LinearParams {
  batch: u32,
  in_features: u32,
  out_features: u32,
  accumulate: u32,
}
@group(0) @binding(0) var<uniform> p: LinearParams;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read> w: array<f32>;
@group(0) @binding(4) var<storage, read> b: array<f32>;

@compute @workgroup_size(16, 16)
fn naive_matmul(@builtin(global_invocation_id) gid: vec3<u32>) {
  let row = gid.y;
  let col = gid.x;
  if (row >= p.batch || col >= p.out_features) { return; }
  var sum = b[col];
  for (var k = 0u; k < p.in_features; k++) {
    sum += x[row * p.in_features + k] * w[k * p.out_features + col];
  }
  out[row * p.out_features + col] = sum;
}
