// linear.wgsl: fully connected layers on one tiled, register-blocked matmul.
//
// Entry points (layouts row-major). The backward pass works on dpre, the gradient at the layer's pre-activation
// (dout * act'(out)): linear_backward_input folds the previous layer's act' into what it writes, so dpre is formed
// once, in the epilogue of the kernel that produces it, and never recomputed by the kernels that read it.
//   linear_forward          out (B, N)  = act(x (B, K) . w (K, N) + b (N))                 act: the ACT override
//   linear_backward_input   dx  (B, K) [+]= (dpre (B, N) . w^T) * act_in'(x)            act_in: the ACT_IN override,
//                           the activation that produced x (identity: the plain input gradient)
//   linear_backward_weight  dw  (K, N) [+]= x^T . dpre, and db (N) [+]= sum over rows of dpre: the bias gradient is
//                           summed by one extra row of workgroups of the same dispatch (bias_gradient), the rows
//                           split across the workgroup's invocations and their partial sums added in a tree; a
//                           non-finite dw or db sets guard[0] |= guard_bit (the NaN guard of the optimizer steps,
//                           optim.wgsl), so no separate pass over the gradients checks them
// Bindings: 0 params; 1 out, 2 x, 3 w, 4 b; 5 dx, 6 dpre; 7 guard; 8 dw; 9 db; and vec4 views of the same buffers: 10 x,
//           11 w, 12 dpre (the registry binds each buffer to both numbers). Each entry point uses only its own subset
//           (pipeline layout 'auto').
//
// Blocking: an invocation computes an 8x8 block of the output held in 16 vec4 registers; a workgroup of
// LANES_X x (64 / LANES_X) invocations covers 512 / LANES_X rows by 8 LANES_X columns (16: 32 x 128, the default;
// narrow outputs take fewer lanes across, so fewer columns are computed only to be thrown away). Each k costs 16
// loads for 64 multiply-adds. Neighbouring invocations share rows, so their A loads are the same address. Where the
// operands' rows allow (features multiples of 4) they are read as vec4, four k or four columns per load:
//   forward and dw: an invocation's 8 columns are consecutive, and B is read as two vec4 per k;
//   dx: both operands are read along the shared dimension (a row of dpre, a row of w per output column), 8 + 8 vec4
//   per 4 k, and the 4x4 sub-blocks are transposed in registers (free: a vec4 is four scalars to SwiftShader).
// Otherwise the 8 columns are LANES_X apart and read one by one. The vec4 forms measured 1.0-1.4x faster on
// SwiftShader (fewer index computations per k; and at 784 columns, whose last 128-column block holds only 16, 14 of
// its 16 lanes return at once instead of each computing 8 columns to keep 1).
// The outputs (out, dx, dw) are bound as vec4 arrays only (a second, scalar view of a writable buffer would alias
// it): a block row is stored as two whole vec4 when its columns are consecutive and the rows a whole number of vec4,
// one component at a time otherwise; the whole-vec4 stores made the batch-64 kernels 3-5% faster in a same-run
// comparison (fewer bounds checks and address computations per element).
// No workgroup memory and no barriers: on SwiftShader (CPU Vulkan) barriers cost more than shared tiles save (see
// bench/experiments). Invocations wholly outside the output return at once; loads clamp rows and columns into
// range and out-of-range results are never stored, so any size works without bounds checks in the inner loop.

override LANES_X: u32 = 16u; // invocations across the output's columns in a workgroup: 16, 8, 4, 2 or 1
// Whether in_features (IN_VEC4) and out_features (OUT_VEC4) are multiples of 4, so that rows are read and written as
// vec4: set from the sizes by the registry (src/gpu/kernels.ts), as overrides rather than tests at run time, so that
// a pipeline holds only the paths its sizes take. On SwiftShader a pipeline's compile time grows with its code: the
// forward's three paths and its eight inlined row stores made it 0.6 s to compile, one path and a loop of stores 0.1 s.
override IN_VEC4: bool = false;
override OUT_VEC4: bool = false;
// Images in planes (NCHW) as a GEMM operand, so that a convolution's GEMM form (src/gpu/conv-gemm.ts) needs no pass
// that transposes an image into rows or back: row r is position r % P of image r / P, column c its channel, at
// (image C + c) P + position. PLANAR: the forward's output is stored so (P = p.planes), bias and activation fused;
// PLANAR_X: x is read so (P = p.x_planes; the forward and the weight gradient, on their scalar paths). Set from
// those params by the registry.
override PLANAR: bool = false;
override PLANAR_X: bool = false;

