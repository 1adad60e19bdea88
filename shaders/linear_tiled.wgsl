// linear_tiled.wgsl: the linear kernels' workgroup-tiled variant, for GPUs (appended to linear.wgsl: one module, so it
// shares LinearParams, the ACT / ACT_IN overrides and their functions).
//
// Entry points, each a specialisation of C (M, N) = epilogue(op(A) (M, K) . op(B) (K, N)), with the interface, the
// params and the cases of the kernel it is a variant of (src/gpu/kernels.ts, `variants`):
//   linear_forward_tiled          out (B, N)  = act(x . w + b)             M = batch, K = in,    N = out
//   linear_backward_input_tiled   dx  (B, K) [+]= (dpre . w^T) * act_in'(x)  M = batch, K = out,   N = in
//   linear_backward_weight_tiled  dw  (K, N) [+]= x^T . dpre                 M = in,    K = batch, N = out
//                                 and db (N) [+]= column sums of dpre, by an extra row of workgroups, with the
//                                 NaN guard, as linear_backward_weight
// Bindings: 0 params; 13 c (the output, scalar view), 14 a, 15 bm (the operands as stored), 4 b (forward's bias),
//           2 x (the layer input, for backward_input's act_in'); the weight gradient reads x and dpre at their own
//           bindings (2, 6) and writes dw and db at 8 and 9, with the guard at 7, as the register-blocked kernels do,
//           so that linear_backward_tiled (linear_backward.wgsl) can compute it in the dispatch of the input gradient.
//
// Why a variant: the register-blocked kernels of linear.wgsl suit SwiftShader, where barriers are dear and registers
// cheap; on a GPU they leave it idle (one invocation loops over all of K with no reuse between invocations). Here a
// workgroup of 16 x 16 invocations computes a 64 x 64 tile of C, each invocation 4 x 4 outputs (rows ty + 16 i,
// columns tx + 16 j: neighbouring invocations read neighbouring words of the B tile and write neighbouring words
// of C); the K dimension is walked 16 at a time through workgroup memory, each A and B element loaded from global
// memory once per workgroup instead of once per invocation, and loaded along the direction in which the operand is
// contiguous (so a warp's loads coalesce, transposed or not). Out-of-range elements load as 0 and are never stored,
// so any shape works. Which variant runs is chosen per adapter and shape by timing (src/gpu/tuner.ts).

const TILE_M = 64u;
const TILE_N = 64u;
const TILE_K = 16u;

@group(0) @binding(13) var<storage, read_write> c_out: array<f32>;
@group(0) @binding(14) var<storage, read> a_in: array<f32>;
@group(0) @binding(15) var<storage, read> b_in: array<f32>;

var<workgroup> tile_a: array<f32, 1024>; // TILE_K x TILE_M: tile_a[k * TILE_M + m]
var<workgroup> tile_b: array<f32, 1024>; // TILE_K x TILE_N: tile_b[k * TILE_N + n]

// A (M, K) stored row-major with row length lda, or transposed (stored K x M, row length lda); likewise B (K, N).
// k_first: the weight gradient's first row of the batch (split-K takes a slice of the rows: linear_splitk.wgsl).
struct Operands { M: u32, N: u32, K: u32, lda: u32, ldb: u32, trans_a: bool, trans_b: bool, k_first: u32 }

// Each pair of loaders and each store below is written once per set of bindings it touches, because an entry point
// must bind every buffer its functions name: the forward and input-gradient tiles read a_in and b_in and write
// c_out; the weight gradient's read x and dpre and write dw, so that linear_backward_tiled can run both parts.
// (branches, not select(): select would load from both places)
fn a_at(o: Operands, m: u32, k: u32) -> f32 {
  if (m >= o.M || k >= o.K) { return 0.0; }
  if (o.trans_a) { return a_in[k * o.lda + m]; }
  return a_in[m * o.lda + k];
}

