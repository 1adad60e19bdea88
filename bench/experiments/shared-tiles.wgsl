// Experiment kept for comparison (bench/experiments/try.ts): the first linear kernels, 64x64 workgroup tiles through
// workgroup memory, 4x4 per invocation. On SwiftShader the barriers cost more than the tiles save (about 0.6-0.8
// GFLOP/s at 512^3 against 2-3 for the register-blocked kernels in shaders/linear.wgsl).
// linear.wgsl: fully connected layers on one tiled, register-blocked matmul.
//
// Entry points (layouts row-major; act is the ACT override, its derivative taken from the layer's output):
//   linear_forward          out (B, N)  = act(x (B, K) . w (K, N) + b (N))
//   linear_backward_input   dx  (B, K) [+]= (dout * act'(out)) (B, N) . w^T
//   linear_backward_weight  dw  (K, N) [+]= x^T . (dout * act'(out))
//   linear_backward_bias    db  (N)    [+]= sum over rows of (dout * act'(out))
// Bindings: 0 params; 1 out, 2 x, 3 w, 4 b (forward); 5 dx, 6 dout, 7 out (the layer's forward output);
//           8 dw; 9 db. Each entry point uses only its own subset (pipeline layout 'auto').
//
// Tiling: a workgroup of 16x16 invocations computes a 64x64 tile of the output; each invocation a 4x4 block,
// held in four vec4 registers. K is walked 16 at a time through two workgroup tiles stored as vec4, so the inner
// loop does two vec4 loads per 16 multiply-adds. Out-of-range rows and columns load as zero, so any size works.

override ACT: u32 = 0u;      // 0 identity, 1 relu, 2 leaky_relu, 3 tanh, 4 sigmoid
override ALPHA: f32 = 0.2;   // leaky_relu slope, >= 0

struct LinearParams {
  batch: u32,
  in_features: u32,
  out_features: u32,
  accumulate: u32,   // backward: 1 adds into the gradient buffer, 0 overwrites it
}

@group(0) @binding(0) var<uniform> p: LinearParams;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read> w: array<f32>;
@group(0) @binding(4) var<storage, read> b: array<f32>;
@group(0) @binding(5) var<storage, read_write> dx: array<f32>;
@group(0) @binding(6) var<storage, read> dout: array<f32>;
@group(0) @binding(7) var<storage, read> out_saved: array<f32>;
@group(0) @binding(8) var<storage, read_write> dw: array<f32>;
@group(0) @binding(9) var<storage, read_write> db: array<f32>;

const TILE: u32 = 64u;
const TILE_K: u32 = 16u;

// tile_a[k * 16 + i] holds rows 4i..4i+3 of column k of the A tile; tile_b[k * 16 + j] columns 4j..4j+3 of row k.
var<workgroup> tile_a: array<vec4<f32>, 256>;
var<workgroup> tile_b: array<vec4<f32>, 256>;

fn tanh_stable(z: f32) -> f32 {
  let a = abs(z);
  if (a < 0.125) {
    let z2 = z * z;
    return z * (1.0 - z2 * (1.0 / 3.0 - z2 * (2.0 / 15.0 - z2 * (17.0 / 315.0))));
  }
  let e = exp(-2.0 * a);  // never overflows: tanh(+-100) is exactly +-1
  return sign(z) * (1.0 - e) / (1.0 + e);
}

fn sigmoid_stable(z: f32) -> f32 {
  if (z >= 0.0) {
    return 1.0 / (1.0 + exp(-z));
  }
  let e = exp(z);
  return e / (1.0 + e);
}

fn activate(z: f32) -> f32 {
  switch ACT {
    case 1u: { return max(z, 0.0); }
    case 2u: { return select(ALPHA * z, z, z > 0.0); }
    case 3u: { return tanh_stable(z); }
    case 4u: { return sigmoid_stable(z); }
    default: { return z; }
  }
}

// act'(z) written in terms of y = act(z), so the backward pass needs only the saved output.
fn activation_grad(y: f32) -> f32 {
  switch ACT {
    case 1u: { return select(0.0, 1.0, y > 0.0); }
    case 2u: { return select(ALPHA, 1.0, y > 0.0); }
    case 3u: { return 1.0 - y * y; }
    case 4u: { return y * (1.0 - y); }
    default: { return 1.0; }
  }
}

// Gradient at the pre-activation, the backward prologue: dout * act'(out), zero outside (batch, out_features).
fn dpre_at(row: u32, col: u32) -> f32 {
  if (row >= p.batch || col >= p.out_features) { return 0.0; }
  let i = row * p.out_features + col;
  return dout[i] * activation_grad(out_saved[i]);
}

fn x_at(row: u32, col: u32) -> f32 {
  if (row >= p.batch || col >= p.in_features) { return 0.0; }
  return x[row * p.in_features + col];
}

fn w_at(row: u32, col: u32) -> f32 {
  if (row >= p.in_features || col >= p.out_features) { return 0.0; }
  return w[row * p.out_features + col];
}

