// Experimental matmul entries, appended to shaders/linear.wgsl by race.ts (they reuse its bindings and helpers).
// WG_X x WG_Y invocations per workgroup. w_vec (binding 11) is declared in linear.wgsl.

override WG_X: u32 = 16u;
override WG_Y: u32 = 4u;
override PROBE: u32 = 0u; // timing probes (wrong results): 1 x loads loop-invariant, 2 w loads loop-invariant, 3 both


// The engine's kernel (columns LANES_X apart) with its workgroup shape free: WG_X must equal LANES_X.
@compute @workgroup_size(WG_X, WG_Y)
fn fwd_rows(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let K = p.in_features;
  let N = p.out_features;
  let row0 = wg.y * (8u * WG_Y) + lid.y * 8u;
  let col0 = wg.x * (8u * WG_X) + lid.x;
  if (row0 >= p.batch || col0 >= N) { return; }
  let last_row = vec4(p.batch - 1u);
  let last_col = vec4(N - 1u);
  let a_lo = min(vec4(row0) + vec4(0u, 1u, 2u, 3u), last_row) * K;
  let a_hi = min(vec4(row0) + vec4(4u, 5u, 6u, 7u), last_row) * K;
  let c_lo = min(vec4(col0) + WG_X * vec4(0u, 1u, 2u, 3u), last_col);
  let c_hi = min(vec4(col0) + WG_X * vec4(4u, 5u, 6u, 7u), last_col);
  var acc: Block;
  let v_lo = a_lo / 4u;
  let v_hi = a_hi / 4u;
  for (var k4 = 0u; k4 < K / 4u; k4++) {
    let r0 = x_vec[v_lo.x + k4]; let r1 = x_vec[v_lo.y + k4]; let r2 = x_vec[v_lo.z + k4]; let r3 = x_vec[v_lo.w + k4];
    let r4 = x_vec[v_hi.x + k4]; let r5 = x_vec[v_hi.y + k4]; let r6 = x_vec[v_hi.z + k4]; let r7 = x_vec[v_hi.w + k4];
    let k = k4 * 4u;
    outer_add(&acc, vec4(r0.x, r1.x, r2.x, r3.x), vec4(r4.x, r5.x, r6.x, r7.x), w4(c_lo + k * N), w4(c_hi + k * N));
    let k1 = k + 1u;
    outer_add(&acc, vec4(r0.y, r1.y, r2.y, r3.y), vec4(r4.y, r5.y, r6.y, r7.y), w4(c_lo + k1 * N), w4(c_hi + k1 * N));
    let k2 = k + 2u;
    outer_add(&acc, vec4(r0.z, r1.z, r2.z, r3.z), vec4(r4.z, r5.z, r6.z, r7.z), w4(c_lo + k2 * N), w4(c_hi + k2 * N));
    let k3 = k + 3u;
    outer_add(&acc, vec4(r0.w, r1.w, r2.w, r3.w), vec4(r4.w, r5.w, r6.w, r7.w), w4(c_lo + k3 * N), w4(c_hi + k3 * N));
  }
  for (var i = 0u; i < 8u; i++) {
    let row = row0 + i;
    for (var j = 0u; j < 8u; j++) {
      let col = col0 + WG_X * j;
      if (row < p.batch && col < N) { out[row * N + col] = activate(block_value(acc, i, j) + b[col]); }
    }
  }
}