fn b_at(o: Operands, k: u32, n: u32) -> f32 {
  if (k >= o.K || n >= o.N) { return 0.0; }
  if (o.trans_b) { return b_in[n * o.ldb + k]; }
  return b_in[k * o.ldb + n];
}

// The weight gradient's operands: A(m, k) = x[k in + m] (x transposed), B(k, n) = dpre[k out + n], k from k_first.
fn weight_a_at(o: Operands, m: u32, k: u32) -> f32 {
  if (m >= o.M || k >= o.K) { return 0.0; }
  return x[(o.k_first + k) * o.lda + m];
}

fn weight_b_at(o: Operands, k: u32, n: u32) -> f32 {
  if (k >= o.K || n >= o.N) { return 0.0; }
  return dpre[(o.k_first + k) * o.ldb + n];
}

// The 4 x 4 outputs of one invocation: acc[i][j] is C(row0 + 16 i, col0 + 16 j).
struct Acc { r0: vec4<f32>, r1: vec4<f32>, r2: vec4<f32>, r3: vec4<f32> }

// Where element e (of the 1024 each tile holds, 4 per invocation) of the A and B tiles comes from: (m, k) of A and
// (n, k) of B, walking each operand's contiguous direction so that neighbouring invocations load neighbouring words.
fn tile_element(o: Operands, e: u32) -> vec4<u32> {
  return vec4(select(e / TILE_K, e % TILE_M, o.trans_a), select(e % TILE_K, e / TILE_M, o.trans_a),
              select(e % TILE_N, e / TILE_K, o.trans_b), select(e / TILE_N, e % TILE_K, o.trans_b));
}

// acc += the tiles' product over their TILE_K, between the barriers that the loads need.
fn multiply_tiles(acc: ptr<function, Acc>, lid: vec3<u32>) {
  workgroupBarrier();
  for (var k = 0u; k < TILE_K; k++) {
    let a = vec4(tile_a[k * TILE_M + lid.y], tile_a[k * TILE_M + lid.y + 16u], tile_a[k * TILE_M + lid.y + 32u],
      tile_a[k * TILE_M + lid.y + 48u]);
    let b = vec4(tile_b[k * TILE_N + lid.x], tile_b[k * TILE_N + lid.x + 16u], tile_b[k * TILE_N + lid.x + 32u],
      tile_b[k * TILE_N + lid.x + 48u]);
    (*acc).r0 += a.x * b;
    (*acc).r1 += a.y * b;
    (*acc).r2 += a.z * b;
    (*acc).r3 += a.w * b;
  }
  workgroupBarrier();
}

fn tiled_product(o: Operands, wg: vec3<u32>, lid: vec3<u32>) -> Acc {
  let t = lid.y * 16u + lid.x;
  var acc = Acc(vec4(0.0), vec4(0.0), vec4(0.0), vec4(0.0));
  for (var k0 = 0u; k0 < o.K; k0 += TILE_K) {
    for (var i = 0u; i < 4u; i++) {
      let at = tile_element(o, t + 256u * i);
      tile_a[at.y * TILE_M + at.x] = a_at(o, wg.y * TILE_M + at.x, k0 + at.y);
      tile_b[at.w * TILE_N + at.z] = b_at(o, k0 + at.w, wg.x * TILE_N + at.z);
    }
    multiply_tiles(&acc, lid);
  }
  return acc;
}

fn weight_tiled_product(o: Operands, wg: vec3<u32>, lid: vec3<u32>) -> Acc {
  let t = lid.y * 16u + lid.x;
  var acc = Acc(vec4(0.0), vec4(0.0), vec4(0.0), vec4(0.0));
  for (var k0 = 0u; k0 < o.K; k0 += TILE_K) {
    for (var i = 0u; i < 4u; i++) {
      let at = tile_element(o, t + 256u * i);
      tile_a[at.y * TILE_M + at.x] = weight_a_at(o, wg.y * TILE_M + at.x, k0 + at.y);
      tile_b[at.w * TILE_N + at.z] = weight_b_at(o, k0 + at.w, wg.x * TILE_N + at.z);
    }
    multiply_tiles(&acc, lid);
  }
  return acc;
}

