// Experiment: no workgroup memory; lanes take consecutive columns (sequential B loads), rows are shared by the
// lanes of a SIMD group (uniform A loads); out-of-range rows/cols are clamped for loads and not stored.
struct LinearParams { batch: u32, in_features: u32, out_features: u32, accumulate: u32, }
@group(0) @binding(0) var<uniform> p: LinearParams;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read> w: array<f32>;
@group(0) @binding(4) var<storage, read> b: array<f32>;

@compute @workgroup_size(16, 4)
fn r8c8u2(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let K = p.in_features; let N = p.out_features;
  let col0 = wg.x * 128u + lid.x;
  let row0 = wg.y * 32u + lid.y * 8u;
  let c0 = min(col0 + 0u, N - 1u);
  let c1 = min(col0 + 16u, N - 1u);
  let c2 = min(col0 + 32u, N - 1u);
  let c3 = min(col0 + 48u, N - 1u);
  let c4 = min(col0 + 64u, N - 1u);
  let c5 = min(col0 + 80u, N - 1u);
  let c6 = min(col0 + 96u, N - 1u);
  let c7 = min(col0 + 112u, N - 1u);
  let r0 = min(row0 + 0u, p.batch - 1u) * K;
  let r1 = min(row0 + 1u, p.batch - 1u) * K;
  let r2 = min(row0 + 2u, p.batch - 1u) * K;
  let r3 = min(row0 + 3u, p.batch - 1u) * K;
  let r4 = min(row0 + 4u, p.batch - 1u) * K;
  let r5 = min(row0 + 5u, p.batch - 1u) * K;
  let r6 = min(row0 + 6u, p.batch - 1u) * K;
  let r7 = min(row0 + 7u, p.batch - 1u) * K;
  var acc0_0: vec4<f32>;
  var acc0_1: vec4<f32>;
  var acc1_0: vec4<f32>;
  var acc1_1: vec4<f32>;
  var acc2_0: vec4<f32>;
  var acc2_1: vec4<f32>;
  var acc3_0: vec4<f32>;
  var acc3_1: vec4<f32>;
  var acc4_0: vec4<f32>;
  var acc4_1: vec4<f32>;
  var acc5_0: vec4<f32>;
  var acc5_1: vec4<f32>;
  var acc6_0: vec4<f32>;
  var acc6_1: vec4<f32>;
  var acc7_0: vec4<f32>;
  var acc7_1: vec4<f32>;
  var k = 0u;
  let k_end = K - K % 2u;
  for (; k < k_end; k += 2u) {
    let wrow0 = (k + 0u) * N;
    let b0_0 = vec4(w[wrow0 + c0], w[wrow0 + c1], w[wrow0 + c2], w[wrow0 + c3]);
    let b0_1 = vec4(w[wrow0 + c4], w[wrow0 + c5], w[wrow0 + c6], w[wrow0 + c7]);
    let a0_0 = x[r0 + k + 0u];
    acc0_0 += a0_0 * b0_0;
    acc0_1 += a0_0 * b0_1;
    let a0_1 = x[r1 + k + 0u];
    acc1_0 += a0_1 * b0_0;
    acc1_1 += a0_1 * b0_1;
    let a0_2 = x[r2 + k + 0u];
    acc2_0 += a0_2 * b0_0;
    acc2_1 += a0_2 * b0_1;
    let a0_3 = x[r3 + k + 0u];
    acc3_0 += a0_3 * b0_0;
    acc3_1 += a0_3 * b0_1;
    let a0_4 = x[r4 + k + 0u];
    acc4_0 += a0_4 * b0_0;
    acc4_1 += a0_4 * b0_1;
    let a0_5 = x[r5 + k + 0u];
    acc5_0 += a0_5 * b0_0;
    acc5_1 += a0_5 * b0_1;
    let a0_6 = x[r6 + k + 0u];
    acc6_0 += a0_6 * b0_0;
    acc6_1 += a0_6 * b0_1;
    let a0_7 = x[r7 + k + 0u];
    acc7_0 += a0_7 * b0_0;
    acc7_1 += a0_7 * b0_1;
    let wrow1 = (k + 1u) * N;
    let b1_0 = vec4(w[wrow1 + c0], w[wrow1 + c1], w[wrow1 + c2], w[wrow1 + c3]);
    let b1_1 = vec4(w[wrow1 + c4], w[wrow1 + c5], w[wrow1 + c6], w[wrow1 + c7]);
    let a1_0 = x[r0 + k + 1u];
    acc0_0 += a1_0 * b1_0;
    acc0_1 += a1_0 * b1_1;
    let a1_1 = x[r1 + k + 1u];
    acc1_0 += a1_1 * b1_0;
    acc1_1 += a1_1 * b1_1;
    let a1_2 = x[r2 + k + 1u];
    acc2_0 += a1_2 * b1_0;
    acc2_1 += a1_2 * b1_1;
    let a1_3 = x[r3 + k + 1u];
    acc3_0 += a1_3 * b1_0;
    acc3_1 += a1_3 * b1_1;
    let a1_4 = x[r4 + k + 1u];
    acc4_0 += a1_4 * b1_0;
    acc4_1 += a1_4 * b1_1;
    let a1_5 = x[r5 + k + 1u];
    acc5_0 += a1_5 * b1_0;
    acc5_1 += a1_5 * b1_1;
    let a1_6 = x[r6 + k + 1u];
    acc6_0 += a1_6 * b1_0;
    acc6_1 += a1_6 * b1_1;
    let a1_7 = x[r7 + k + 1u];
    acc7_0 += a1_7 * b1_0;
    acc7_1 += a1_7 * b1_1;
  }
  for (; k < K; k++) {
    let wrow = k * N;
    let bb_0 = vec4(w[wrow + c0], w[wrow + c1], w[wrow + c2], w[wrow + c3]);
    let bb_1 = vec4(w[wrow + c4], w[wrow + c5], w[wrow + c6], w[wrow + c7]);
    acc0_0 += x[r0 + k] * bb_0;
    acc0_1 += x[r0 + k] * bb_1;
    acc1_0 += x[r1 + k] * bb_0;
    acc1_1 += x[r1 + k] * bb_1;
    acc2_0 += x[r2 + k] * bb_0;
    acc2_1 += x[r2 + k] * bb_1;
    acc3_0 += x[r3 + k] * bb_0;
    acc3_1 += x[r3 + k] * bb_1;
    acc4_0 += x[r4 + k] * bb_0;
    acc4_1 += x[r4 + k] * bb_1;
    acc5_0 += x[r5 + k] * bb_0;
    acc5_1 += x[r5 + k] * bb_1;
    acc6_0 += x[r6 + k] * bb_0;
    acc6_1 += x[r6 + k] * bb_1;
    acc7_0 += x[r7 + k] * bb_0;
    acc7_1 += x[r7 + k] * bb_1;
  }
  if (row0 + 0u < p.batch && col0 + 0u < N) { out[(row0 + 0u) * N + col0 + 0u] = acc0_0[0] + b[col0 + 0u]; }
  if (row0 + 0u < p.batch && col0 + 16u < N) { out[(row0 + 0u) * N + col0 + 16u] = acc0_0[1] + b[col0 + 16u]; }
  if (row0 + 0u < p.batch && col0 + 32u < N) { out[(row0 + 0u) * N + col0 + 32u] = acc0_0[2] + b[col0 + 32u]; }
  if (row0 + 0u < p.batch && col0 + 48u < N) { out[(row0 + 0u) * N + col0 + 48u] = acc0_0[3] + b[col0 + 48u]; }
  if (row0 + 0u < p.batch && col0 + 64u < N) { out[(row0 + 0u) * N + col0 + 64u] = acc0_1[0] + b[col0 + 64u]; }
  if (row0 + 0u < p.batch && col0 + 80u < N) { out[(row0 + 0u) * N + col0 + 80u] = acc0_1[1] + b[col0 + 80u]; }
  if (row0 + 0u < p.batch && col0 + 96u < N) { out[(row0 + 0u) * N + col0 + 96u] = acc0_1[2] + b[col0 + 96u]; }
  if (row0 + 0u < p.batch && col0 + 112u < N) { out[(row0 + 0u) * N + col0 + 112u] = acc0_1[3] + b[col0 + 112u]; }
  if (row0 + 1u < p.batch && col0 + 0u < N) { out[(row0 + 1u) * N + col0 + 0u] = acc1_0[0] + b[col0 + 0u]; }
  if (row0 + 1u < p.batch && col0 + 16u < N) { out[(row0 + 1u) * N + col0 + 16u] = acc1_0[1] + b[col0 + 16u]; }
  if (row0 + 1u < p.batch && col0 + 32u < N) { out[(row0 + 1u) * N + col0 + 32u] = acc1_0[2] + b[col0 + 32u]; }
  if (row0 + 1u < p.batch && col0 + 48u < N) { out[(row0 + 1u) * N + col0 + 48u] = acc1_0[3] + b[col0 + 48u]; }
  if (row0 + 1u < p.batch && col0 + 64u < N) { out[(row0 + 1u) * N + col0 + 64u] = acc1_1[0] + b[col0 + 64u]; }
  if (row0 + 1u < p.batch && col0 + 80u < N) { out[(row0 + 1u) * N + col0 + 80u] = acc1_1[1] + b[col0 + 80u]; }
  if (row0 + 1u < p.batch && col0 + 96u < N) { out[(row0 + 1u) * N + col0 + 96u] = acc1_1[2] + b[col0 + 96u]; }
  if (row0 + 1u < p.batch && col0 + 112u < N) { out[(row0 + 1u) * N + col0 + 112u] = acc1_1[3] + b[col0 + 112u]; }
  if (row0 + 2u < p.batch && col0 + 0u < N) { out[(row0 + 2u) * N + col0 + 0u] = acc2_0[0] + b[col0 + 0u]; }
  if (row0 + 2u < p.batch && col0 + 16u < N) { out[(row0 + 2u) * N + col0 + 16u] = acc2_0[1] + b[col0 + 16u]; }
  if (row0 + 2u < p.batch && col0 + 32u < N) { out[(row0 + 2u) * N + col0 + 32u] = acc2_0[2] + b[col0 + 32u]; }
  if (row0 + 2u < p.batch && col0 + 48u < N) { out[(row0 + 2u) * N + col0 + 48u] = acc2_0[3] + b[col0 + 48u]; }
  if (row0 + 2u < p.batch && col0 + 64u < N) { out[(row0 + 2u) * N + col0 + 64u] = acc2_1[0] + b[col0 + 64u]; }
  if (row0 + 2u < p.batch && col0 + 80u < N) { out[(row0 + 2u) * N + col0 + 80u] = acc2_1[1] + b[col0 + 80u]; }
  if (row0 + 2u < p.batch && col0 + 96u < N) { out[(row0 + 2u) * N + col0 + 96u] = acc2_1[2] + b[col0 + 96u]; }
  if (row0 + 2u < p.batch && col0 + 112u < N) { out[(row0 + 2u) * N + col0 + 112u] = acc2_1[3] + b[col0 + 112u]; }
  if (row0 + 3u < p.batch && col0 + 0u < N) { out[(row0 + 3u) * N + col0 + 0u] = acc3_0[0] + b[col0 + 0u]; }
  if (row0 + 3u < p.batch && col0 + 16u < N) { out[(row0 + 3u) * N + col0 + 16u] = acc3_0[1] + b[col0 + 16u]; }
  if (row0 + 3u < p.batch && col0 + 32u < N) { out[(row0 + 3u) * N + col0 + 32u] = acc3_0[2] + b[col0 + 32u]; }
  if (row0 + 3u < p.batch && col0 + 48u < N) { out[(row0 + 3u) * N + col0 + 48u] = acc3_0[3] + b[col0 + 48u]; }
  if (row0 + 3u < p.batch && col0 + 64u < N) { out[(row0 + 3u) * N + col0 + 64u] = acc3_1[0] + b[col0 + 64u]; }
  if (row0 + 3u < p.batch && col0 + 80u < N) { out[(row0 + 3u) * N + col0 + 80u] = acc3_1[1] + b[col0 + 80u]; }
  if (row0 + 3u < p.batch && col0 + 96u < N) { out[(row0 + 3u) * N + col0 + 96u] = acc3_1[2] + b[col0 + 96u]; }
  if (row0 + 3u < p.batch && col0 + 112u < N) { out[(row0 + 3u) * N + col0 + 112u] = acc3_1[3] + b[col0 + 112u]; }
  if (row0 + 4u < p.batch && col0 + 0u < N) { out[(row0 + 4u) * N + col0 + 0u] = acc4_0[0] + b[col0 + 0u]; }
  if (row0 + 4u < p.batch && col0 + 16u < N) { out[(row0 + 4u) * N + col0 + 16u] = acc4_0[1] + b[col0 + 16u]; }
  if (row0 + 4u < p.batch && col0 + 32u < N) { out[(row0 + 4u) * N + col0 + 32u] = acc4_0[2] + b[col0 + 32u]; }
  if (row0 + 4u < p.batch && col0 + 48u < N) { out[(row0 + 4u) * N + col0 + 48u] = acc4_0[3] + b[col0 + 48u]; }
  if (row0 + 4u < p.batch && col0 + 64u < N) { out[(row0 + 4u) * N + col0 + 64u] = acc4_1[0] + b[col0 + 64u]; }
  if (row0 + 4u < p.batch && col0 + 80u < N) { out[(row0 + 4u) * N + col0 + 80u] = acc4_1[1] + b[col0 + 80u]; }
  if (row0 + 4u < p.batch && col0 + 96u < N) { out[(row0 + 4u) * N + col0 + 96u] = acc4_1[2] + b[col0 + 96u]; }
  if (row0 + 4u < p.batch && col0 + 112u < N) { out[(row0 + 4u) * N + col0 + 112u] = acc4_1[3] + b[col0 + 112u]; }
  if (row0 + 5u < p.batch && col0 + 0u < N) { out[(row0 + 5u) * N + col0 + 0u] = acc5_0[0] + b[col0 + 0u]; }
  if (row0 + 5u < p.batch && col0 + 16u < N) { out[(row0 + 5u) * N + col0 + 16u] = acc5_0[1] + b[col0 + 16u]; }
  if (row0 + 5u < p.batch && col0 + 32u < N) { out[(row0 + 5u) * N + col0 + 32u] = acc5_0[2] + b[col0 + 32u]; }
  if (row0 + 5u < p.batch && col0 + 48u < N) { out[(row0 + 5u) * N + col0 + 48u] = acc5_0[3] + b[col0 + 48u]; }
  if (row0 + 5u < p.batch && col0 + 64u < N) { out[(row0 + 5u) * N + col0 + 64u] = acc5_1[0] + b[col0 + 64u]; }
  if (row0 + 5u < p.batch && col0 + 80u < N) { out[(row0 + 5u) * N + col0 + 80u] = acc5_1[1] + b[col0 + 80u]; }
  if (row0 + 5u < p.batch && col0 + 96u < N) { out[(row0 + 5u) * N + col0 + 96u] = acc5_1[2] + b[col0 + 96u]; }
  if (row0 + 5u < p.batch && col0 + 112u < N) { out[(row0 + 5u) * N + col0 + 112u] = acc5_1[3] + b[col0 + 112u]; }
  if (row0 + 6u < p.batch && col0 + 0u < N) { out[(row0 + 6u) * N + col0 + 0u] = acc6_0[0] + b[col0 + 0u]; }
  if (row0 + 6u < p.batch && col0 + 16u < N) { out[(row0 + 6u) * N + col0 + 16u] = acc6_0[1] + b[col0 + 16u]; }
  if (row0 + 6u < p.batch && col0 + 32u < N) { out[(row0 + 6u) * N + col0 + 32u] = acc6_0[2] + b[col0 + 32u]; }
  if (row0 + 6u < p.batch && col0 + 48u < N) { out[(row0 + 6u) * N + col0 + 48u] = acc6_0[3] + b[col0 + 48u]; }
  if (row0 + 6u < p.batch && col0 + 64u < N) { out[(row0 + 6u) * N + col0 + 64u] = acc6_1[0] + b[col0 + 64u]; }
  if (row0 + 6u < p.batch && col0 + 80u < N) { out[(row0 + 6u) * N + col0 + 80u] = acc6_1[1] + b[col0 + 80u]; }
  if (row0 + 6u < p.batch && col0 + 96u < N) { out[(row0 + 6u) * N + col0 + 96u] = acc6_1[2] + b[col0 + 96u]; }
  if (row0 + 6u < p.batch && col0 + 112u < N) { out[(row0 + 6u) * N + col0 + 112u] = acc6_1[3] + b[col0 + 112u]; }
  if (row0 + 7u < p.batch && col0 + 0u < N) { out[(row0 + 7u) * N + col0 + 0u] = acc7_0[0] + b[col0 + 0u]; }
  if (row0 + 7u < p.batch && col0 + 16u < N) { out[(row0 + 7u) * N + col0 + 16u] = acc7_0[1] + b[col0 + 16u]; }
  if (row0 + 7u < p.batch && col0 + 32u < N) { out[(row0 + 7u) * N + col0 + 32u] = acc7_0[2] + b[col0 + 32u]; }
  if (row0 + 7u < p.batch && col0 + 48u < N) { out[(row0 + 7u) * N + col0 + 48u] = acc7_0[3] + b[col0 + 48u]; }
  if (row0 + 7u < p.batch && col0 + 64u < N) { out[(row0 + 7u) * N + col0 + 64u] = acc7_1[0] + b[col0 + 64u]; }
  if (row0 + 7u < p.batch && col0 + 80u < N) { out[(row0 + 7u) * N + col0 + 80u] = acc7_1[1] + b[col0 + 80u]; }
  if (row0 + 7u < p.batch && col0 + 96u < N) { out[(row0 + 7u) * N + col0 + 96u] = acc7_1[2] + b[col0 + 96u]; }
  if (row0 + 7u < p.batch && col0 + 112u < N) { out[(row0 + 7u) * N + col0 + 112u] = acc7_1[3] + b[col0 + 112u]; }
}