// 8 rows x 8 consecutive columns per invocation, w read as two vec4 per k (K and N multiples of 4).
@compute @workgroup_size(WG_X, WG_Y)
fn fwd_c4(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let K = p.in_features;
  let N = p.out_features;
  let N4 = N / 4u;
  let row0 = wg.y * (8u * WG_Y) + lid.y * 8u;
  let col0 = (wg.x * WG_X + lid.x) * 8u;
  if (row0 >= p.batch || col0 >= N) { return; }
  let last_row = vec4(p.batch - 1u);
  let v_lo = min(vec4(row0) + vec4(0u, 1u, 2u, 3u), last_row) * (K / 4u);
  let v_hi = min(vec4(row0) + vec4(4u, 5u, 6u, 7u), last_row) * (K / 4u);
  let c0 = col0 / 4u;
  let c1 = min(c0 + 1u, N4 - 1u);
  var acc: Block;
  for (var k4 = 0u; k4 < K / 4u; k4++) {
    let kx = select(k4, 0u, PROBE == 1u || PROBE == 3u);
    let r0 = x_vec[v_lo.x + kx]; let r1 = x_vec[v_lo.y + kx]; let r2 = x_vec[v_lo.z + kx]; let r3 = x_vec[v_lo.w + kx];
    let r4 = x_vec[v_hi.x + kx]; let r5 = x_vec[v_hi.y + kx]; let r6 = x_vec[v_hi.z + kx]; let r7 = x_vec[v_hi.w + kx];
    let k = select(k4, 0u, PROBE >= 2u) * 4u * N4;
    outer_add(&acc, vec4(r0.x, r1.x, r2.x, r3.x), vec4(r4.x, r5.x, r6.x, r7.x), w_vec[k + c0], w_vec[k + c1]);
    let k1 = k + N4;
    outer_add(&acc, vec4(r0.y, r1.y, r2.y, r3.y), vec4(r4.y, r5.y, r6.y, r7.y), w_vec[k1 + c0], w_vec[k1 + c1]);
    let k2 = k1 + N4;
    outer_add(&acc, vec4(r0.z, r1.z, r2.z, r3.z), vec4(r4.z, r5.z, r6.z, r7.z), w_vec[k2 + c0], w_vec[k2 + c1]);
    let k3 = k2 + N4;
    outer_add(&acc, vec4(r0.w, r1.w, r2.w, r3.w), vec4(r4.w, r5.w, r6.w, r7.w), w_vec[k3 + c0], w_vec[k3 + c1]);
  }
  for (var i = 0u; i < 8u; i++) {
    let row = row0 + i;
    for (var j = 0u; j < 8u; j++) {
      let col = col0 + j;
      if (row < p.batch && col < N) { out[row * N + col] = activate(block_value(acc, i, j) + b[col]); }
    }
  }
}

// 8 rows x 4 consecutive columns per invocation: 8 vec4 accumulators, one vec4 of w per k.
@compute @workgroup_size(WG_X, WG_Y)
fn fwd_c4n(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let K = p.in_features;
  let N = p.out_features;
  let N4 = N / 4u;
  let row0 = wg.y * (8u * WG_Y) + lid.y * 8u;
  let c0 = wg.x * WG_X + lid.x;
  if (row0 >= p.batch || c0 >= N4) { return; }
  let last_row = vec4(p.batch - 1u);
  let v_lo = min(vec4(row0) + vec4(0u, 1u, 2u, 3u), last_row) * (K / 4u);
  let v_hi = min(vec4(row0) + vec4(4u, 5u, 6u, 7u), last_row) * (K / 4u);
  var a0: vec4<f32>; var a1: vec4<f32>; var a2: vec4<f32>; var a3: vec4<f32>;
  var a4: vec4<f32>; var a5: vec4<f32>; var a6: vec4<f32>; var a7: vec4<f32>;
  for (var k4 = 0u; k4 < K / 4u; k4++) {
    let r0 = x_vec[v_lo.x + k4]; let r1 = x_vec[v_lo.y + k4]; let r2 = x_vec[v_lo.z + k4]; let r3 = x_vec[v_lo.w + k4];
    let r4 = x_vec[v_hi.x + k4]; let r5 = x_vec[v_hi.y + k4]; let r6 = x_vec[v_hi.z + k4]; let r7 = x_vec[v_hi.w + k4];
    let k = k4 * 4u * N4 + c0;
    let w0 = w_vec[k]; let w1 = w_vec[k + N4]; let w2 = w_vec[k + 2u * N4]; let w3 = w_vec[k + 3u * N4];
    a0 += r0.x * w0 + r0.y * w1 + r0.z * w2 + r0.w * w3;
    a1 += r1.x * w0 + r1.y * w1 + r1.z * w2 + r1.w * w3;
    a2 += r2.x * w0 + r2.y * w1 + r2.z * w2 + r2.w * w3;
    a3 += r3.x * w0 + r3.y * w1 + r3.z * w2 + r3.w * w3;
    a4 += r4.x * w0 + r4.y * w1 + r4.z * w2 + r4.w * w3;
    a5 += r5.x * w0 + r5.y * w1 + r5.z * w2 + r5.w * w3;
    a6 += r6.x * w0 + r6.y * w1 + r6.z * w2 + r6.w * w3;
    a7 += r7.x * w0 + r7.y * w1 + r7.z * w2 + r7.w * w3;
  }
  let rows = array(a0, a1, a2, a3, a4, a5, a6, a7);
  for (var i = 0u; i < 8u; i++) {
    let row = row0 + i;
    for (var j = 0u; j < 4u; j++) {
      let col = c0 * 4u + j;
      if (row < p.batch) { out[row * N + col] = activate(rows[i][j] + b[col]); }
    }
  }
}