struct LinearParams {
  batch: u32,
  in_features: u32,
  out_features: u32,
  accumulate: u32,   // backward: 1 adds into the gradient buffer, 0 overwrites it
  guard_bit: u32,    // backward_weight: a non-finite dw or db sets guard[0] |= guard_bit (0: not checked)
  slices: u32,       // the split-K weight gradient: slices of the batch (set by the registry; linear_splitk.wgsl)
  planes: u32,       // forward with PLANAR: the rows are images' positions, `planes` to an image (see PLANAR)
  x_planes: u32,     // with PLANAR_X: x's rows are images' positions, `x_planes` to an image
}

@group(0) @binding(0) var<uniform> p: LinearParams;
@group(0) @binding(1) var<storage, read_write> out: array<vec4<f32>>;  // outputs: vec4 views (see above)
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read> w: array<f32>;
@group(0) @binding(4) var<storage, read> b: array<f32>;
@group(0) @binding(5) var<storage, read_write> dx: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read> dpre: array<f32>;
@group(0) @binding(7) var<storage, read_write> guard: array<atomic<u32>>;
@group(0) @binding(8) var<storage, read_write> dw: array<vec4<f32>>;
// dw seen as floats, for the kernels whose neighbouring columns belong to different invocations (the tiled and split
// weight gradients): a store to a vector's component may touch the whole vector, so they store floats. No entry
// point uses both views of binding 8 (WGSL allows two variables on one binding then).
@group(0) @binding(8) var<storage, read_write> dw_scalar: array<f32>;
@group(0) @binding(9) var<storage, read_write> db: array<f32>;
// The same buffers seen as vec4. Both views are read-only, so binding one buffer to both is allowed.
@group(0) @binding(10) var<storage, read> x_vec: array<vec4<f32>>;
@group(0) @binding(11) var<storage, read> w_vec: array<vec4<f32>>;
@group(0) @binding(12) var<storage, read> dpre_vec: array<vec4<f32>>;


// Four elements at four indices, from each operand.
fn x4(i: vec4<u32>) -> vec4<f32> { return vec4(x[i.x], x[i.y], x[i.z], x[i.w]); }
fn w4(i: vec4<u32>) -> vec4<f32> { return vec4(w[i.x], w[i.y], w[i.z], w[i.w]); }
fn dpre4(i: vec4<u32>) -> vec4<f32> { return vec4(dpre[i.x], dpre[i.y], dpre[i.z], dpre[i.w]); }

// The 8x8 block: row i's columns 0-3 in r{i}a and 4-7 in r{i}b. Named fields, not an array, so they stay in registers.
struct Block {
  r0a: vec4<f32>, r0b: vec4<f32>, r1a: vec4<f32>, r1b: vec4<f32>, r2a: vec4<f32>, r2b: vec4<f32>, r3a: vec4<f32>, r3b: vec4<f32>,
  r4a: vec4<f32>, r4b: vec4<f32>, r5a: vec4<f32>, r5b: vec4<f32>, r6a: vec4<f32>, r6b: vec4<f32>, r7a: vec4<f32>, r7b: vec4<f32>,
}