@compute @workgroup_size(16, 4)
fn r16c4u4(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let K = p.in_features; let N = p.out_features;
  let col0 = wg.x * 64u + lid.x;
  let row0 = wg.y * 64u + lid.y * 16u;
  let c0 = min(col0 + 0u, N - 1u);
  let c1 = min(col0 + 16u, N - 1u);
  let c2 = min(col0 + 32u, N - 1u);
  let c3 = min(col0 + 48u, N - 1u);
  let r0 = min(row0 + 0u, p.batch - 1u) * K;
  let r1 = min(row0 + 1u, p.batch - 1u) * K;
  let r2 = min(row0 + 2u, p.batch - 1u) * K;
  let r3 = min(row0 + 3u, p.batch - 1u) * K;
  let r4 = min(row0 + 4u, p.batch - 1u) * K;
  let r5 = min(row0 + 5u, p.batch - 1u) * K;
  let r6 = min(row0 + 6u, p.batch - 1u) * K;
  let r7 = min(row0 + 7u, p.batch - 1u) * K;
  let r8 = min(row0 + 8u, p.batch - 1u) * K;
  let r9 = min(row0 + 9u, p.batch - 1u) * K;
  let r10 = min(row0 + 10u, p.batch - 1u) * K;
  let r11 = min(row0 + 11u, p.batch - 1u) * K;
  let r12 = min(row0 + 12u, p.batch - 1u) * K;
  let r13 = min(row0 + 13u, p.batch - 1u) * K;
  let r14 = min(row0 + 14u, p.batch - 1u) * K;
  let r15 = min(row0 + 15u, p.batch - 1u) * K;
  var acc0_0: vec4<f32>;
  var acc1_0: vec4<f32>;
  var acc2_0: vec4<f32>;
  var acc3_0: vec4<f32>;
  var acc4_0: vec4<f32>;
  var acc5_0: vec4<f32>;
  var acc6_0: vec4<f32>;
  var acc7_0: vec4<f32>;
  var acc8_0: vec4<f32>;
  var acc9_0: vec4<f32>;
  var acc10_0: vec4<f32>;
  var acc11_0: vec4<f32>;
  var acc12_0: vec4<f32>;
  var acc13_0: vec4<f32>;
  var acc14_0: vec4<f32>;
  var acc15_0: vec4<f32>;
  var k = 0u;
  let k_end = K - K % 4u;
  for (; k < k_end; k += 4u) {
    let wrow0 = (k + 0u) * N;
    let b0_0 = vec4(w[wrow0 + c0], w[wrow0 + c1], w[wrow0 + c2], w[wrow0 + c3]);
    let a0_0 = x[r0 + k + 0u];
    acc0_0 += a0_0 * b0_0;
    let a0_1 = x[r1 + k + 0u];
    acc1_0 += a0_1 * b0_0;
    let a0_2 = x[r2 + k + 0u];
    acc2_0 += a0_2 * b0_0;
    let a0_3 = x[r3 + k + 0u];
    acc3_0 += a0_3 * b0_0;
    let a0_4 = x[r4 + k + 0u];
    acc4_0 += a0_4 * b0_0;
    let a0_5 = x[r5 + k + 0u];
    acc5_0 += a0_5 * b0_0;
    let a0_6 = x[r6 + k + 0u];
    acc6_0 += a0_6 * b0_0;
    let a0_7 = x[r7 + k + 0u];
    acc7_0 += a0_7 * b0_0;
    let a0_8 = x[r8 + k + 0u];
    acc8_0 += a0_8 * b0_0;
    let a0_9 = x[r9 + k + 0u];
    acc9_0 += a0_9 * b0_0;
    let a0_10 = x[r10 + k + 0u];
    acc10_0 += a0_10 * b0_0;
    let a0_11 = x[r11 + k + 0u];
    acc11_0 += a0_11 * b0_0;
    let a0_12 = x[r12 + k + 0u];
    acc12_0 += a0_12 * b0_0;
    let a0_13 = x[r13 + k + 0u];
    acc13_0 += a0_13 * b0_0;
    let a0_14 = x[r14 + k + 0u];
    acc14_0 += a0_14 * b0_0;
    let a0_15 = x[r15 + k + 0u];
    acc15_0 += a0_15 * b0_0;
    let wrow1 = (k + 1u) * N;
    let b1_0 = vec4(w[wrow1 + c0], w[wrow1 + c1], w[wrow1 + c2], w[wrow1 + c3]);
    let a1_0 = x[r0 + k + 1u];
    acc0_0 += a1_0 * b1_0;
    let a1_1 = x[r1 + k + 1u];
    acc1_0 += a1_1 * b1_0;
    let a1_2 = x[r2 + k + 1u];
    acc2_0 += a1_2 * b1_0;
    let a1_3 = x[r3 + k + 1u];
    acc3_0 += a1_3 * b1_0;
    let a1_4 = x[r4 + k + 1u];
    acc4_0 += a1_4 * b1_0;
    let a1_5 = x[r5 + k + 1u];
    acc5_0 += a1_5 * b1_0;
    let a1_6 = x[r6 + k + 1u];
    acc6_0 += a1_6 * b1_0;
    let a1_7 = x[r7 + k + 1u];
    acc7_0 += a1_7 * b1_0;
    let a1_8 = x[r8 + k + 1u];
    acc8_0 += a1_8 * b1_0;
    let a1_9 = x[r9 + k + 1u];
    acc9_0 += a1_9 * b1_0;
    let a1_10 = x[r10 + k + 1u];
    acc10_0 += a1_10 * b1_0;
    let a1_11 = x[r11 + k + 1u];
    acc11_0 += a1_11 * b1_0;
    let a1_12 = x[r12 + k + 1u];
    acc12_0 += a1_12 * b1_0;
    let a1_13 = x[r13 + k + 1u];
    acc13_0 += a1_13 * b1_0;
    let a1_14 = x[r14 + k + 1u];
    acc14_0 += a1_14 * b1_0;
    let a1_15 = x[r15 + k + 1u];
    acc15_0 += a1_15 * b1_0;
    let wrow2 = (k + 2u) * N;
    let b2_0 = vec4(w[wrow2 + c0], w[wrow2 + c1], w[wrow2 + c2], w[wrow2 + c3]);
    let a2_0 = x[r0 + k + 2u];
    acc0_0 += a2_0 * b2_0;
    let a2_1 = x[r1 + k + 2u];
    acc1_0 += a2_1 * b2_0;
    let a2_2 = x[r2 + k + 2u];
    acc2_0 += a2_2 * b2_0;
    let a2_3 = x[r3 + k + 2u];
    acc3_0 += a2_3 * b2_0;
    let a2_4 = x[r4 + k + 2u];
    acc4_0 += a2_4 * b2_0;
    let a2_5 = x[r5 + k + 2u];
    acc5_0 += a2_5 * b2_0;
    let a2_6 = x[r6 + k + 2u];
    acc6_0 += a2_6 * b2_0;
    let a2_7 = x[r7 + k + 2u];
    acc7_0 += a2_7 * b2_0;
    let a2_8 = x[r8 + k + 2u];
    acc8_0 += a2_8 * b2_0;
    let a2_9 = x[r9 + k + 2u];
    acc9_0 += a2_9 * b2_0;
    let a2_10 = x[r10 + k + 2u];
    acc10_0 += a2_10 * b2_0;
    let a2_11 = x[r11 + k + 2u];
    acc11_0 += a2_11 * b2_0;
    let a2_12 = x[r12 + k + 2u];
    acc12_0 += a2_12 * b2_0;
    let a2_13 = x[r13 + k + 2u];
    acc13_0 += a2_13 * b2_0;
    let a2_14 = x[r14 + k + 2u];
    acc14_0 += a2_14 * b2_0;
    let a2_15 = x[r15 + k + 2u];
    acc15_0 += a2_15 * b2_0;
    let wrow3 = (k + 3u) * N;
    let b3_0 = vec4(w[wrow3 + c0], w[wrow3 + c1], w[wrow3 + c2], w[wrow3 + c3]);
    let a3_0 = x[r0 + k + 3u];
    acc0_0 += a3_0 * b3_0;
    let a3_1 = x[r1 + k + 3u];
    acc1_0 += a3_1 * b3_0;
    let a3_2 = x[r2 + k + 3u];
    acc2_0 += a3_2 * b3_0;
    let a3_3 = x[r3 + k + 3u];
    acc3_0 += a3_3 * b3_0;
    let a3_4 = x[r4 + k + 3u];
    acc4_0 += a3_4 * b3_0;
    let a3_5 = x[r5 + k + 3u];
    acc5_0 += a3_5 * b3_0;
    let a3_6 = x[r6 + k + 3u];
    acc6_0 += a3_6 * b3_0;
    let a3_7 = x[r7 + k + 3u];
    acc7_0 += a3_7 * b3_0;
    let a3_8 = x[r8 + k + 3u];
    acc8_0 += a3_8 * b3_0;
    let a3_9 = x[r9 + k + 3u];
    acc9_0 += a3_9 * b3_0;
    let a3_10 = x[r10 + k + 3u];
    acc10_0 += a3_10 * b3_0;
    let a3_11 = x[r11 + k + 3u];
    acc11_0 += a3_11 * b3_0;
    let a3_12 = x[r12 + k + 3u];
    acc12_0 += a3_12 * b3_0;
    let a3_13 = x[r13 + k + 3u];
    acc13_0 += a3_13 * b3_0;
    let a3_14 = x[r14 + k + 3u];
    acc14_0 += a3_14 * b3_0;
    let a3_15 = x[r15 + k + 3u];
    acc15_0 += a3_15 * b3_0;
  }
  for (; k < K; k++) {
    let wrow = k * N;
    let bb_0 = vec4(w[wrow + c0], w[wrow + c1], w[wrow + c2], w[wrow + c3]);
    acc0_0 += x[r0 + k] * bb_0;
    acc1_0 += x[r1 + k] * bb_0;
    acc2_0 += x[r2 + k] * bb_0;
    acc3_0 += x[r3 + k] * bb_0;
    acc4_0 += x[r4 + k] * bb_0;
    acc5_0 += x[r5 + k] * bb_0;
    acc6_0 += x[r6 + k] * bb_0;
    acc7_0 += x[r7 + k] * bb_0;
    acc8_0 += x[r8 + k] * bb_0;
    acc9_0 += x[r9 + k] * bb_0;
    acc10_0 += x[r10 + k] * bb_0;
    acc11_0 += x[r11 + k] * bb_0;
    acc12_0 += x[r12 + k] * bb_0;
    acc13_0 += x[r13 + k] * bb_0;
    acc14_0 += x[r14 + k] * bb_0;
    acc15_0 += x[r15 + k] * bb_0;
  }
  if (row0 + 0u < p.batch && col0 + 0u < N) { out[(row0 + 0u) * N + col0 + 0u] = acc0_0[0] + b[col0 + 0u]; }
  if (row0 + 0u < p.batch && col0 + 16u < N) { out[(row0 + 0u) * N + col0 + 16u] = acc0_0[1] + b[col0 + 16u]; }
  if (row0 + 0u < p.batch && col0 + 32u < N) { out[(row0 + 0u) * N + col0 + 32u] = acc0_0[2] + b[col0 + 32u]; }
  if (row0 + 0u < p.batch && col0 + 48u < N) { out[(row0 + 0u) * N + col0 + 48u] = acc0_0[3] + b[col0 + 48u]; }
  if (row0 + 1u < p.batch && col0 + 0u < N) { out[(row0 + 1u) * N + col0 + 0u] = acc1_0[0] + b[col0 + 0u]; }
  if (row0 + 1u < p.batch && col0 + 16u < N) { out[(row0 + 1u) * N + col0 + 16u] = acc1_0[1] + b[col0 + 16u]; }
  if (row0 + 1u < p.batch && col0 + 32u < N) { out[(row0 + 1u) * N + col0 + 32u] = acc1_0[2] + b[col0 + 32u]; }
  if (row0 + 1u < p.batch && col0 + 48u < N) { out[(row0 + 1u) * N + col0 + 48u] = acc1_0[3] + b[col0 + 48u]; }
  if (row0 + 2u < p.batch && col0 + 0u < N) { out[(row0 + 2u) * N + col0 + 0u] = acc2_0[0] + b[col0 + 0u]; }
  if (row0 + 2u < p.batch && col0 + 16u < N) { out[(row0 + 2u) * N + col0 + 16u] = acc2_0[1] + b[col0 + 16u]; }
  if (row0 + 2u < p.batch && col0 + 32u < N) { out[(row0 + 2u) * N + col0 + 32u] = acc2_0[2] + b[col0 + 32u]; }
  if (row0 + 2u < p.batch && col0 + 48u < N) { out[(row0 + 2u) * N + col0 + 48u] = acc2_0[3] + b[col0 + 48u]; }
  if (row0 + 3u < p.batch && col0 + 0u < N) { out[(row0 + 3u) * N + col0 + 0u] = acc3_0[0] + b[col0 + 0u]; }
  if (row0 + 3u < p.batch && col0 + 16u < N) { out[(row0 + 3u) * N + col0 + 16u] = acc3_0[1] + b[col0 + 16u]; }
  if (row0 + 3u < p.batch && col0 + 32u < N) { out[(row0 + 3u) * N + col0 + 32u] = acc3_0[2] + b[col0 + 32u]; }
  if (row0 + 3u < p.batch && col0 + 48u < N) { out[(row0 + 3u) * N + col0 + 48u] = acc3_0[3] + b[col0 + 48u]; }
  if (row0 + 4u < p.batch && col0 + 0u < N) { out[(row0 + 4u) * N + col0 + 0u] = acc4_0[0] + b[col0 + 0u]; }
  if (row0 + 4u < p.batch && col0 + 16u < N) { out[(row0 + 4u) * N + col0 + 16u] = acc4_0[1] + b[col0 + 16u]; }
  if (row0 + 4u < p.batch && col0 + 32u < N) { out[(row0 + 4u) * N + col0 + 32u] = acc4_0[2] + b[col0 + 32u]; }
  if (row0 + 4u < p.batch && col0 + 48u < N) { out[(row0 + 4u) * N + col0 + 48u] = acc4_0[3] + b[col0 + 48u]; }
  if (row0 + 5u < p.batch && col0 + 0u < N) { out[(row0 + 5u) * N + col0 + 0u] = acc5_0[0] + b[col0 + 0u]; }
  if (row0 + 5u < p.batch && col0 + 16u < N) { out[(row0 + 5u) * N + col0 + 16u] = acc5_0[1] + b[col0 + 16u]; }
  if (row0 + 5u < p.batch && col0 + 32u < N) { out[(row0 + 5u) * N + col0 + 32u] = acc5_0[2] + b[col0 + 32u]; }
  if (row0 + 5u < p.batch && col0 + 48u < N) { out[(row0 + 5u) * N + col0 + 48u] = acc5_0[3] + b[col0 + 48u]; }
  if (row0 + 6u < p.batch && col0 + 0u < N) { out[(row0 + 6u) * N + col0 + 0u] = acc6_0[0] + b[col0 + 0u]; }
  if (row0 + 6u < p.batch && col0 + 16u < N) { out[(row0 + 6u) * N + col0 + 16u] = acc6_0[1] + b[col0 + 16u]; }
  if (row0 + 6u < p.batch && col0 + 32u < N) { out[(row0 + 6u) * N + col0 + 32u] = acc6_0[2] + b[col0 + 32u]; }
  if (row0 + 6u < p.batch && col0 + 48u < N) { out[(row0 + 6u) * N + col0 + 48u] = acc6_0[3] + b[col0 + 48u]; }
  if (row0 + 7u < p.batch && col0 + 0u < N) { out[(row0 + 7u) * N + col0 + 0u] = acc7_0[0] + b[col0 + 0u]; }
  if (row0 + 7u < p.batch && col0 + 16u < N) { out[(row0 + 7u) * N + col0 + 16u] = acc7_0[1] + b[col0 + 16u]; }
  if (row0 + 7u < p.batch && col0 + 32u < N) { out[(row0 + 7u) * N + col0 + 32u] = acc7_0[2] + b[col0 + 32u]; }
  if (row0 + 7u < p.batch && col0 + 48u < N) { out[(row0 + 7u) * N + col0 + 48u] = acc7_0[3] + b[col0 + 48u]; }
  if (row0 + 8u < p.batch && col0 + 0u < N) { out[(row0 + 8u) * N + col0 + 0u] = acc8_0[0] + b[col0 + 0u]; }
  if (row0 + 8u < p.batch && col0 + 16u < N) { out[(row0 + 8u) * N + col0 + 16u] = acc8_0[1] + b[col0 + 16u]; }
  if (row0 + 8u < p.batch && col0 + 32u < N) { out[(row0 + 8u) * N + col0 + 32u] = acc8_0[2] + b[col0 + 32u]; }
  if (row0 + 8u < p.batch && col0 + 48u < N) { out[(row0 + 8u) * N + col0 + 48u] = acc8_0[3] + b[col0 + 48u]; }
  if (row0 + 9u < p.batch && col0 + 0u < N) { out[(row0 + 9u) * N + col0 + 0u] = acc9_0[0] + b[col0 + 0u]; }
  if (row0 + 9u < p.batch && col0 + 16u < N) { out[(row0 + 9u) * N + col0 + 16u] = acc9_0[1] + b[col0 + 16u]; }
  if (row0 + 9u < p.batch && col0 + 32u < N) { out[(row0 + 9u) * N + col0 + 32u] = acc9_0[2] + b[col0 + 32u]; }
  if (row0 + 9u < p.batch && col0 + 48u < N) { out[(row0 + 9u) * N + col0 + 48u] = acc9_0[3] + b[col0 + 48u]; }
  if (row0 + 10u < p.batch && col0 + 0u < N) { out[(row0 + 10u) * N + col0 + 0u] = acc10_0[0] + b[col0 + 0u]; }
  if (row0 + 10u < p.batch && col0 + 16u < N) { out[(row0 + 10u) * N + col0 + 16u] = acc10_0[1] + b[col0 + 16u]; }
  if (row0 + 10u < p.batch && col0 + 32u < N) { out[(row0 + 10u) * N + col0 + 32u] = acc10_0[2] + b[col0 + 32u]; }
  if (row0 + 10u < p.batch && col0 + 48u < N) { out[(row0 + 10u) * N + col0 + 48u] = acc10_0[3] + b[col0 + 48u]; }
  if (row0 + 11u < p.batch && col0 + 0u < N) { out[(row0 + 11u) * N + col0 + 0u] = acc11_0[0] + b[col0 + 0u]; }
  if (row0 + 11u < p.batch && col0 + 16u < N) { out[(row0 + 11u) * N + col0 + 16u] = acc11_0[1] + b[col0 + 16u]; }
  if (row0 + 11u < p.batch && col0 + 32u < N) { out[(row0 + 11u) * N + col0 + 32u] = acc11_0[2] + b[col0 + 32u]; }
  if (row0 + 11u < p.batch && col0 + 48u < N) { out[(row0 + 11u) * N + col0 + 48u] = acc11_0[3] + b[col0 + 48u]; }
  if (row0 + 12u < p.batch && col0 + 0u < N) { out[(row0 + 12u) * N + col0 + 0u] = acc12_0[0] + b[col0 + 0u]; }
  if (row0 + 12u < p.batch && col0 + 16u < N) { out[(row0 + 12u) * N + col0 + 16u] = acc12_0[1] + b[col0 + 16u]; }
  if (row0 + 12u < p.batch && col0 + 32u < N) { out[(row0 + 12u) * N + col0 + 32u] = acc12_0[2] + b[col0 + 32u]; }
  if (row0 + 12u < p.batch && col0 + 48u < N) { out[(row0 + 12u) * N + col0 + 48u] = acc12_0[3] + b[col0 + 48u]; }
  if (row0 + 13u < p.batch && col0 + 0u < N) { out[(row0 + 13u) * N + col0 + 0u] = acc13_0[0] + b[col0 + 0u]; }
  if (row0 + 13u < p.batch && col0 + 16u < N) { out[(row0 + 13u) * N + col0 + 16u] = acc13_0[1] + b[col0 + 16u]; }
  if (row0 + 13u < p.batch && col0 + 32u < N) { out[(row0 + 13u) * N + col0 + 32u] = acc13_0[2] + b[col0 + 32u]; }
  if (row0 + 13u < p.batch && col0 + 48u < N) { out[(row0 + 13u) * N + col0 + 48u] = acc13_0[3] + b[col0 + 48u]; }
  if (row0 + 14u < p.batch && col0 + 0u < N) { out[(row0 + 14u) * N + col0 + 0u] = acc14_0[0] + b[col0 + 0u]; }
  if (row0 + 14u < p.batch && col0 + 16u < N) { out[(row0 + 14u) * N + col0 + 16u] = acc14_0[1] + b[col0 + 16u]; }
  if (row0 + 14u < p.batch && col0 + 32u < N) { out[(row0 + 14u) * N + col0 + 32u] = acc14_0[2] + b[col0 + 32u]; }
  if (row0 + 14u < p.batch && col0 + 48u < N) { out[(row0 + 14u) * N + col0 + 48u] = acc14_0[3] + b[col0 + 48u]; }
  if (row0 + 15u < p.batch && col0 + 0u < N) { out[(row0 + 15u) * N + col0 + 0u] = acc15_0[0] + b[col0 + 0u]; }
  if (row0 + 15u < p.batch && col0 + 16u < N) { out[(row0 + 15u) * N + col0 + 16u] = acc15_0[1] + b[col0 + 16u]; }
  if (row0 + 15u < p.batch && col0 + 32u < N) { out[(row0 + 15u) * N + col0 + 32u] = acc15_0[2] + b[col0 + 32u]; }
  if (row0 + 15u < p.batch && col0 + 48u < N) { out[(row0 + 15u) * N + col0 + 48u] = acc15_0[3] + b[col0 + 48u]; }
}