// r's four k against four k-rows of w (w0..w3): the sum of 4 outer-product terms, added to an accumulator once.
fn dot_k4(r: vec4<f32>, w0: vec4<f32>, w1: vec4<f32>, w2: vec4<f32>, w3: vec4<f32>) -> vec4<f32> {
  return r.x * w0 + r.y * w1 + r.z * w2 + r.w * w3;
}

// fwd_c4 with each accumulator stored once per 4 k: SwiftShader blends every store to a var with the lane mask.
@compute @workgroup_size(WG_X, WG_Y)
fn fwd_k4(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let K = p.in_features;
  let N = p.out_features;
  let N4 = N / 4u;
  let row0 = wg.y * (8u * WG_Y) + lid.y * 8u;
  let col0 = (wg.x * WG_X + lid.x) * 8u;
  if (row0 >= p.batch || col0 >= N) { return; }
  let last_row = vec4(p.batch - 1u);
  let v_lo = min(vec4(row0) + vec4(0u, 1u, 2u, 3u), last_row) * (K / 4u);
  let v_hi = min(vec4(row0) + vec4(4u, 5u, 6u, 7u), last_row) * (K / 4u);
  let c0 = col0 / 4u;
  let c1 = min(c0 + 1u, N4 - 1u);
  var acc: Block;
  for (var k4 = 0u; k4 < K / 4u; k4++) {
    let r0 = x_vec[v_lo.x + k4]; let r1 = x_vec[v_lo.y + k4]; let r2 = x_vec[v_lo.z + k4]; let r3 = x_vec[v_lo.w + k4];
    let r4 = x_vec[v_hi.x + k4]; let r5 = x_vec[v_hi.y + k4]; let r6 = x_vec[v_hi.z + k4]; let r7 = x_vec[v_hi.w + k4];
    let k = k4 * 4u * N4;
    let a0 = w_vec[k + c0]; let a1 = w_vec[k + N4 + c0]; let a2 = w_vec[k + 2u * N4 + c0]; let a3 = w_vec[k + 3u * N4 + c0];
    let b0 = w_vec[k + c1]; let b1 = w_vec[k + N4 + c1]; let b2 = w_vec[k + 2u * N4 + c1]; let b3 = w_vec[k + 3u * N4 + c1];
    acc.r0a += dot_k4(r0, a0, a1, a2, a3); acc.r0b += dot_k4(r0, b0, b1, b2, b3);
    acc.r1a += dot_k4(r1, a0, a1, a2, a3); acc.r1b += dot_k4(r1, b0, b1, b2, b3);
    acc.r2a += dot_k4(r2, a0, a1, a2, a3); acc.r2b += dot_k4(r2, b0, b1, b2, b3);
    acc.r3a += dot_k4(r3, a0, a1, a2, a3); acc.r3b += dot_k4(r3, b0, b1, b2, b3);
    acc.r4a += dot_k4(r4, a0, a1, a2, a3); acc.r4b += dot_k4(r4, b0, b1, b2, b3);
    acc.r5a += dot_k4(r5, a0, a1, a2, a3); acc.r5b += dot_k4(r5, b0, b1, b2, b3);
    acc.r6a += dot_k4(r6, a0, a1, a2, a3); acc.r6b += dot_k4(r6, b0, b1, b2, b3);
    acc.r7a += dot_k4(r7, a0, a1, a2, a3); acc.r7b += dot_k4(r7, b0, b1, b2, b3);
  }
  for (var i = 0u; i < 8u; i++) {
    let row = row0 + i;
    for (var j = 0u; j < 8u; j++) {
      let col = col0 + j;
      if (row < p.batch && col < N) { out[row * N + col] = activate(block_value(acc, i, j) + b[col]); }
    }
  }
}