// acc += a outer b, for one k: a holds the block's 8 rows of A (two vec4), b its 8 columns of B.
fn outer_add(acc: ptr<function, Block>, a_lo: vec4<f32>, a_hi: vec4<f32>, b_lo: vec4<f32>, b_hi: vec4<f32>) {
  (*acc).r0a += a_lo.x * b_lo; (*acc).r0b += a_lo.x * b_hi;
  (*acc).r1a += a_lo.y * b_lo; (*acc).r1b += a_lo.y * b_hi;
  (*acc).r2a += a_lo.z * b_lo; (*acc).r2b += a_lo.z * b_hi;
  (*acc).r3a += a_lo.w * b_lo; (*acc).r3b += a_lo.w * b_hi;
  (*acc).r4a += a_hi.x * b_lo; (*acc).r4b += a_hi.x * b_hi;
  (*acc).r5a += a_hi.y * b_lo; (*acc).r5b += a_hi.y * b_hi;
  (*acc).r6a += a_hi.z * b_lo; (*acc).r6b += a_hi.z * b_hi;
  (*acc).r7a += a_hi.w * b_lo; (*acc).r7b += a_hi.w * b_hi;
}

// Eight vec4, each four consecutive k of one row of an operand: the block's 8 rows of A, or its 8 columns of B.
struct Rows8 { v0: vec4<f32>, v1: vec4<f32>, v2: vec4<f32>, v3: vec4<f32>, v4: vec4<f32>, v5: vec4<f32>, v6: vec4<f32>, v7: vec4<f32> }

// acc += A . B^T over four k, both operands given along k: the 4x4 sub-blocks are transposed in registers.
fn dot_add4(acc: ptr<function, Block>, a: Rows8, c: Rows8) {
  outer_add(acc, vec4(a.v0.x, a.v1.x, a.v2.x, a.v3.x), vec4(a.v4.x, a.v5.x, a.v6.x, a.v7.x),
                 vec4(c.v0.x, c.v1.x, c.v2.x, c.v3.x), vec4(c.v4.x, c.v5.x, c.v6.x, c.v7.x));
  outer_add(acc, vec4(a.v0.y, a.v1.y, a.v2.y, a.v3.y), vec4(a.v4.y, a.v5.y, a.v6.y, a.v7.y),
                 vec4(c.v0.y, c.v1.y, c.v2.y, c.v3.y), vec4(c.v4.y, c.v5.y, c.v6.y, c.v7.y));
  outer_add(acc, vec4(a.v0.z, a.v1.z, a.v2.z, a.v3.z), vec4(a.v4.z, a.v5.z, a.v6.z, a.v7.z),
                 vec4(c.v0.z, c.v1.z, c.v2.z, c.v3.z), vec4(c.v4.z, c.v5.z, c.v6.z, c.v7.z));
  outer_add(acc, vec4(a.v0.w, a.v1.w, a.v2.w, a.v3.w), vec4(a.v4.w, a.v5.w, a.v6.w, a.v7.w),
                 vec4(c.v0.w, c.v1.w, c.v2.w, c.v3.w), vec4(c.v4.w, c.v5.w, c.v6.w, c.v7.w));
}

// Where an invocation's block sits: first row and first column, the step between its columns (1: consecutive, or
// LANES_X), and the block's rows and columns clamped into range (rows, cols) for loading.
struct BlockAt { row0: u32, col0: u32, step: u32, rows_lo: vec4<u32>, rows_hi: vec4<u32>, cols_lo: vec4<u32>, cols_hi: vec4<u32> }

fn block_at(wg: vec3<u32>, lid: vec3<u32>, rows: u32, cols: u32, consecutive: bool, lanes: u32) -> BlockAt {
  let row0 = wg.y * (512u / lanes) + lid.y * 8u;
  let col0 = wg.x * (8u * lanes) + select(lid.x, lid.x * 8u, consecutive);
  let step = select(lanes, 1u, consecutive);
  let last_row = vec4(rows - 1u);
  let last_col = vec4(cols - 1u);
  return BlockAt(row0, col0, step,
    min(vec4(row0) + vec4(0u, 1u, 2u, 3u), last_row), min(vec4(row0) + vec4(4u, 5u, 6u, 7u), last_row),
    min(vec4(col0) + step * vec4(0u, 1u, 2u, 3u), last_col), min(vec4(col0) + step * vec4(4u, 5u, 6u, 7u), last_col));
}