@compute @workgroup_size(16, 4)
fn r32c4u1(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let K = p.in_features; let N = p.out_features;
  let col0 = wg.x * 64u + lid.x;
  let row0 = wg.y * 128u + lid.y * 32u;
  let c0 = min(col0 + 0u, N - 1u);
  let c1 = min(col0 + 16u, N - 1u);
  let c2 = min(col0 + 32u, N - 1u);
  let c3 = min(col0 + 48u, N - 1u);
  let r0 = min(row0 + 0u, p.batch - 1u) * K;
  let r1 = min(row0 + 1u, p.batch - 1u) * K;
  let r2 = min(row0 + 2u, p.batch - 1u) * K;
  let r3 = min(row0 + 3u, p.batch - 1u) * K;
  let r4 = min(row0 + 4u, p.batch - 1u) * K;
  let r5 = min(row0 + 5u, p.batch - 1u) * K;
  let r6 = min(row0 + 6u, p.batch - 1u) * K;
  let r7 = min(row0 + 7u, p.batch - 1u) * K;
  let r8 = min(row0 + 8u, p.batch - 1u) * K;
  let r9 = min(row0 + 9u, p.batch - 1u) * K;
  let r10 = min(row0 + 10u, p.batch - 1u) * K;
  let r11 = min(row0 + 11u, p.batch - 1u) * K;
  let r12 = min(row0 + 12u, p.batch - 1u) * K;
  let r13 = min(row0 + 13u, p.batch - 1u) * K;
  let r14 = min(row0 + 14u, p.batch - 1u) * K;
  let r15 = min(row0 + 15u, p.batch - 1u) * K;
  let r16 = min(row0 + 16u, p.batch - 1u) * K;
  let r17 = min(row0 + 17u, p.batch - 1u) * K;
  let r18 = min(row0 + 18u, p.batch - 1u) * K;
  let r19 = min(row0 + 19u, p.batch - 1u) * K;
  let r20 = min(row0 + 20u, p.batch - 1u) * K;
  let r21 = min(row0 + 21u, p.batch - 1u) * K;
  let r22 = min(row0 + 22u, p.batch - 1u) * K;
  let r23 = min(row0 + 23u, p.batch - 1u) * K;
  let r24 = min(row0 + 24u, p.batch - 1u) * K;
  let r25 = min(row0 + 25u, p.batch - 1u) * K;
  let r26 = min(row0 + 26u, p.batch - 1u) * K;
  let r27 = min(row0 + 27u, p.batch - 1u) * K;
  let r28 = min(row0 + 28u, p.batch - 1u) * K;
  let r29 = min(row0 + 29u, p.batch - 1u) * K;
  let r30 = min(row0 + 30u, p.batch - 1u) * K;
  let r31 = min(row0 + 31u, p.batch - 1u) * K;
  var acc0_0: vec4<f32>;
  var acc1_0: vec4<f32>;
  var acc2_0: vec4<f32>;
  var acc3_0: vec4<f32>;
  var acc4_0: vec4<f32>;
  var acc5_0: vec4<f32>;
  var acc6_0: vec4<f32>;
  var acc7_0: vec4<f32>;
  var acc8_0: vec4<f32>;
  var acc9_0: vec4<f32>;
  var acc10_0: vec4<f32>;
  var acc11_0: vec4<f32>;
  var acc12_0: vec4<f32>;
  var acc13_0: vec4<f32>;
  var acc14_0: vec4<f32>;
  var acc15_0: vec4<f32>;
  var acc16_0: vec4<f32>;
  var acc17_0: vec4<f32>;
  var acc18_0: vec4<f32>;
  var acc19_0: vec4<f32>;
  var acc20_0: vec4<f32>;
  var acc21_0: vec4<f32>;
  var acc22_0: vec4<f32>;
  var acc23_0: vec4<f32>;
  var acc24_0: vec4<f32>;
  var acc25_0: vec4<f32>;
  var acc26_0: vec4<f32>;
  var acc27_0: vec4<f32>;
  var acc28_0: vec4<f32>;
  var acc29_0: vec4<f32>;
  var acc30_0: vec4<f32>;
  var acc31_0: vec4<f32>;
  var k = 0u;
  let k_end = K - K % 1u;
  for (; k < k_end; k += 1u) {
    let wrow0 = (k + 0u) * N;
    let b0_0 = vec4(w[wrow0 + c0], w[wrow0 + c1], w[wrow0 + c2], w[wrow0 + c3]);
    let a0_0 = x[r0 + k + 0u];
    acc0_0 += a0_0 * b0_0;
    let a0_1 = x[r1 + k + 0u];
    acc1_0 += a0_1 * b0_0;
    let a0_2 = x[r2 + k + 0u];
    acc2_0 += a0_2 * b0_0;
    let a0_3 = x[r3 + k + 0u];
    acc3_0 += a0_3 * b0_0;
    let a0_4 = x[r4 + k + 0u];
    acc4_0 += a0_4 * b0_0;
    let a0_5 = x[r5 + k + 0u];
    acc5_0 += a0_5 * b0_0;
    let a0_6 = x[r6 + k + 0u];
    acc6_0 += a0_6 * b0_0;
    let a0_7 = x[r7 + k + 0u];
    acc7_0 += a0_7 * b0_0;
    let a0_8 = x[r8 + k + 0u];
    acc8_0 += a0_8 * b0_0;
    let a0_9 = x[r9 + k + 0u];
    acc9_0 += a0_9 * b0_0;
    let a0_10 = x[r10 + k + 0u];
    acc10_0 += a0_10 * b0_0;
    let a0_11 = x[r11 + k + 0u];
    acc11_0 += a0_11 * b0_0;
    let a0_12 = x[r12 + k + 0u];
    acc12_0 += a0_12 * b0_0;
    let a0_13 = x[r13 + k + 0u];
    acc13_0 += a0_13 * b0_0;
    let a0_14 = x[r14 + k + 0u];
    acc14_0 += a0_14 * b0_0;
    let a0_15 = x[r15 + k + 0u];
    acc15_0 += a0_15 * b0_0;
    let a0_16 = x[r16 + k + 0u];
    acc16_0 += a0_16 * b0_0;
    let a0_17 = x[r17 + k + 0u];
    acc17_0 += a0_17 * b0_0;
    let a0_18 = x[r18 + k + 0u];
    acc18_0 += a0_18 * b0_0;
    let a0_19 = x[r19 + k + 0u];
    acc19_0 += a0_19 * b0_0;
    let a0_20 = x[r20 + k + 0u];
    acc20_0 += a0_20 * b0_0;
    let a0_21 = x[r21 + k + 0u];
    acc21_0 += a0_21 * b0_0;
    let a0_22 = x[r22 + k + 0u];
    acc22_0 += a0_22 * b0_0;
    let a0_23 = x[r23 + k + 0u];
    acc23_0 += a0_23 * b0_0;
    let a0_24 = x[r24 + k + 0u];
    acc24_0 += a0_24 * b0_0;
    let a0_25 = x[r25 + k + 0u];
    acc25_0 += a0_25 * b0_0;
    let a0_26 = x[r26 + k + 0u];
    acc26_0 += a0_26 * b0_0;
    let a0_27 = x[r27 + k + 0u];
    acc27_0 += a0_27 * b0_0;
    let a0_28 = x[r28 + k + 0u];
    acc28_0 += a0_28 * b0_0;
    let a0_29 = x[r29 + k + 0u];
    acc29_0 += a0_29 * b0_0;
    let a0_30 = x[r30 + k + 0u];
    acc30_0 += a0_30 * b0_0;
    let a0_31 = x[r31 + k + 0u];
    acc31_0 += a0_31 * b0_0;
  }
  for (; k < K; k++) {
    let wrow = k * N;
    let bb_0 = vec4(w[wrow + c0], w[wrow + c1], w[wrow + c2], w[wrow + c3]);
    acc0_0 += x[r0 + k] * bb_0;
    acc1_0 += x[r1 + k] * bb_0;
    acc2_0 += x[r2 + k] * bb_0;
    acc3_0 += x[r3 + k] * bb_0;
    acc4_0 += x[r4 + k] * bb_0;
    acc5_0 += x[r5 + k] * bb_0;
    acc6_0 += x[r6 + k] * bb_0;
    acc7_0 += x[r7 + k] * bb_0;
    acc8_0 += x[r8 + k] * bb_0;
    acc9_0 += x[r9 + k] * bb_0;
    acc10_0 += x[r10 + k] * bb_0;
    acc11_0 += x[r11 + k] * bb_0;
    acc12_0 += x[r12 + k] * bb_0;
    acc13_0 += x[r13 + k] * bb_0;
    acc14_0 += x[r14 + k] * bb_0;
    acc15_0 += x[r15 + k] * bb_0;
    acc16_0 += x[r16 + k] * bb_0;
    acc17_0 += x[r17 + k] * bb_0;
    acc18_0 += x[r18 + k] * bb_0;
    acc19_0 += x[r19 + k] * bb_0;
    acc20_0 += x[r20 + k] * bb_0;
    acc21_0 += x[r21 + k] * bb_0;
    acc22_0 += x[r22 + k] * bb_0;
    acc23_0 += x[r23 + k] * bb_0;
    acc24_0 += x[r24 + k] * bb_0;
    acc25_0 += x[r25 + k] * bb_0;
    acc26_0 += x[r26 + k] * bb_0;
    acc27_0 += x[r27 + k] * bb_0;
    acc28_0 += x[r28 + k] * bb_0;
    acc29_0 += x[r29 + k] * bb_0;
    acc30_0 += x[r30 + k] * bb_0;
    acc31_0 += x[r31 + k] * bb_0;
  }
  if (row0 + 0u < p.batch && col0 + 0u < N) { out[(row0 + 0u) * N + col0 + 0u] = acc0_0[0] + b[col0 + 0u]; }
  if (row0 + 0u < p.batch && col0 + 16u < N) { out[(row0 + 0u) * N + col0 + 16u] = acc0_0[1] + b[col0 + 16u]; }
  if (row0 + 0u < p.batch && col0 + 32u < N) { out[(row0 + 0u) * N + col0 + 32u] = acc0_0[2] + b[col0 + 32u]; }
  if (row0 + 0u < p.batch && col0 + 48u < N) { out[(row0 + 0u) * N + col0 + 48u] = acc0_0[3] + b[col0 + 48u]; }
  if (row0 + 1u < p.batch && col0 + 0u < N) { out[(row0 + 1u) * N + col0 + 0u] = acc1_0[0] + b[col0 + 0u]; }
  if (row0 + 1u < p.batch && col0 + 16u < N) { out[(row0 + 1u) * N + col0 + 16u] = acc1_0[1] + b[col0 + 16u]; }
  if (row0 + 1u < p.batch && col0 + 32u < N) { out[(row0 + 1u) * N + col0 + 32u] = acc1_0[2] + b[col0 + 32u]; }
  if (row0 + 1u < p.batch && col0 + 48u < N) { out[(row0 + 1u) * N + col0 + 48u] = acc1_0[3] + b[col0 + 48u]; }
  if (row0 + 2u < p.batch && col0 + 0u < N) { out[(row0 + 2u) * N + col0 + 0u] = acc2_0[0] + b[col0 + 0u]; }
  if (row0 + 2u < p.batch && col0 + 16u < N) { out[(row0 + 2u) * N + col0 + 16u] = acc2_0[1] + b[col0 + 16u]; }
  if (row0 + 2u < p.batch && col0 + 32u < N) { out[(row0 + 2u) * N + col0 + 32u] = acc2_0[2] + b[col0 + 32u]; }
  if (row0 + 2u < p.batch && col0 + 48u < N) { out[(row0 + 2u) * N + col0 + 48u] = acc2_0[3] + b[col0 + 48u]; }
  if (row0 + 3u < p.batch && col0 + 0u < N) { out[(row0 + 3u) * N + col0 + 0u] = acc3_0[0] + b[col0 + 0u]; }
  if (row0 + 3u < p.batch && col0 + 16u < N) { out[(row0 + 3u) * N + col0 + 16u] = acc3_0[1] + b[col0 + 16u]; }
  if (row0 + 3u < p.batch && col0 + 32u < N) { out[(row0 + 3u) * N + col0 + 32u] = acc3_0[2] + b[col0 + 32u]; }
  if (row0 + 3u < p.batch && col0 + 48u < N) { out[(row0 + 3u) * N + col0 + 48u] = acc3_0[3] + b[col0 + 48u]; }
  if (row0 + 4u < p.batch && col0 + 0u < N) { out[(row0 + 4u) * N + col0 + 0u] = acc4_0[0] + b[col0 + 0u]; }
  if (row0 + 4u < p.batch && col0 + 16u < N) { out[(row0 + 4u) * N + col0 + 16u] = acc4_0[1] + b[col0 + 16u]; }
  if (row0 + 4u < p.batch && col0 + 32u < N) { out[(row0 + 4u) * N + col0 + 32u] = acc4_0[2] + b[col0 + 32u]; }
  if (row0 + 4u < p.batch && col0 + 48u < N) { out[(row0 + 4u) * N + col0 + 48u] = acc4_0[3] + b[col0 + 48u]; }
  if (row0 + 5u < p.batch && col0 + 0u < N) { out[(row0 + 5u) * N + col0 + 0u] = acc5_0[0] + b[col0 + 0u]; }
  if (row0 + 5u < p.batch && col0 + 16u < N) { out[(row0 + 5u) * N + col0 + 16u] = acc5_0[1] + b[col0 + 16u]; }
  if (row0 + 5u < p.batch && col0 + 32u < N) { out[(row0 + 5u) * N + col0 + 32u] = acc5_0[2] + b[col0 + 32u]; }
  if (row0 + 5u < p.batch && col0 + 48u < N) { out[(row0 + 5u) * N + col0 + 48u] = acc5_0[3] + b[col0 + 48u]; }
  if (row0 + 6u < p.batch && col0 + 0u < N) { out[(row0 + 6u) * N + col0 + 0u] = acc6_0[0] + b[col0 + 0u]; }
  if (row0 + 6u < p.batch && col0 + 16u < N) { out[(row0 + 6u) * N + col0 + 16u] = acc6_0[1] + b[col0 + 16u]; }
  if (row0 + 6u < p.batch && col0 + 32u < N) { out[(row0 + 6u) * N + col0 + 32u] = acc6_0[2] + b[col0 + 32u]; }
  if (row0 + 6u < p.batch && col0 + 48u < N) { out[(row0 + 6u) * N + col0 + 48u] = acc6_0[3] + b[col0 + 48u]; }
  if (row0 + 7u < p.batch && col0 + 0u < N) { out[(row0 + 7u) * N + col0 + 0u] = acc7_0[0] + b[col0 + 0u]; }
  if (row0 + 7u < p.batch && col0 + 16u < N) { out[(row0 + 7u) * N + col0 + 16u] = acc7_0[1] + b[col0 + 16u]; }
  if (row0 + 7u < p.batch && col0 + 32u < N) { out[(row0 + 7u) * N + col0 + 32u] = acc7_0[2] + b[col0 + 32u]; }
  if (row0 + 7u < p.batch && col0 + 48u < N) { out[(row0 + 7u) * N + col0 + 48u] = acc7_0[3] + b[col0 + 48u]; }
  if (row0 + 8u < p.batch && col0 + 0u < N) { out[(row0 + 8u) * N + col0 + 0u] = acc8_0[0] + b[col0 + 0u]; }
  if (row0 + 8u < p.batch && col0 + 16u < N) { out[(row0 + 8u) * N + col0 + 16u] = acc8_0[1] + b[col0 + 16u]; }
  if (row0 + 8u < p.batch && col0 + 32u < N) { out[(row0 + 8u) * N + col0 + 32u] = acc8_0[2] + b[col0 + 32u]; }
  if (row0 + 8u < p.batch && col0 + 48u < N) { out[(row0 + 8u) * N + col0 + 48u] = acc8_0[3] + b[col0 + 48u]; }
  if (row0 + 9u < p.batch && col0 + 0u < N) { out[(row0 + 9u) * N + col0 + 0u] = acc9_0[0] + b[col0 + 0u]; }
  if (row0 + 9u < p.batch && col0 + 16u < N) { out[(row0 + 9u) * N + col0 + 16u] = acc9_0[1] + b[col0 + 16u]; }
  if (row0 + 9u < p.batch && col0 + 32u < N) { out[(row0 + 9u) * N + col0 + 32u] = acc9_0[2] + b[col0 + 32u]; }
  if (row0 + 9u < p.batch && col0 + 48u < N) { out[(row0 + 9u) * N + col0 + 48u] = acc9_0[3] + b[col0 + 48u]; }
  if (row0 + 10u < p.batch && col0 + 0u < N) { out[(row0 + 10u) * N + col0 + 0u] = acc10_0[0] + b[col0 + 0u]; }
  if (row0 + 10u < p.batch && col0 + 16u < N) { out[(row0 + 10u) * N + col0 + 16u] = acc10_0[1] + b[col0 + 16u]; }
  if (row0 + 10u < p.batch && col0 + 32u < N) { out[(row0 + 10u) * N + col0 + 32u] = acc10_0[2] + b[col0 + 32u]; }
  if (row0 + 10u < p.batch && col0 + 48u < N) { out[(row0 + 10u) * N + col0 + 48u] = acc10_0[3] + b[col0 + 48u]; }
  if (row0 + 11u < p.batch && col0 + 0u < N) { out[(row0 + 11u) * N + col0 + 0u] = acc11_0[0] + b[col0 + 0u]; }
  if (row0 + 11u < p.batch && col0 + 16u < N) { out[(row0 + 11u) * N + col0 + 16u] = acc11_0[1] + b[col0 + 16u]; }
  if (row0 + 11u < p.batch && col0 + 32u < N) { out[(row0 + 11u) * N + col0 + 32u] = acc11_0[2] + b[col0 + 32u]; }
  if (row0 + 11u < p.batch && col0 + 48u < N) { out[(row0 + 11u) * N + col0 + 48u] = acc11_0[3] + b[col0 + 48u]; }
  if (row0 + 12u < p.batch && col0 + 0u < N) { out[(row0 + 12u) * N + col0 + 0u] = acc12_0[0] + b[col0 + 0u]; }
  if (row0 + 12u < p.batch && col0 + 16u < N) { out[(row0 + 12u) * N + col0 + 16u] = acc12_0[1] + b[col0 + 16u]; }
  if (row0 + 12u < p.batch && col0 + 32u < N) { out[(row0 + 12u) * N + col0 + 32u] = acc12_0[2] + b[col0 + 32u]; }
  if (row0 + 12u < p.batch && col0 + 48u < N) { out[(row0 + 12u) * N + col0 + 48u] = acc12_0[3] + b[col0 + 48u]; }
  if (row0 + 13u < p.batch && col0 + 0u < N) { out[(row0 + 13u) * N + col0 + 0u] = acc13_0[0] + b[col0 + 0u]; }
  if (row0 + 13u < p.batch && col0 + 16u < N) { out[(row0 + 13u) * N + col0 + 16u] = acc13_0[1] + b[col0 + 16u]; }
  if (row0 + 13u < p.batch && col0 + 32u < N) { out[(row0 + 13u) * N + col0 + 32u] = acc13_0[2] + b[col0 + 32u]; }
  if (row0 + 13u < p.batch && col0 + 48u < N) { out[(row0 + 13u) * N + col0 + 48u] = acc13_0[3] + b[col0 + 48u]; }
  if (row0 + 14u < p.batch && col0 + 0u < N) { out[(row0 + 14u) * N + col0 + 0u] = acc14_0[0] + b[col0 + 0u]; }
  if (row0 + 14u < p.batch && col0 + 16u < N) { out[(row0 + 14u) * N + col0 + 16u] = acc14_0[1] + b[col0 + 16u]; }
  if (row0 + 14u < p.batch && col0 + 32u < N) { out[(row0 + 14u) * N + col0 + 32u] = acc14_0[2] + b[col0 + 32u]; }
  if (row0 + 14u < p.batch && col0 + 48u < N) { out[(row0 + 14u) * N + col0 + 48u] = acc14_0[3] + b[col0 + 48u]; }
  if (row0 + 15u < p.batch && col0 + 0u < N) { out[(row0 + 15u) * N + col0 + 0u] = acc15_0[0] + b[col0 + 0u]; }
  if (row0 + 15u < p.batch && col0 + 16u < N) { out[(row0 + 15u) * N + col0 + 16u] = acc15_0[1] + b[col0 + 16u]; }
  if (row0 + 15u < p.batch && col0 + 32u < N) { out[(row0 + 15u) * N + col0 + 32u] = acc15_0[2] + b[col0 + 32u]; }
  if (row0 + 15u < p.batch && col0 + 48u < N) { out[(row0 + 15u) * N + col0 + 48u] = acc15_0[3] + b[col0 + 48u]; }
  if (row0 + 16u < p.batch && col0 + 0u < N) { out[(row0 + 16u) * N + col0 + 0u] = acc16_0[0] + b[col0 + 0u]; }
  if (row0 + 16u < p.batch && col0 + 16u < N) { out[(row0 + 16u) * N + col0 + 16u] = acc16_0[1] + b[col0 + 16u]; }
  if (row0 + 16u < p.batch && col0 + 32u < N) { out[(row0 + 16u) * N + col0 + 32u] = acc16_0[2] + b[col0 + 32u]; }
  if (row0 + 16u < p.batch && col0 + 48u < N) { out[(row0 + 16u) * N + col0 + 48u] = acc16_0[3] + b[col0 + 48u]; }
  if (row0 + 17u < p.batch && col0 + 0u < N) { out[(row0 + 17u) * N + col0 + 0u] = acc17_0[0] + b[col0 + 0u]; }
  if (row0 + 17u < p.batch && col0 + 16u < N) { out[(row0 + 17u) * N + col0 + 16u] = acc17_0[1] + b[col0 + 16u]; }
  if (row0 + 17u < p.batch && col0 + 32u < N) { out[(row0 + 17u) * N + col0 + 32u] = acc17_0[2] + b[col0 + 32u]; }
  if (row0 + 17u < p.batch && col0 + 48u < N) { out[(row0 + 17u) * N + col0 + 48u] = acc17_0[3] + b[col0 + 48u]; }
  if (row0 + 18u < p.batch && col0 + 0u < N) { out[(row0 + 18u) * N + col0 + 0u] = acc18_0[0] + b[col0 + 0u]; }
  if (row0 + 18u < p.batch && col0 + 16u < N) { out[(row0 + 18u) * N + col0 + 16u] = acc18_0[1] + b[col0 + 16u]; }
  if (row0 + 18u < p.batch && col0 + 32u < N) { out[(row0 + 18u) * N + col0 + 32u] = acc18_0[2] + b[col0 + 32u]; }
  if (row0 + 18u < p.batch && col0 + 48u < N) { out[(row0 + 18u) * N + col0 + 48u] = acc18_0[3] + b[col0 + 48u]; }
  if (row0 + 19u < p.batch && col0 + 0u < N) { out[(row0 + 19u) * N + col0 + 0u] = acc19_0[0] + b[col0 + 0u]; }
  if (row0 + 19u < p.batch && col0 + 16u < N) { out[(row0 + 19u) * N + col0 + 16u] = acc19_0[1] + b[col0 + 16u]; }
  if (row0 + 19u < p.batch && col0 + 32u < N) { out[(row0 + 19u) * N + col0 + 32u] = acc19_0[2] + b[col0 + 32u]; }
  if (row0 + 19u < p.batch && col0 + 48u < N) { out[(row0 + 19u) * N + col0 + 48u] = acc19_0[3] + b[col0 + 48u]; }
  if (row0 + 20u < p.batch && col0 + 0u < N) { out[(row0 + 20u) * N + col0 + 0u] = acc20_0[0] + b[col0 + 0u]; }
  if (row0 + 20u < p.batch && col0 + 16u < N) { out[(row0 + 20u) * N + col0 + 16u] = acc20_0[1] + b[col0 + 16u]; }
  if (row0 + 20u < p.batch && col0 + 32u < N) { out[(row0 + 20u) * N + col0 + 32u] = acc20_0[2] + b[col0 + 32u]; }
  if (row0 + 20u < p.batch && col0 + 48u < N) { out[(row0 + 20u) * N + col0 + 48u] = acc20_0[3] + b[col0 + 48u]; }
  if (row0 + 21u < p.batch && col0 + 0u < N) { out[(row0 + 21u) * N + col0 + 0u] = acc21_0[0] + b[col0 + 0u]; }
  if (row0 + 21u < p.batch && col0 + 16u < N) { out[(row0 + 21u) * N + col0 + 16u] = acc21_0[1] + b[col0 + 16u]; }
  if (row0 + 21u < p.batch && col0 + 32u < N) { out[(row0 + 21u) * N + col0 + 32u] = acc21_0[2] + b[col0 + 32u]; }
  if (row0 + 21u < p.batch && col0 + 48u < N) { out[(row0 + 21u) * N + col0 + 48u] = acc21_0[3] + b[col0 + 48u]; }
  if (row0 + 22u < p.batch && col0 + 0u < N) { out[(row0 + 22u) * N + col0 + 0u] = acc22_0[0] + b[col0 + 0u]; }
  if (row0 + 22u < p.batch && col0 + 16u < N) { out[(row0 + 22u) * N + col0 + 16u] = acc22_0[1] + b[col0 + 16u]; }
  if (row0 + 22u < p.batch && col0 + 32u < N) { out[(row0 + 22u) * N + col0 + 32u] = acc22_0[2] + b[col0 + 32u]; }
  if (row0 + 22u < p.batch && col0 + 48u < N) { out[(row0 + 22u) * N + col0 + 48u] = acc22_0[3] + b[col0 + 48u]; }
  if (row0 + 23u < p.batch && col0 + 0u < N) { out[(row0 + 23u) * N + col0 + 0u] = acc23_0[0] + b[col0 + 0u]; }
  if (row0 + 23u < p.batch && col0 + 16u < N) { out[(row0 + 23u) * N + col0 + 16u] = acc23_0[1] + b[col0 + 16u]; }
  if (row0 + 23u < p.batch && col0 + 32u < N) { out[(row0 + 23u) * N + col0 + 32u] = acc23_0[2] + b[col0 + 32u]; }
  if (row0 + 23u < p.batch && col0 + 48u < N) { out[(row0 + 23u) * N + col0 + 48u] = acc23_0[3] + b[col0 + 48u]; }
  if (row0 + 24u < p.batch && col0 + 0u < N) { out[(row0 + 24u) * N + col0 + 0u] = acc24_0[0] + b[col0 + 0u]; }
  if (row0 + 24u < p.batch && col0 + 16u < N) { out[(row0 + 24u) * N + col0 + 16u] = acc24_0[1] + b[col0 + 16u]; }
  if (row0 + 24u < p.batch && col0 + 32u < N) { out[(row0 + 24u) * N + col0 + 32u] = acc24_0[2] + b[col0 + 32u]; }
  if (row0 + 24u < p.batch && col0 + 48u < N) { out[(row0 + 24u) * N + col0 + 48u] = acc24_0[3] + b[col0 + 48u]; }
  if (row0 + 25u < p.batch && col0 + 0u < N) { out[(row0 + 25u) * N + col0 + 0u] = acc25_0[0] + b[col0 + 0u]; }
  if (row0 + 25u < p.batch && col0 + 16u < N) { out[(row0 + 25u) * N + col0 + 16u] = acc25_0[1] + b[col0 + 16u]; }
  if (row0 + 25u < p.batch && col0 + 32u < N) { out[(row0 + 25u) * N + col0 + 32u] = acc25_0[2] + b[col0 + 32u]; }
  if (row0 + 25u < p.batch && col0 + 48u < N) { out[(row0 + 25u) * N + col0 + 48u] = acc25_0[3] + b[col0 + 48u]; }
  if (row0 + 26u < p.batch && col0 + 0u < N) { out[(row0 + 26u) * N + col0 + 0u] = acc26_0[0] + b[col0 + 0u]; }
  if (row0 + 26u < p.batch && col0 + 16u < N) { out[(row0 + 26u) * N + col0 + 16u] = acc26_0[1] + b[col0 + 16u]; }
  if (row0 + 26u < p.batch && col0 + 32u < N) { out[(row0 + 26u) * N + col0 + 32u] = acc26_0[2] + b[col0 + 32u]; }
  if (row0 + 26u < p.batch && col0 + 48u < N) { out[(row0 + 26u) * N + col0 + 48u] = acc26_0[3] + b[col0 + 48u]; }
  if (row0 + 27u < p.batch && col0 + 0u < N) { out[(row0 + 27u) * N + col0 + 0u] = acc27_0[0] + b[col0 + 0u]; }
  if (row0 + 27u < p.batch && col0 + 16u < N) { out[(row0 + 27u) * N + col0 + 16u] = acc27_0[1] + b[col0 + 16u]; }
  if (row0 + 27u < p.batch && col0 + 32u < N) { out[(row0 + 27u) * N + col0 + 32u] = acc27_0[2] + b[col0 + 32u]; }
  if (row0 + 27u < p.batch && col0 + 48u < N) { out[(row0 + 27u) * N + col0 + 48u] = acc27_0[3] + b[col0 + 48u]; }
  if (row0 + 28u < p.batch && col0 + 0u < N) { out[(row0 + 28u) * N + col0 + 0u] = acc28_0[0] + b[col0 + 0u]; }
  if (row0 + 28u < p.batch && col0 + 16u < N) { out[(row0 + 28u) * N + col0 + 16u] = acc28_0[1] + b[col0 + 16u]; }
  if (row0 + 28u < p.batch && col0 + 32u < N) { out[(row0 + 28u) * N + col0 + 32u] = acc28_0[2] + b[col0 + 32u]; }
  if (row0 + 28u < p.batch && col0 + 48u < N) { out[(row0 + 28u) * N + col0 + 48u] = acc28_0[3] + b[col0 + 48u]; }
  if (row0 + 29u < p.batch && col0 + 0u < N) { out[(row0 + 29u) * N + col0 + 0u] = acc29_0[0] + b[col0 + 0u]; }
  if (row0 + 29u < p.batch && col0 + 16u < N) { out[(row0 + 29u) * N + col0 + 16u] = acc29_0[1] + b[col0 + 16u]; }
  if (row0 + 29u < p.batch && col0 + 32u < N) { out[(row0 + 29u) * N + col0 + 32u] = acc29_0[2] + b[col0 + 32u]; }
  if (row0 + 29u < p.batch && col0 + 48u < N) { out[(row0 + 29u) * N + col0 + 48u] = acc29_0[3] + b[col0 + 48u]; }
  if (row0 + 30u < p.batch && col0 + 0u < N) { out[(row0 + 30u) * N + col0 + 0u] = acc30_0[0] + b[col0 + 0u]; }
  if (row0 + 30u < p.batch && col0 + 16u < N) { out[(row0 + 30u) * N + col0 + 16u] = acc30_0[1] + b[col0 + 16u]; }
  if (row0 + 30u < p.batch && col0 + 32u < N) { out[(row0 + 30u) * N + col0 + 32u] = acc30_0[2] + b[col0 + 32u]; }
  if (row0 + 30u < p.batch && col0 + 48u < N) { out[(row0 + 30u) * N + col0 + 48u] = acc30_0[3] + b[col0 + 48u]; }
  if (row0 + 31u < p.batch && col0 + 0u < N) { out[(row0 + 31u) * N + col0 + 0u] = acc31_0[0] + b[col0 + 0u]; }
  if (row0 + 31u < p.batch && col0 + 16u < N) { out[(row0 + 31u) * N + col0 + 16u] = acc31_0[1] + b[col0 + 16u]; }
  if (row0 + 31u < p.batch && col0 + 32u < N) { out[(row0 + 31u) * N + col0 + 32u] = acc31_0[2] + b[col0 + 32u]; }
  if (row0 + 31u < p.batch && col0 + 48u < N) { out[(row0 + 31u) * N + col0 + 48u] = acc31_0[3] + b[col0 + 48u]; }
}