// acc[i] += A(4ty + i, k) * B(k, 4tx..4tx+3) over the 16 k of the current tiles, unrolled by four.
fn multiply_tiles(acc: ptr<function, array<vec4<f32>, 4>>, tx: u32, ty: u32) {
  for (var k = 0u; k < TILE_K; k += 4u) {
    var a = tile_a[k * 16u + ty];
    var bv = tile_b[k * 16u + tx];
    (*acc)[0] += a.x * bv; (*acc)[1] += a.y * bv; (*acc)[2] += a.z * bv; (*acc)[3] += a.w * bv;
    a = tile_a[(k + 1u) * 16u + ty];
    bv = tile_b[(k + 1u) * 16u + tx];
    (*acc)[0] += a.x * bv; (*acc)[1] += a.y * bv; (*acc)[2] += a.z * bv; (*acc)[3] += a.w * bv;
    a = tile_a[(k + 2u) * 16u + ty];
    bv = tile_b[(k + 2u) * 16u + tx];
    (*acc)[0] += a.x * bv; (*acc)[1] += a.y * bv; (*acc)[2] += a.z * bv; (*acc)[3] += a.w * bv;
    a = tile_a[(k + 3u) * 16u + ty];
    bv = tile_b[(k + 3u) * 16u + tx];
    (*acc)[0] += a.x * bv; (*acc)[1] += a.y * bv; (*acc)[2] += a.z * bv; (*acc)[3] += a.w * bv;
  }
}

// Each invocation loads four A values (4 rows, one k) and four B values (one k, 4 columns) per tile.
struct TileSlot { k: u32, q: u32 }
fn tile_slot(lid: vec3<u32>) -> TileSlot {
  let t = lid.y * 16u + lid.x;
  return TileSlot(t / 16u, t % 16u);
}

@compute @workgroup_size(16, 16)
fn linear_forward(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let row0 = wg.y * TILE;
  let col0 = wg.x * TILE;
  let s = tile_slot(lid);
  var acc: array<vec4<f32>, 4>;
  for (var k0 = 0u; k0 < p.in_features; k0 += TILE_K) {
    let r = row0 + s.q * 4u;
    let c = col0 + s.q * 4u;
    let k = k0 + s.k;
    tile_a[s.k * 16u + s.q] = vec4(x_at(r, k), x_at(r + 1u, k), x_at(r + 2u, k), x_at(r + 3u, k));
    tile_b[s.k * 16u + s.q] = vec4(w_at(k, c), w_at(k, c + 1u), w_at(k, c + 2u), w_at(k, c + 3u));
    workgroupBarrier();
    multiply_tiles(&acc, lid.x, lid.y);
    workgroupBarrier();
  }
  for (var i = 0u; i < 4u; i++) {
    let row = row0 + lid.y * 4u + i;
    for (var j = 0u; j < 4u; j++) {
      let col = col0 + lid.x * 4u + j;
      if (row < p.batch && col < p.out_features) {
        out[row * p.out_features + col] = activate(acc[i][j] + b[col]);
      }
    }
  }
}

@compute @workgroup_size(16, 16)
fn linear_backward_input(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  // dx (batch, in) = dpre (batch, out) . w^T: the shared dimension is out_features.
  let row0 = wg.y * TILE;
  let col0 = wg.x * TILE;
  let s = tile_slot(lid);
  var acc: array<vec4<f32>, 4>;
  for (var k0 = 0u; k0 < p.out_features; k0 += TILE_K) {
    let r = row0 + s.q * 4u;
    let c = col0 + s.q * 4u;
    let k = k0 + s.k;
    tile_a[s.k * 16u + s.q] = vec4(dpre_at(r, k), dpre_at(r + 1u, k), dpre_at(r + 2u, k), dpre_at(r + 3u, k));
    tile_b[s.k * 16u + s.q] = vec4(w_at(c, k), w_at(c + 1u, k), w_at(c + 2u, k), w_at(c + 3u, k));
    workgroupBarrier();
    multiply_tiles(&acc, lid.x, lid.y);
    workgroupBarrier();
  }
  for (var i = 0u; i < 4u; i++) {
    let row = row0 + lid.y * 4u + i;
    for (var j = 0u; j < 4u; j++) {
      let col = col0 + lid.x * 4u + j;
      if (row < p.batch && col < p.in_features) {
        let idx = row * p.in_features + col;
        dx[idx] = select(0.0, dx[idx], p.accumulate != 0u) + acc[i][j];
      }
    }
  }
}

@compute @workgroup_size(16, 16)
fn linear_backward_weight(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  // dw (in, out) = x^T (in, batch) . dpre (batch, out): the shared dimension is the batch.
  let row0 = wg.y * TILE;
  let col0 = wg.x * TILE;
  let s = tile_slot(lid);
  var acc: array<vec4<f32>, 4>;
  for (var k0 = 0u; k0 < p.batch; k0 += TILE_K) {
    let r = row0 + s.q * 4u;
    let c = col0 + s.q * 4u;
    let k = k0 + s.k;
    tile_a[s.k * 16u + s.q] = vec4(x_at(k, r), x_at(k, r + 1u), x_at(k, r + 2u), x_at(k, r + 3u));
    tile_b[s.k * 16u + s.q] = vec4(dpre_at(k, c), dpre_at(k, c + 1u), dpre_at(k, c + 2u), dpre_at(k, c + 3u));
    workgroupBarrier();
    multiply_tiles(&acc, lid.x, lid.y);
    workgroupBarrier();
  }
  for (var i = 0u; i < 4u; i++) {
    let row = row0 + lid.y * 4u + i;
    for (var j = 0u; j < 4u; j++) {
      let col = col0 + lid.x * 4u + j;
      if (row < p.in_features && col < p.out_features) {
        let idx = row * p.out_features + col;
        dw[idx] = select(0.0, dw[idx], p.accumulate != 0u) + acc[i][j];
      }
    }
  }
}

@compute @workgroup_size(64)
fn linear_backward_bias(@builtin(global_invocation_id) gid: vec3<u32>) {
  let col = gid.x;
  if (col >= p.out_features) { return; }
  var sum = 0.0;
  for (var row = 0u; row < p.batch; row++) {
    sum += dpre_at(row, col);
  }
  db[col] = select(0.0, db[col], p.accumulate != 0u) + sum;
}