// The epilogues: one block row (its columns 0-3 in lo, 4-7 in hi) stored to each kernel's output, in a loop over the
// rows that picks each from its named registers (block_row): one copy of the store code instead of eight inlined
// calls, which had made each kernel 2x slower to compile on SwiftShader.

struct Row { lo: vec4<f32>, hi: vec4<f32> }

fn block_row(acc: Block, i: u32) -> Row {
  switch i {
    case 0u: { return Row(acc.r0a, acc.r0b); }
    case 1u: { return Row(acc.r1a, acc.r1b); }
    case 2u: { return Row(acc.r2a, acc.r2b); }
    case 3u: { return Row(acc.r3a, acc.r3b); }
    case 4u: { return Row(acc.r4a, acc.r4b); }
    case 5u: { return Row(acc.r5a, acc.r5b); }
    case 6u: { return Row(acc.r6a, acc.r6b); }
    default: { return Row(acc.r7a, acc.r7b); }
  }
}

fn store_out(at: BlockAt, i: u32, lo: vec4<f32>, hi: vec4<f32>) {
  let row = at.row0 + i;
  let N = p.out_features;
  if (row >= p.batch) { return; }
  if (PLANAR) {
    let first = (row / p.planes) * N * p.planes + row % p.planes;  // channel 0 of this position
    for (var j = 0u; j < 8u; j++) {
      let col = at.col0 + at.step * j;
      if (col < N) {
        let idx = first + col * p.planes;
        out[idx / 4u][idx % 4u] = activate(select(hi[j % 4u], lo[j % 4u], j < 4u) + b[col]);
      }
    }
    return;
  }
  if (IN_VEC4 && OUT_VEC4) {  // consecutive columns (the forward's vec path), whole vec4, as in store_dw
    let v = (row * N + at.col0) / 4u;
    let c = at.col0;
    out[v] = activate4(lo + vec4(b[c], b[c + 1u], b[c + 2u], b[c + 3u]));
    if (c + 4u < N) { out[v + 1u] = activate4(hi + vec4(b[c + 4u], b[c + 5u], b[c + 6u], b[c + 7u])); }
    return;
  }
  for (var j = 0u; j < 8u; j++) {
    let col = at.col0 + at.step * j;
    if (col < N) {
      let idx = row * N + col;
      out[idx / 4u][idx % 4u] = activate(select(hi[j % 4u], lo[j % 4u], j < 4u) + b[col]);
    }
  }
}

// i: a multiple of 4, so the four elements are one vec4 of x
fn input_activation_grad4(i: u32) -> vec4<f32> {
  let y = x_vec[i / 4u];
  return vec4(input_activation_grad(y.x), input_activation_grad(y.y), input_activation_grad(y.z), input_activation_grad(y.w));
}

fn store_dx(at: BlockAt, i: u32, lo: vec4<f32>, hi: vec4<f32>) {
  let row = at.row0 + i;
  let K = p.in_features;
  if (row >= p.batch) { return; }
  if (IN_VEC4) {  // columns are always consecutive here: whole vec4, as in store_dw
    let idx = row * K + at.col0;
    store_dx4(idx, lo);
    if (at.col0 + 4u < K) { store_dx4(idx + 4u, hi); }
    return;
  }
  for (var j = 0u; j < 8u; j++) {
    let col = at.col0 + at.step * j;
    if (col < K) {
      let idx = row * K + col;
      var v = select(hi[j % 4u], lo[j % 4u], j < 4u);
      if (ACT_IN != 0u) { v *= input_activation_grad(x[idx]); }
      if (accumulate_dx) { v = dx[idx / 4u][idx % 4u] + v; }  // a branch, not select(): select would load always
      dx[idx / 4u][idx % 4u] = v;
    }
  }
}