// fwd_k4 with the block in 16 separate vars rather than one struct var.
@compute @workgroup_size(WG_X, WG_Y)
fn fwd_k4v(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let K = p.in_features;
  let N = p.out_features;
  let N4 = N / 4u;
  let row0 = wg.y * (8u * WG_Y) + lid.y * 8u;
  let col0 = (wg.x * WG_X + lid.x) * 8u;
  if (row0 >= p.batch || col0 >= N) { return; }
  let last_row = vec4(p.batch - 1u);
  let v_lo = min(vec4(row0) + vec4(0u, 1u, 2u, 3u), last_row) * (K / 4u);
  let v_hi = min(vec4(row0) + vec4(4u, 5u, 6u, 7u), last_row) * (K / 4u);
  let c0 = col0 / 4u;
  let c1 = min(c0 + 1u, N4 - 1u);
  var s0a: vec4<f32>; var s0b: vec4<f32>; var s1a: vec4<f32>; var s1b: vec4<f32>; var s2a: vec4<f32>; var s2b: vec4<f32>;
  var s3a: vec4<f32>; var s3b: vec4<f32>; var s4a: vec4<f32>; var s4b: vec4<f32>; var s5a: vec4<f32>; var s5b: vec4<f32>;
  var s6a: vec4<f32>; var s6b: vec4<f32>; var s7a: vec4<f32>; var s7b: vec4<f32>;
  for (var k4 = 0u; k4 < K / 4u; k4++) {
    let r0 = x_vec[v_lo.x + k4]; let r1 = x_vec[v_lo.y + k4]; let r2 = x_vec[v_lo.z + k4]; let r3 = x_vec[v_lo.w + k4];
    let r4 = x_vec[v_hi.x + k4]; let r5 = x_vec[v_hi.y + k4]; let r6 = x_vec[v_hi.z + k4]; let r7 = x_vec[v_hi.w + k4];
    let k = k4 * 4u * N4;
    let a0 = w_vec[k + c0]; let a1 = w_vec[k + N4 + c0]; let a2 = w_vec[k + 2u * N4 + c0]; let a3 = w_vec[k + 3u * N4 + c0];
    let b0 = w_vec[k + c1]; let b1 = w_vec[k + N4 + c1]; let b2 = w_vec[k + 2u * N4 + c1]; let b3 = w_vec[k + 3u * N4 + c1];
    s0a += dot_k4(r0, a0, a1, a2, a3); s0b += dot_k4(r0, b0, b1, b2, b3);
    s1a += dot_k4(r1, a0, a1, a2, a3); s1b += dot_k4(r1, b0, b1, b2, b3);
    s2a += dot_k4(r2, a0, a1, a2, a3); s2b += dot_k4(r2, b0, b1, b2, b3);
    s3a += dot_k4(r3, a0, a1, a2, a3); s3b += dot_k4(r3, b0, b1, b2, b3);
    s4a += dot_k4(r4, a0, a1, a2, a3); s4b += dot_k4(r4, b0, b1, b2, b3);
    s5a += dot_k4(r5, a0, a1, a2, a3); s5b += dot_k4(r5, b0, b1, b2, b3);
    s6a += dot_k4(r6, a0, a1, a2, a3); s6b += dot_k4(r6, b0, b1, b2, b3);
    s7a += dot_k4(r7, a0, a1, a2, a3); s7b += dot_k4(r7, b0, b1, b2, b3);
  }
  let acc = Block(s0a, s0b, s1a, s1b, s2a, s2b, s3a, s3b, s4a, s4b, s5a, s5b, s6a, s6b, s7a, s7b);
  for (var i = 0u; i < 8u; i++) {
    let row = row0 + i;
    for (var j = 0u; j < 8u; j++) {
      let col = col0 + j;
      if (row < p.batch && col < N) { out[row * N + col] = activate(block_value(acc, i, j) + b[col]); }
    }
  }
}