fn acc_row(acc: Acc, i: u32) -> vec4<f32> {
  switch i {
    case 0u: { return acc.r0; }
    case 1u: { return acc.r1; }
    case 2u: { return acc.r2; }
    default: { return acc.r3; }
  }
}

@compute @workgroup_size(16, 16)
fn linear_forward_tiled(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let o = Operands(p.batch, p.out_features, p.in_features, p.in_features, p.out_features, false, false, 0u);
  let acc = tiled_product(o, wg, lid);
  for (var i = 0u; i < 4u; i++) {
    let m = wg.y * TILE_M + lid.y + 16u * i;
    if (m >= o.M) { continue; }
    let row = acc_row(acc, i);
    for (var j = 0u; j < 4u; j++) {
      let n = wg.x * TILE_N + lid.x + 16u * j;
      if (n < o.N) { c_out[m * o.N + n] = activate(row[j] + b[n]); }
    }
  }
}

// The input gradient's 4 x 4 outputs, times act_in'(x) where the layer's input activation is folded in (ACT_IN),
// added to what is there when accumulating.
fn input_gradient_tile(wg: vec3<u32>, lid: vec3<u32>, accumulate: bool) {
  // dx (batch, in) = dpre (batch, out) . w^T, w stored (in, out): B(k, n) = w[n * out + k]
  let o = Operands(p.batch, p.in_features, p.out_features, p.out_features, p.out_features, false, true, 0u);
  let acc = tiled_product(o, wg, lid);
  for (var i = 0u; i < 4u; i++) {
    let m = wg.y * TILE_M + lid.y + 16u * i;
    if (m >= o.M) { continue; }
    let row = acc_row(acc, i);
    for (var j = 0u; j < 4u; j++) {
      let n = wg.x * TILE_N + lid.x + 16u * j;
      if (n >= o.N) { continue; }
      let idx = m * o.N + n;
      var v = row[j];
      if (ACT_IN != 0u) { v *= input_activation_grad(x[idx]); }
      if (accumulate) { v += c_out[idx]; }
      c_out[idx] = v;
    }
  }
}

// The weight gradient's 4 x 4 outputs into dw (its scalar view), noted for the NaN guard.
fn weight_gradient_tile(wg: vec3<u32>, lid: vec3<u32>) {
  // dw (in, out) = x^T . dpre
  let o = Operands(p.in_features, p.out_features, p.batch, p.in_features, p.out_features, true, false, 0u);
  let acc = weight_tiled_product(o, wg, lid);
  for (var i = 0u; i < 4u; i++) {
    let m = wg.y * TILE_M + lid.y + 16u * i;
    if (m >= o.M) { continue; }
    let row = acc_row(acc, i);
    for (var j = 0u; j < 4u; j++) {
      let n = wg.x * TILE_N + lid.x + 16u * j;
      if (n >= o.N) { continue; }
      let idx = m * o.N + n;
      var v = row[j];
      if (p.accumulate != 0u) { v += dw_scalar[idx]; }
      dw_scalar[idx] = v;
      note_nonfinite(v);
    }
  }
}

@compute @workgroup_size(16, 16)
fn linear_backward_input_tiled(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  input_gradient_tile(wg, lid, p.accumulate != 0u);
}

@compute @workgroup_size(16, 16)
fn linear_backward_weight_tiled(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>,
                                @builtin(local_invocation_index) t: u32) {
  if (wg.y == (p.in_features + TILE_M - 1u) / TILE_M) {  // the extra row of workgroups: db, for the tile's 64 columns
    bias_gradient_64(wg.x * TILE_N, t);
  } else {
    weight_gradient_tile(wg, lid);
  }
  report_nonfinite();
}