// idx: the first of four consecutive elements, a multiple of 4
fn store_dx4(idx: u32, value: vec4<f32>) {
  var v = value;
  if (ACT_IN != 0u) { v *= input_activation_grad4(idx); }
  if (accumulate_dx) { v = dx[idx / 4u] + v; }
  dx[idx / 4u] = v;
}

@compute @workgroup_size(LANES_X, 64u / LANES_X)
fn linear_forward(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let K = p.in_features;
  let N = p.out_features;
  let vec = IN_VEC4 && OUT_VEC4;
  let at = block_at(wg, lid, p.batch, N, vec, LANES_X);
  if (at.row0 >= p.batch || at.col0 >= N) { return; }
  let a_lo = at.rows_lo * K;  // A(r, k) = x[r K + k]
  let a_hi = at.rows_hi * K;
  var acc: Block;
  if (vec) {
    // 8 vec4 loads of A and 8 of B per 4 k, the block's 8 columns two vec4 of a row of w
    let v_lo = a_lo / 4u;
    let v_hi = a_hi / 4u;
    let N4 = N / 4u;
    let c_lo = at.col0 / 4u;
    let c_hi = min(c_lo + 1u, N4 - 1u);
    for (var k4 = 0u; k4 < K / 4u; k4++) {
      let r0 = x_vec[v_lo.x + k4]; let r1 = x_vec[v_lo.y + k4]; let r2 = x_vec[v_lo.z + k4]; let r3 = x_vec[v_lo.w + k4];
      let r4 = x_vec[v_hi.x + k4]; let r5 = x_vec[v_hi.y + k4]; let r6 = x_vec[v_hi.z + k4]; let r7 = x_vec[v_hi.w + k4];
      let k0 = k4 * 4u * N4;
      outer_add(&acc, vec4(r0.x, r1.x, r2.x, r3.x), vec4(r4.x, r5.x, r6.x, r7.x), w_vec[k0 + c_lo], w_vec[k0 + c_hi]);
      let k1 = k0 + N4;
      outer_add(&acc, vec4(r0.y, r1.y, r2.y, r3.y), vec4(r4.y, r5.y, r6.y, r7.y), w_vec[k1 + c_lo], w_vec[k1 + c_hi]);
      let k2 = k1 + N4;
      outer_add(&acc, vec4(r0.z, r1.z, r2.z, r3.z), vec4(r4.z, r5.z, r6.z, r7.z), w_vec[k2 + c_lo], w_vec[k2 + c_hi]);
      let k3 = k2 + N4;
      outer_add(&acc, vec4(r0.w, r1.w, r2.w, r3.w), vec4(r4.w, r5.w, r6.w, r7.w), w_vec[k3 + c_lo], w_vec[k3 + c_hi]);
    }
  } else if (IN_VEC4) {
    // 8 vec4 loads of A per 4 k instead of 32 scalar ones: about 20% faster on SwiftShader
    let v_lo = a_lo / 4u;
    let v_hi = a_hi / 4u;
    for (var k4 = 0u; k4 < K / 4u; k4++) {
      let r0 = x_vec[v_lo.x + k4]; let r1 = x_vec[v_lo.y + k4]; let r2 = x_vec[v_lo.z + k4]; let r3 = x_vec[v_lo.w + k4];
      let r4 = x_vec[v_hi.x + k4]; let r5 = x_vec[v_hi.y + k4]; let r6 = x_vec[v_hi.z + k4]; let r7 = x_vec[v_hi.w + k4];
      let k = k4 * 4u;
      outer_add(&acc, vec4(r0.x, r1.x, r2.x, r3.x), vec4(r4.x, r5.x, r6.x, r7.x), w4(at.cols_lo + k * N), w4(at.cols_hi + k * N));
      let k1 = k + 1u;
      outer_add(&acc, vec4(r0.y, r1.y, r2.y, r3.y), vec4(r4.y, r5.y, r6.y, r7.y), w4(at.cols_lo + k1 * N), w4(at.cols_hi + k1 * N));
      let k2 = k + 2u;
      outer_add(&acc, vec4(r0.z, r1.z, r2.z, r3.z), vec4(r4.z, r5.z, r6.z, r7.z), w4(at.cols_lo + k2 * N), w4(at.cols_hi + k2 * N));
      let k3 = k + 3u;
      outer_add(&acc, vec4(r0.w, r1.w, r2.w, r3.w), vec4(r4.w, r5.w, r6.w, r7.w), w4(at.cols_lo + k3 * N), w4(at.cols_hi + k3 * N));
    }
  } else if (PLANAR_X) {
    // A(r, k) at (r / P) K P + r % P + k P
    let P = p.x_planes;
    let x_lo = (at.rows_lo / P) * K * P + at.rows_lo % P;
    let x_hi = (at.rows_hi / P) * K * P + at.rows_hi % P;
    for (var k = 0u; k < K; k++) {
      outer_add(&acc, x4(x_lo + k * P), x4(x_hi + k * P), w4(at.cols_lo + k * N), w4(at.cols_hi + k * N));
    }
  } else {
    for (var k = 0u; k < K; k++) {
      outer_add(&acc, x4(a_lo + k), x4(a_hi + k), w4(at.cols_lo + k * N), w4(at.cols_hi + k * N));
    }
  }
  for (var i = 0u; i < 8u; i++) { let r = block_row(acc, i); store_out(at, i, r.lo, r.hi); }
}