// 4 rows x 8 consecutive columns per invocation (8 vec4 accumulators), 4 k per step.
@compute @workgroup_size(WG_X, WG_Y)
fn fwd_48(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let K = p.in_features;
  let N = p.out_features;
  let N4 = N / 4u;
  let row0 = wg.y * (4u * WG_Y) + lid.y * 4u;
  let col0 = (wg.x * WG_X + lid.x) * 8u;
  if (row0 >= p.batch || col0 >= N) { return; }
  let v = min(vec4(row0) + vec4(0u, 1u, 2u, 3u), vec4(p.batch - 1u)) * (K / 4u);
  let c0 = col0 / 4u;
  let c1 = min(c0 + 1u, N4 - 1u);
  var s0a: vec4<f32>; var s0b: vec4<f32>; var s1a: vec4<f32>; var s1b: vec4<f32>;
  var s2a: vec4<f32>; var s2b: vec4<f32>; var s3a: vec4<f32>; var s3b: vec4<f32>;
  for (var k4 = 0u; k4 < K / 4u; k4++) {
    let r0 = x_vec[v.x + k4]; let r1 = x_vec[v.y + k4]; let r2 = x_vec[v.z + k4]; let r3 = x_vec[v.w + k4];
    let k = k4 * 4u * N4;
    let a0 = w_vec[k + c0]; let a1 = w_vec[k + N4 + c0]; let a2 = w_vec[k + 2u * N4 + c0]; let a3 = w_vec[k + 3u * N4 + c0];
    let b0 = w_vec[k + c1]; let b1 = w_vec[k + N4 + c1]; let b2 = w_vec[k + 2u * N4 + c1]; let b3 = w_vec[k + 3u * N4 + c1];
    s0a += dot_k4(r0, a0, a1, a2, a3); s0b += dot_k4(r0, b0, b1, b2, b3);
    s1a += dot_k4(r1, a0, a1, a2, a3); s1b += dot_k4(r1, b0, b1, b2, b3);
    s2a += dot_k4(r2, a0, a1, a2, a3); s2b += dot_k4(r2, b0, b1, b2, b3);
    s3a += dot_k4(r3, a0, a1, a2, a3); s3b += dot_k4(r3, b0, b1, b2, b3);
  }
  let rows = array(s0a, s0b, s1a, s1b, s2a, s2b, s3a, s3b);
  for (var i = 0u; i < 4u; i++) {
    let row = row0 + i;
    for (var j = 0u; j < 8u; j++) {
      let col = col0 + j;
      if (row < p.batch && col < N) { out[row * N + col] = activate(rows[2u * i + j / 4u][j % 4u] + b[col]); }
    }
  }
}

// 4 rows x 4 consecutive columns per invocation (4 vec4 accumulators), 4 k per step.
@compute @workgroup_size(WG_X, WG_Y)
fn fwd_44(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let K = p.in_features;
  let N = p.out_features;
  let N4 = N / 4u;
  let row0 = wg.y * (4u * WG_Y) + lid.y * 4u;
  let c0 = wg.x * WG_X + lid.x;
  if (row0 >= p.batch || c0 >= N4) { return; }
  let v = min(vec4(row0) + vec4(0u, 1u, 2u, 3u), vec4(p.batch - 1u)) * (K / 4u);
  var s0: vec4<f32>; var s1: vec4<f32>; var s2: vec4<f32>; var s3: vec4<f32>;
  for (var k4 = 0u; k4 < K / 4u; k4++) {
    let r0 = x_vec[v.x + k4]; let r1 = x_vec[v.y + k4]; let r2 = x_vec[v.z + k4]; let r3 = x_vec[v.w + k4];
    let k = k4 * 4u * N4 + c0;
    let a0 = w_vec[k]; let a1 = w_vec[k + N4]; let a2 = w_vec[k + 2u * N4]; let a3 = w_vec[k + 3u * N4];
    s0 += dot_k4(r0, a0, a1, a2, a3); s1 += dot_k4(r1, a0, a1, a2, a3);
    s2 += dot_k4(r2, a0, a1, a2, a3); s3 += dot_k4(r3, a0, a1, a2, a3);
  }
  let rows = array(s0, s1, s2, s3);
  for (var i = 0u; i < 4u; i++) {
    let row = row0 + i;
    for (var j = 0u; j < 4u; j++) {
      if (row < p.batch) { out[row * N + c0 * 4u + j] = activate(rows[i][j] + b[c0 * 4u + j]); }
    }
  }
}