@compute @workgroup_size(16, 4)
fn r16c8u1(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let K = p.in_features; let N = p.out_features;
  let col0 = wg.x * 128u + lid.x;
  let row0 = wg.y * 64u + lid.y * 16u;
  let c0 = min(col0 + 0u, N - 1u);
  let c1 = min(col0 + 16u, N - 1u);
  let c2 = min(col0 + 32u, N - 1u);
  let c3 = min(col0 + 48u, N - 1u);
  let c4 = min(col0 + 64u, N - 1u);
  let c5 = min(col0 + 80u, N - 1u);
  let c6 = min(col0 + 96u, N - 1u);
  let c7 = min(col0 + 112u, N - 1u);
  let r0 = min(row0 + 0u, p.batch - 1u) * K;
  let r1 = min(row0 + 1u, p.batch - 1u) * K;
  let r2 = min(row0 + 2u, p.batch - 1u) * K;
  let r3 = min(row0 + 3u, p.batch - 1u) * K;
  let r4 = min(row0 + 4u, p.batch - 1u) * K;
  let r5 = min(row0 + 5u, p.batch - 1u) * K;
  let r6 = min(row0 + 6u, p.batch - 1u) * K;
  let r7 = min(row0 + 7u, p.batch - 1u) * K;
  let r8 = min(row0 + 8u, p.batch - 1u) * K;
  let r9 = min(row0 + 9u, p.batch - 1u) * K;
  let r10 = min(row0 + 10u, p.batch - 1u) * K;
  let r11 = min(row0 + 11u, p.batch - 1u) * K;
  let r12 = min(row0 + 12u, p.batch - 1u) * K;
  let r13 = min(row0 + 13u, p.batch - 1u) * K;
  let r14 = min(row0 + 14u, p.batch - 1u) * K;
  let r15 = min(row0 + 15u, p.batch - 1u) * K;
  var acc0_0: vec4<f32>;
  var acc0_1: vec4<f32>;
  var acc1_0: vec4<f32>;
  var acc1_1: vec4<f32>;
  var acc2_0: vec4<f32>;
  var acc2_1: vec4<f32>;
  var acc3_0: vec4<f32>;
  var acc3_1: vec4<f32>;
  var acc4_0: vec4<f32>;
  var acc4_1: vec4<f32>;
  var acc5_0: vec4<f32>;
  var acc5_1: vec4<f32>;
  var acc6_0: vec4<f32>;
  var acc6_1: vec4<f32>;
  var acc7_0: vec4<f32>;
  var acc7_1: vec4<f32>;
  var acc8_0: vec4<f32>;
  var acc8_1: vec4<f32>;
  var acc9_0: vec4<f32>;
  var acc9_1: vec4<f32>;
  var acc10_0: vec4<f32>;
  var acc10_1: vec4<f32>;
  var acc11_0: vec4<f32>;
  var acc11_1: vec4<f32>;
  var acc12_0: vec4<f32>;
  var acc12_1: vec4<f32>;
  var acc13_0: vec4<f32>;
  var acc13_1: vec4<f32>;
  var acc14_0: vec4<f32>;
  var acc14_1: vec4<f32>;
  var acc15_0: vec4<f32>;
  var acc15_1: vec4<f32>;
  var k = 0u;
  let k_end = K - K % 1u;
  for (; k < k_end; k += 1u) {
    let wrow0 = (k + 0u) * N;
    let b0_0 = vec4(w[wrow0 + c0], w[wrow0 + c1], w[wrow0 + c2], w[wrow0 + c3]);
    let b0_1 = vec4(w[wrow0 + c4], w[wrow0 + c5], w[wrow0 + c6], w[wrow0 + c7]);
    let a0_0 = x[r0 + k + 0u];
    acc0_0 += a0_0 * b0_0;
    acc0_1 += a0_0 * b0_1;
    let a0_1 = x[r1 + k + 0u];
    acc1_0 += a0_1 * b0_0;
    acc1_1 += a0_1 * b0_1;
    let a0_2 = x[r2 + k + 0u];
    acc2_0 += a0_2 * b0_0;
    acc2_1 += a0_2 * b0_1;
    let a0_3 = x[r3 + k + 0u];
    acc3_0 += a0_3 * b0_0;
    acc3_1 += a0_3 * b0_1;
    let a0_4 = x[r4 + k + 0u];
    acc4_0 += a0_4 * b0_0;
    acc4_1 += a0_4 * b0_1;
    let a0_5 = x[r5 + k + 0u];
    acc5_0 += a0_5 * b0_0;
    acc5_1 += a0_5 * b0_1;
    let a0_6 = x[r6 + k + 0u];
    acc6_0 += a0_6 * b0_0;
    acc6_1 += a0_6 * b0_1;
    let a0_7 = x[r7 + k + 0u];
    acc7_0 += a0_7 * b0_0;
    acc7_1 += a0_7 * b0_1;
    let a0_8 = x[r8 + k + 0u];
    acc8_0 += a0_8 * b0_0;
    acc8_1 += a0_8 * b0_1;
    let a0_9 = x[r9 + k + 0u];
    acc9_0 += a0_9 * b0_0;
    acc9_1 += a0_9 * b0_1;
    let a0_10 = x[r10 + k + 0u];
    acc10_0 += a0_10 * b0_0;
    acc10_1 += a0_10 * b0_1;
    let a0_11 = x[r11 + k + 0u];
    acc11_0 += a0_11 * b0_0;
    acc11_1 += a0_11 * b0_1;
    let a0_12 = x[r12 + k + 0u];
    acc12_0 += a0_12 * b0_0;
    acc12_1 += a0_12 * b0_1;
    let a0_13 = x[r13 + k + 0u];
    acc13_0 += a0_13 * b0_0;
    acc13_1 += a0_13 * b0_1;
    let a0_14 = x[r14 + k + 0u];
    acc14_0 += a0_14 * b0_0;
    acc14_1 += a0_14 * b0_1;
    let a0_15 = x[r15 + k + 0u];
    acc15_0 += a0_15 * b0_0;
    acc15_1 += a0_15 * b0_1;
  }
  for (; k < K; k++) {
    let wrow = k * N;
    let bb_0 = vec4(w[wrow + c0], w[wrow + c1], w[wrow + c2], w[wrow + c3]);
    let bb_1 = vec4(w[wrow + c4], w[wrow + c5], w[wrow + c6], w[wrow + c7]);
    acc0_0 += x[r0 + k] * bb_0;
    acc0_1 += x[r0 + k] * bb_1;
    acc1_0 += x[r1 + k] * bb_0;
    acc1_1 += x[r1 + k] * bb_1;
    acc2_0 += x[r2 + k] * bb_0;
    acc2_1 += x[r2 + k] * bb_1;
    acc3_0 += x[r3 + k] * bb_0;
    acc3_1 += x[r3 + k] * bb_1;
    acc4_0 += x[r4 + k] * bb_0;
    acc4_1 += x[r4 + k] * bb_1;
    acc5_0 += x[r5 + k] * bb_0;
    acc5_1 += x[r5 + k] * bb_1;
    acc6_0 += x[r6 + k] * bb_0;
    acc6_1 += x[r6 + k] * bb_1;
    acc7_0 += x[r7 + k] * bb_0;
    acc7_1 += x[r7 + k] * bb_1;
    acc8_0 += x[r8 + k] * bb_0;
    acc8_1 += x[r8 + k] * bb_1;
    acc9_0 += x[r9 + k] * bb_0;
    acc9_1 += x[r9 + k] * bb_1;
    acc10_0 += x[r10 + k] * bb_0;
    acc10_1 += x[r10 + k] * bb_1;
    acc11_0 += x[r11 + k] * bb_0;
    acc11_1 += x[r11 + k] * bb_1;
    acc12_0 += x[r12 + k] * bb_0;
    acc12_1 += x[r12 + k] * bb_1;
    acc13_0 += x[r13 + k] * bb_0;
    acc13_1 += x[r13 + k] * bb_1;
    acc14_0 += x[r14 + k] * bb_0;
    acc14_1 += x[r14 + k] * bb_1;
    acc15_0 += x[r15 + k] * bb_0;
    acc15_1 += x[r15 + k] * bb_1;
  }
  if (row0 + 0u < p.batch && col0 + 0u < N) { out[(row0 + 0u) * N + col0 + 0u] = acc0_0[0] + b[col0 + 0u]; }
  if (row0 + 0u < p.batch && col0 + 16u < N) { out[(row0 + 0u) * N + col0 + 16u] = acc0_0[1] + b[col0 + 16u]; }
  if (row0 + 0u < p.batch && col0 + 32u < N) { out[(row0 + 0u) * N + col0 + 32u] = acc0_0[2] + b[col0 + 32u]; }
  if (row0 + 0u < p.batch && col0 + 48u < N) { out[(row0 + 0u) * N + col0 + 48u] = acc0_0[3] + b[col0 + 48u]; }
  if (row0 + 0u < p.batch && col0 + 64u < N) { out[(row0 + 0u) * N + col0 + 64u] = acc0_1[0] + b[col0 + 64u]; }
  if (row0 + 0u < p.batch && col0 + 80u < N) { out[(row0 + 0u) * N + col0 + 80u] = acc0_1[1] + b[col0 + 80u]; }
  if (row0 + 0u < p.batch && col0 + 96u < N) { out[(row0 + 0u) * N + col0 + 96u] = acc0_1[2] + b[col0 + 96u]; }
  if (row0 + 0u < p.batch && col0 + 112u < N) { out[(row0 + 0u) * N + col0 + 112u] = acc0_1[3] + b[col0 + 112u]; }
  if (row0 + 1u < p.batch && col0 + 0u < N) { out[(row0 + 1u) * N + col0 + 0u] = acc1_0[0] + b[col0 + 0u]; }
  if (row0 + 1u < p.batch && col0 + 16u < N) { out[(row0 + 1u) * N + col0 + 16u] = acc1_0[1] + b[col0 + 16u]; }
  if (row0 + 1u < p.batch && col0 + 32u < N) { out[(row0 + 1u) * N + col0 + 32u] = acc1_0[2] + b[col0 + 32u]; }
  if (row0 + 1u < p.batch && col0 + 48u < N) { out[(row0 + 1u) * N + col0 + 48u] = acc1_0[3] + b[col0 + 48u]; }
  if (row0 + 1u < p.batch && col0 + 64u < N) { out[(row0 + 1u) * N + col0 + 64u] = acc1_1[0] + b[col0 + 64u]; }
  if (row0 + 1u < p.batch && col0 + 80u < N) { out[(row0 + 1u) * N + col0 + 80u] = acc1_1[1] + b[col0 + 80u]; }
  if (row0 + 1u < p.batch && col0 + 96u < N) { out[(row0 + 1u) * N + col0 + 96u] = acc1_1[2] + b[col0 + 96u]; }
  if (row0 + 1u < p.batch && col0 + 112u < N) { out[(row0 + 1u) * N + col0 + 112u] = acc1_1[3] + b[col0 + 112u]; }
  if (row0 + 2u < p.batch && col0 + 0u < N) { out[(row0 + 2u) * N + col0 + 0u] = acc2_0[0] + b[col0 + 0u]; }
  if (row0 + 2u < p.batch && col0 + 16u < N) { out[(row0 + 2u) * N + col0 + 16u] = acc2_0[1] + b[col0 + 16u]; }
  if (row0 + 2u < p.batch && col0 + 32u < N) { out[(row0 + 2u) * N + col0 + 32u] = acc2_0[2] + b[col0 + 32u]; }
  if (row0 + 2u < p.batch && col0 + 48u < N) { out[(row0 + 2u) * N + col0 + 48u] = acc2_0[3] + b[col0 + 48u]; }
  if (row0 + 2u < p.batch && col0 + 64u < N) { out[(row0 + 2u) * N + col0 + 64u] = acc2_1[0] + b[col0 + 64u]; }
  if (row0 + 2u < p.batch && col0 + 80u < N) { out[(row0 + 2u) * N + col0 + 80u] = acc2_1[1] + b[col0 + 80u]; }
  if (row0 + 2u < p.batch && col0 + 96u < N) { out[(row0 + 2u) * N + col0 + 96u] = acc2_1[2] + b[col0 + 96u]; }
  if (row0 + 2u < p.batch && col0 + 112u < N) { out[(row0 + 2u) * N + col0 + 112u] = acc2_1[3] + b[col0 + 112u]; }
  if (row0 + 3u < p.batch && col0 + 0u < N) { out[(row0 + 3u) * N + col0 + 0u] = acc3_0[0] + b[col0 + 0u]; }
  if (row0 + 3u < p.batch && col0 + 16u < N) { out[(row0 + 3u) * N + col0 + 16u] = acc3_0[1] + b[col0 + 16u]; }
  if (row0 + 3u < p.batch && col0 + 32u < N) { out[(row0 + 3u) * N + col0 + 32u] = acc3_0[2] + b[col0 + 32u]; }
  if (row0 + 3u < p.batch && col0 + 48u < N) { out[(row0 + 3u) * N + col0 + 48u] = acc3_0[3] + b[col0 + 48u]; }
  if (row0 + 3u < p.batch && col0 + 64u < N) { out[(row0 + 3u) * N + col0 + 64u] = acc3_1[0] + b[col0 + 64u]; }
  if (row0 + 3u < p.batch && col0 + 80u < N) { out[(row0 + 3u) * N + col0 + 80u] = acc3_1[1] + b[col0 + 80u]; }
  if (row0 + 3u < p.batch && col0 + 96u < N) { out[(row0 + 3u) * N + col0 + 96u] = acc3_1[2] + b[col0 + 96u]; }
  if (row0 + 3u < p.batch && col0 + 112u < N) { out[(row0 + 3u) * N + col0 + 112u] = acc3_1[3] + b[col0 + 112u]; }
  if (row0 + 4u < p.batch && col0 + 0u < N) { out[(row0 + 4u) * N + col0 + 0u] = acc4_0[0] + b[col0 + 0u]; }
  if (row0 + 4u < p.batch && col0 + 16u < N) { out[(row0 + 4u) * N + col0 + 16u] = acc4_0[1] + b[col0 + 16u]; }
  if (row0 + 4u < p.batch && col0 + 32u < N) { out[(row0 + 4u) * N + col0 + 32u] = acc4_0[2] + b[col0 + 32u]; }
  if (row0 + 4u < p.batch && col0 + 48u < N) { out[(row0 + 4u) * N + col0 + 48u] = acc4_0[3] + b[col0 + 48u]; }
  if (row0 + 4u < p.batch && col0 + 64u < N) { out[(row0 + 4u) * N + col0 + 64u] = acc4_1[0] + b[col0 + 64u]; }
  if (row0 + 4u < p.batch && col0 + 80u < N) { out[(row0 + 4u) * N + col0 + 80u] = acc4_1[1] + b[col0 + 80u]; }
  if (row0 + 4u < p.batch && col0 + 96u < N) { out[(row0 + 4u) * N + col0 + 96u] = acc4_1[2] + b[col0 + 96u]; }
  if (row0 + 4u < p.batch && col0 + 112u < N) { out[(row0 + 4u) * N + col0 + 112u] = acc4_1[3] + b[col0 + 112u]; }
  if (row0 + 5u < p.batch && col0 + 0u < N) { out[(row0 + 5u) * N + col0 + 0u] = acc5_0[0] + b[col0 + 0u]; }
  if (row0 + 5u < p.batch && col0 + 16u < N) { out[(row0 + 5u) * N + col0 + 16u] = acc5_0[1] + b[col0 + 16u]; }
  if (row0 + 5u < p.batch && col0 + 32u < N) { out[(row0 + 5u) * N + col0 + 32u] = acc5_0[2] + b[col0 + 32u]; }
  if (row0 + 5u < p.batch && col0 + 48u < N) { out[(row0 + 5u) * N + col0 + 48u] = acc5_0[3] + b[col0 + 48u]; }
  if (row0 + 5u < p.batch && col0 + 64u < N) { out[(row0 + 5u) * N + col0 + 64u] = acc5_1[0] + b[col0 + 64u]; }
  if (row0 + 5u < p.batch && col0 + 80u < N) { out[(row0 + 5u) * N + col0 + 80u] = acc5_1[1] + b[col0 + 80u]; }
  if (row0 + 5u < p.batch && col0 + 96u < N) { out[(row0 + 5u) * N + col0 + 96u] = acc5_1[2] + b[col0 + 96u]; }
  if (row0 + 5u < p.batch && col0 + 112u < N) { out[(row0 + 5u) * N + col0 + 112u] = acc5_1[3] + b[col0 + 112u]; }
  if (row0 + 6u < p.batch && col0 + 0u < N) { out[(row0 + 6u) * N + col0 + 0u] = acc6_0[0] + b[col0 + 0u]; }
  if (row0 + 6u < p.batch && col0 + 16u < N) { out[(row0 + 6u) * N + col0 + 16u] = acc6_0[1] + b[col0 + 16u]; }
  if (row0 + 6u < p.batch && col0 + 32u < N) { out[(row0 + 6u) * N + col0 + 32u] = acc6_0[2] + b[col0 + 32u]; }
  if (row0 + 6u < p.batch && col0 + 48u < N) { out[(row0 + 6u) * N + col0 + 48u] = acc6_0[3] + b[col0 + 48u]; }
  if (row0 + 6u < p.batch && col0 + 64u < N) { out[(row0 + 6u) * N + col0 + 64u] = acc6_1[0] + b[col0 + 64u]; }
  if (row0 + 6u < p.batch && col0 + 80u < N) { out[(row0 + 6u) * N + col0 + 80u] = acc6_1[1] + b[col0 + 80u]; }
  if (row0 + 6u < p.batch && col0 + 96u < N) { out[(row0 + 6u) * N + col0 + 96u] = acc6_1[2] + b[col0 + 96u]; }
  if (row0 + 6u < p.batch && col0 + 112u < N) { out[(row0 + 6u) * N + col0 + 112u] = acc6_1[3] + b[col0 + 112u]; }
  if (row0 + 7u < p.batch && col0 + 0u < N) { out[(row0 + 7u) * N + col0 + 0u] = acc7_0[0] + b[col0 + 0u]; }
  if (row0 + 7u < p.batch && col0 + 16u < N) { out[(row0 + 7u) * N + col0 + 16u] = acc7_0[1] + b[col0 + 16u]; }
  if (row0 + 7u < p.batch && col0 + 32u < N) { out[(row0 + 7u) * N + col0 + 32u] = acc7_0[2] + b[col0 + 32u]; }
  if (row0 + 7u < p.batch && col0 + 48u < N) { out[(row0 + 7u) * N + col0 + 48u] = acc7_0[3] + b[col0 + 48u]; }
  if (row0 + 7u < p.batch && col0 + 64u < N) { out[(row0 + 7u) * N + col0 + 64u] = acc7_1[0] + b[col0 + 64u]; }
  if (row0 + 7u < p.batch && col0 + 80u < N) { out[(row0 + 7u) * N + col0 + 80u] = acc7_1[1] + b[col0 + 80u]; }
  if (row0 + 7u < p.batch && col0 + 96u < N) { out[(row0 + 7u) * N + col0 + 96u] = acc7_1[2] + b[col0 + 96u]; }
  if (row0 + 7u < p.batch && col0 + 112u < N) { out[(row0 + 7u) * N + col0 + 112u] = acc7_1[3] + b[col0 + 112u]; }
  if (row0 + 8u < p.batch && col0 + 0u < N) { out[(row0 + 8u) * N + col0 + 0u] = acc8_0[0] + b[col0 + 0u]; }
  if (row0 + 8u < p.batch && col0 + 16u < N) { out[(row0 + 8u) * N + col0 + 16u] = acc8_0[1] + b[col0 + 16u]; }
  if (row0 + 8u < p.batch && col0 + 32u < N) { out[(row0 + 8u) * N + col0 + 32u] = acc8_0[2] + b[col0 + 32u]; }
  if (row0 + 8u < p.batch && col0 + 48u < N) { out[(row0 + 8u) * N + col0 + 48u] = acc8_0[3] + b[col0 + 48u]; }
  if (row0 + 8u < p.batch && col0 + 64u < N) { out[(row0 + 8u) * N + col0 + 64u] = acc8_1[0] + b[col0 + 64u]; }
  if (row0 + 8u < p.batch && col0 + 80u < N) { out[(row0 + 8u) * N + col0 + 80u] = acc8_1[1] + b[col0 + 80u]; }
  if (row0 + 8u < p.batch && col0 + 96u < N) { out[(row0 + 8u) * N + col0 + 96u] = acc8_1[2] + b[col0 + 96u]; }
  if (row0 + 8u < p.batch && col0 + 112u < N) { out[(row0 + 8u) * N + col0 + 112u] = acc8_1[3] + b[col0 + 112u]; }
  if (row0 + 9u < p.batch && col0 + 0u < N) { out[(row0 + 9u) * N + col0 + 0u] = acc9_0[0] + b[col0 + 0u]; }
  if (row0 + 9u < p.batch && col0 + 16u < N) { out[(row0 + 9u) * N + col0 + 16u] = acc9_0[1] + b[col0 + 16u]; }
  if (row0 + 9u < p.batch && col0 + 32u < N) { out[(row0 + 9u) * N + col0 + 32u] = acc9_0[2] + b[col0 + 32u]; }
  if (row0 + 9u < p.batch && col0 + 48u < N) { out[(row0 + 9u) * N + col0 + 48u] = acc9_0[3] + b[col0 + 48u]; }
  if (row0 + 9u < p.batch && col0 + 64u < N) { out[(row0 + 9u) * N + col0 + 64u] = acc9_1[0] + b[col0 + 64u]; }
  if (row0 + 9u < p.batch && col0 + 80u < N) { out[(row0 + 9u) * N + col0 + 80u] = acc9_1[1] + b[col0 + 80u]; }
  if (row0 + 9u < p.batch && col0 + 96u < N) { out[(row0 + 9u) * N + col0 + 96u] = acc9_1[2] + b[col0 + 96u]; }
  if (row0 + 9u < p.batch && col0 + 112u < N) { out[(row0 + 9u) * N + col0 + 112u] = acc9_1[3] + b[col0 + 112u]; }
  if (row0 + 10u < p.batch && col0 + 0u < N) { out[(row0 + 10u) * N + col0 + 0u] = acc10_0[0] + b[col0 + 0u]; }
  if (row0 + 10u < p.batch && col0 + 16u < N) { out[(row0 + 10u) * N + col0 + 16u] = acc10_0[1] + b[col0 + 16u]; }
  if (row0 + 10u < p.batch && col0 + 32u < N) { out[(row0 + 10u) * N + col0 + 32u] = acc10_0[2] + b[col0 + 32u]; }
  if (row0 + 10u < p.batch && col0 + 48u < N) { out[(row0 + 10u) * N + col0 + 48u] = acc10_0[3] + b[col0 + 48u]; }
  if (row0 + 10u < p.batch && col0 + 64u < N) { out[(row0 + 10u) * N + col0 + 64u] = acc10_1[0] + b[col0 + 64u]; }
  if (row0 + 10u < p.batch && col0 + 80u < N) { out[(row0 + 10u) * N + col0 + 80u] = acc10_1[1] + b[col0 + 80u]; }
  if (row0 + 10u < p.batch && col0 + 96u < N) { out[(row0 + 10u) * N + col0 + 96u] = acc10_1[2] + b[col0 + 96u]; }
  if (row0 + 10u < p.batch && col0 + 112u < N) { out[(row0 + 10u) * N + col0 + 112u] = acc10_1[3] + b[col0 + 112u]; }
  if (row0 + 11u < p.batch && col0 + 0u < N) { out[(row0 + 11u) * N + col0 + 0u] = acc11_0[0] + b[col0 + 0u]; }
  if (row0 + 11u < p.batch && col0 + 16u < N) { out[(row0 + 11u) * N + col0 + 16u] = acc11_0[1] + b[col0 + 16u]; }
  if (row0 + 11u < p.batch && col0 + 32u < N) { out[(row0 + 11u) * N + col0 + 32u] = acc11_0[2] + b[col0 + 32u]; }
  if (row0 + 11u < p.batch && col0 + 48u < N) { out[(row0 + 11u) * N + col0 + 48u] = acc11_0[3] + b[col0 + 48u]; }
  if (row0 + 11u < p.batch && col0 + 64u < N) { out[(row0 + 11u) * N + col0 + 64u] = acc11_1[0] + b[col0 + 64u]; }
  if (row0 + 11u < p.batch && col0 + 80u < N) { out[(row0 + 11u) * N + col0 + 80u] = acc11_1[1] + b[col0 + 80u]; }
  if (row0 + 11u < p.batch && col0 + 96u < N) { out[(row0 + 11u) * N + col0 + 96u] = acc11_1[2] + b[col0 + 96u]; }
  if (row0 + 11u < p.batch && col0 + 112u < N) { out[(row0 + 11u) * N + col0 + 112u] = acc11_1[3] + b[col0 + 112u]; }
  if (row0 + 12u < p.batch && col0 + 0u < N) { out[(row0 + 12u) * N + col0 + 0u] = acc12_0[0] + b[col0 + 0u]; }
  if (row0 + 12u < p.batch && col0 + 16u < N) { out[(row0 + 12u) * N + col0 + 16u] = acc12_0[1] + b[col0 + 16u]; }
  if (row0 + 12u < p.batch && col0 + 32u < N) { out[(row0 + 12u) * N + col0 + 32u] = acc12_0[2] + b[col0 + 32u]; }
  if (row0 + 12u < p.batch && col0 + 48u < N) { out[(row0 + 12u) * N + col0 + 48u] = acc12_0[3] + b[col0 + 48u]; }
  if (row0 + 12u < p.batch && col0 + 64u < N) { out[(row0 + 12u) * N + col0 + 64u] = acc12_1[0] + b[col0 + 64u]; }
  if (row0 + 12u < p.batch && col0 + 80u < N) { out[(row0 + 12u) * N + col0 + 80u] = acc12_1[1] + b[col0 + 80u]; }
  if (row0 + 12u < p.batch && col0 + 96u < N) { out[(row0 + 12u) * N + col0 + 96u] = acc12_1[2] + b[col0 + 96u]; }
  if (row0 + 12u < p.batch && col0 + 112u < N) { out[(row0 + 12u) * N + col0 + 112u] = acc12_1[3] + b[col0 + 112u]; }
  if (row0 + 13u < p.batch && col0 + 0u < N) { out[(row0 + 13u) * N + col0 + 0u] = acc13_0[0] + b[col0 + 0u]; }
  if (row0 + 13u < p.batch && col0 + 16u < N) { out[(row0 + 13u) * N + col0 + 16u] = acc13_0[1] + b[col0 + 16u]; }
  if (row0 + 13u < p.batch && col0 + 32u < N) { out[(row0 + 13u) * N + col0 + 32u] = acc13_0[2] + b[col0 + 32u]; }
  if (row0 + 13u < p.batch && col0 + 48u < N) { out[(row0 + 13u) * N + col0 + 48u] = acc13_0[3] + b[col0 + 48u]; }
  if (row0 + 13u < p.batch && col0 + 64u < N) { out[(row0 + 13u) * N + col0 + 64u] = acc13_1[0] + b[col0 + 64u]; }
  if (row0 + 13u < p.batch && col0 + 80u < N) { out[(row0 + 13u) * N + col0 + 80u] = acc13_1[1] + b[col0 + 80u]; }
  if (row0 + 13u < p.batch && col0 + 96u < N) { out[(row0 + 13u) * N + col0 + 96u] = acc13_1[2] + b[col0 + 96u]; }
  if (row0 + 13u < p.batch && col0 + 112u < N) { out[(row0 + 13u) * N + col0 + 112u] = acc13_1[3] + b[col0 + 112u]; }
  if (row0 + 14u < p.batch && col0 + 0u < N) { out[(row0 + 14u) * N + col0 + 0u] = acc14_0[0] + b[col0 + 0u]; }
  if (row0 + 14u < p.batch && col0 + 16u < N) { out[(row0 + 14u) * N + col0 + 16u] = acc14_0[1] + b[col0 + 16u]; }
  if (row0 + 14u < p.batch && col0 + 32u < N) { out[(row0 + 14u) * N + col0 + 32u] = acc14_0[2] + b[col0 + 32u]; }
  if (row0 + 14u < p.batch && col0 + 48u < N) { out[(row0 + 14u) * N + col0 + 48u] = acc14_0[3] + b[col0 + 48u]; }
  if (row0 + 14u < p.batch && col0 + 64u < N) { out[(row0 + 14u) * N + col0 + 64u] = acc14_1[0] + b[col0 + 64u]; }
  if (row0 + 14u < p.batch && col0 + 80u < N) { out[(row0 + 14u) * N + col0 + 80u] = acc14_1[1] + b[col0 + 80u]; }
  if (row0 + 14u < p.batch && col0 + 96u < N) { out[(row0 + 14u) * N + col0 + 96u] = acc14_1[2] + b[col0 + 96u]; }
  if (row0 + 14u < p.batch && col0 + 112u < N) { out[(row0 + 14u) * N + col0 + 112u] = acc14_1[3] + b[col0 + 112u]; }
  if (row0 + 15u < p.batch && col0 + 0u < N) { out[(row0 + 15u) * N + col0 + 0u] = acc15_0[0] + b[col0 + 0u]; }
  if (row0 + 15u < p.batch && col0 + 16u < N) { out[(row0 + 15u) * N + col0 + 16u] = acc15_0[1] + b[col0 + 16u]; }
  if (row0 + 15u < p.batch && col0 + 32u < N) { out[(row0 + 15u) * N + col0 + 32u] = acc15_0[2] + b[col0 + 32u]; }
  if (row0 + 15u < p.batch && col0 + 48u < N) { out[(row0 + 15u) * N + col0 + 48u] = acc15_0[3] + b[col0 + 48u]; }
  if (row0 + 15u < p.batch && col0 + 64u < N) { out[(row0 + 15u) * N + col0 + 64u] = acc15_1[0] + b[col0 + 64u]; }
  if (row0 + 15u < p.batch && col0 + 80u < N) { out[(row0 + 15u) * N + col0 + 80u] = acc15_1[1] + b[col0 + 80u]; }
  if (row0 + 15u < p.batch && col0 + 96u < N) { out[(row0 + 15u) * N + col0 + 96u] = acc15_1[2] + b[col0 + 96u]; }
  if (row0 + 15u < p.batch && col0 + 112u < N) { out[(row0 + 15u) * N + col0 + 112u] = acc15_1[3] + b[col0 + 112u]; }
}