@compute @workgroup_size(LANES_X, 64u / LANES_X)
fn linear_backward_input(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  accumulate_dx = p.accumulate != 0u;
  input_gradient_block(wg, lid, LANES_X);
}

// Whether dx is added to (linear_backward_input: p.accumulate) or overwritten (always, in the fused linear_backward).
var<private> accumulate_dx: bool;

// One invocation's 8x8 block of dx, in a workgroup of `lanes` across.
fn input_gradient_block(wg: vec3<u32>, lid: vec3<u32>, lanes: u32) {
  // dx (batch, in) = dpre (batch, out) . w^T: the shared dimension is out_features, along which a row of dpre and
  // a row of w (one per output column) are both contiguous.
  let K = p.in_features;
  let N = p.out_features;
  let at = block_at(wg, lid, p.batch, K, true, lanes);
  if (at.row0 >= p.batch || at.col0 >= K) { return; }
  var acc: Block;
  if (OUT_VEC4) {
    let N4 = N / 4u;
    let a_lo = at.rows_lo * N4;  // the vec4 index where row r of dpre starts
    let a_hi = at.rows_hi * N4;
    let c_lo = at.cols_lo * N4;  // ... and row c of w
    let c_hi = at.cols_hi * N4;
    for (var n4 = 0u; n4 < N4; n4++) {
      dot_add4(&acc,
        Rows8(dpre_vec[a_lo.x + n4], dpre_vec[a_lo.y + n4], dpre_vec[a_lo.z + n4], dpre_vec[a_lo.w + n4],
              dpre_vec[a_hi.x + n4], dpre_vec[a_hi.y + n4], dpre_vec[a_hi.z + n4], dpre_vec[a_hi.w + n4]),
        Rows8(w_vec[c_lo.x + n4], w_vec[c_lo.y + n4], w_vec[c_lo.z + n4], w_vec[c_lo.w + n4],
              w_vec[c_hi.x + n4], w_vec[c_hi.y + n4], w_vec[c_hi.z + n4], w_vec[c_hi.w + n4]));
    }
  } else {
    let a_lo = at.rows_lo * N;  // A(r, n) = dpre[r N + n]
    let a_hi = at.rows_hi * N;
    let b_lo = at.cols_lo * N;  // B(n, c) = w[c N + n]
    let b_hi = at.cols_hi * N;
    for (var n = 0u; n < N; n++) {
      outer_add(&acc, dpre4(a_lo + n), dpre4(a_hi + n), w4(b_lo + n), w4(b_hi + n));
    }
  }
  for (var i = 0u; i < 8u; i++) { let r = block_row(acc, i); store_dx(at, i, r.lo, r.hi); }
}