fn fma_k4(acc: vec4<f32>, r: vec4<f32>, w0: vec4<f32>, w1: vec4<f32>, w2: vec4<f32>, w3: vec4<f32>) -> vec4<f32> {
  return fma(vec4(r.w), w3, fma(vec4(r.z), w2, fma(vec4(r.y), w1, fma(vec4(r.x), w0, acc))));
}

// fwd_k4v with fused multiply-adds.
@compute @workgroup_size(WG_X, WG_Y)
fn fwd_fma(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let K = p.in_features;
  let N = p.out_features;
  let N4 = N / 4u;
  let row0 = wg.y * (8u * WG_Y) + lid.y * 8u;
  let col0 = (wg.x * WG_X + lid.x) * 8u;
  if (row0 >= p.batch || col0 >= N) { return; }
  let last_row = vec4(p.batch - 1u);
  let v_lo = min(vec4(row0) + vec4(0u, 1u, 2u, 3u), last_row) * (K / 4u);
  let v_hi = min(vec4(row0) + vec4(4u, 5u, 6u, 7u), last_row) * (K / 4u);
  let c0 = col0 / 4u;
  let c1 = min(c0 + 1u, N4 - 1u);
  var acc: Block;
  for (var k4 = 0u; k4 < K / 4u; k4++) {
    let r0 = x_vec[v_lo.x + k4]; let r1 = x_vec[v_lo.y + k4]; let r2 = x_vec[v_lo.z + k4]; let r3 = x_vec[v_lo.w + k4];
    let r4 = x_vec[v_hi.x + k4]; let r5 = x_vec[v_hi.y + k4]; let r6 = x_vec[v_hi.z + k4]; let r7 = x_vec[v_hi.w + k4];
    let k = k4 * 4u * N4;
    let a0 = w_vec[k + c0]; let a1 = w_vec[k + N4 + c0]; let a2 = w_vec[k + 2u * N4 + c0]; let a3 = w_vec[k + 3u * N4 + c0];
    let b0 = w_vec[k + c1]; let b1 = w_vec[k + N4 + c1]; let b2 = w_vec[k + 2u * N4 + c1]; let b3 = w_vec[k + 3u * N4 + c1];
    acc.r0a = fma_k4(acc.r0a, r0, a0, a1, a2, a3); acc.r0b = fma_k4(acc.r0b, r0, b0, b1, b2, b3);
    acc.r1a = fma_k4(acc.r1a, r1, a0, a1, a2, a3); acc.r1b = fma_k4(acc.r1b, r1, b0, b1, b2, b3);
    acc.r2a = fma_k4(acc.r2a, r2, a0, a1, a2, a3); acc.r2b = fma_k4(acc.r2b, r2, b0, b1, b2, b3);
    acc.r3a = fma_k4(acc.r3a, r3, a0, a1, a2, a3); acc.r3b = fma_k4(acc.r3b, r3, b0, b1, b2, b3);
    acc.r4a = fma_k4(acc.r4a, r4, a0, a1, a2, a3); acc.r4b = fma_k4(acc.r4b, r4, b0, b1, b2, b3);
    acc.r5a = fma_k4(acc.r5a, r5, a0, a1, a2, a3); acc.r5b = fma_k4(acc.r5b, r5, b0, b1, b2, b3);
    acc.r6a = fma_k4(acc.r6a, r6, a0, a1, a2, a3); acc.r6b = fma_k4(acc.r6b, r6, b0, b1, b2, b3);
    acc.r7a = fma_k4(acc.r7a, r7, a0, a1, a2, a3); acc.r7b = fma_k4(acc.r7b, r7, b0, b1, b2, b3);
  }
  for (var i = 0u; i < 8u; i++) {
    let row = row0 + i;
    for (var j = 0u; j < 8u; j++) {
      let col = col0 + j;
      if (row < p.batch && col < N) { out[row * N + col] = activate(block_value(acc, i, j) + b[col]); }
    }
  }
}
