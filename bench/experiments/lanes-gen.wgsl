// Experiment: no workgroup memory; lanes take consecutive columns (sequential B loads), rows are shared by the
// lanes of a SIMD group (uniform A loads); out-of-range rows/cols are clamped for loads and not stored.
struct LinearParams { batch: u32, in_features: u32, out_features: u32, accumulate: u32, }
@group(0) @binding(0) var<uniform> p: LinearParams;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read> w: array<f32>;
@group(0) @binding(4) var<storage, read> b: array<f32>;

@compute @workgroup_size(16, 4)
fn r8c4u1(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let K = p.in_features; let N = p.out_features;
  let col0 = wg.x * 64u + lid.x;
  let row0 = wg.y * 32u + lid.y * 8u;
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
  var acc0: vec4<f32>;
  var acc1: vec4<f32>;
  var acc2: vec4<f32>;
  var acc3: vec4<f32>;
  var acc4: vec4<f32>;
  var acc5: vec4<f32>;
  var acc6: vec4<f32>;
  var acc7: vec4<f32>;
  var k = 0u;
  let k_end = K - K % 1u;
  for (; k < k_end; k += 1u) {
    let wrow0 = (k + 0u) * N;
    let b0 = vec4(w[wrow0 + c0], w[wrow0 + c1], w[wrow0 + c2], w[wrow0 + c3]);
    acc0 += x[r0 + k + 0u] * b0;
    acc1 += x[r1 + k + 0u] * b0;
    acc2 += x[r2 + k + 0u] * b0;
    acc3 += x[r3 + k + 0u] * b0;
    acc4 += x[r4 + k + 0u] * b0;
    acc5 += x[r5 + k + 0u] * b0;
    acc6 += x[r6 + k + 0u] * b0;
    acc7 += x[r7 + k + 0u] * b0;
  }
  for (; k < K; k++) {
    let wrow = k * N;
    let bb = vec4(w[wrow + c0], w[wrow + c1], w[wrow + c2], w[wrow + c3]);
    acc0 += x[r0 + k] * bb;
    acc1 += x[r1 + k] * bb;
    acc2 += x[r2 + k] * bb;
    acc3 += x[r3 + k] * bb;
    acc4 += x[r4 + k] * bb;
    acc5 += x[r5 + k] * bb;
    acc6 += x[r6 + k] * bb;
    acc7 += x[r7 + k] * bb;
  }
  if (row0 + 0u < p.batch && col0 + 0u < N) { out[(row0 + 0u) * N + col0 + 0u] = acc0[0] + b[col0 + 0u]; }
  if (row0 + 0u < p.batch && col0 + 16u < N) { out[(row0 + 0u) * N + col0 + 16u] = acc0[1] + b[col0 + 16u]; }
  if (row0 + 0u < p.batch && col0 + 32u < N) { out[(row0 + 0u) * N + col0 + 32u] = acc0[2] + b[col0 + 32u]; }
  if (row0 + 0u < p.batch && col0 + 48u < N) { out[(row0 + 0u) * N + col0 + 48u] = acc0[3] + b[col0 + 48u]; }
  if (row0 + 1u < p.batch && col0 + 0u < N) { out[(row0 + 1u) * N + col0 + 0u] = acc1[0] + b[col0 + 0u]; }
  if (row0 + 1u < p.batch && col0 + 16u < N) { out[(row0 + 1u) * N + col0 + 16u] = acc1[1] + b[col0 + 16u]; }
  if (row0 + 1u < p.batch && col0 + 32u < N) { out[(row0 + 1u) * N + col0 + 32u] = acc1[2] + b[col0 + 32u]; }
  if (row0 + 1u < p.batch && col0 + 48u < N) { out[(row0 + 1u) * N + col0 + 48u] = acc1[3] + b[col0 + 48u]; }
  if (row0 + 2u < p.batch && col0 + 0u < N) { out[(row0 + 2u) * N + col0 + 0u] = acc2[0] + b[col0 + 0u]; }
  if (row0 + 2u < p.batch && col0 + 16u < N) { out[(row0 + 2u) * N + col0 + 16u] = acc2[1] + b[col0 + 16u]; }
  if (row0 + 2u < p.batch && col0 + 32u < N) { out[(row0 + 2u) * N + col0 + 32u] = acc2[2] + b[col0 + 32u]; }
  if (row0 + 2u < p.batch && col0 + 48u < N) { out[(row0 + 2u) * N + col0 + 48u] = acc2[3] + b[col0 + 48u]; }
  if (row0 + 3u < p.batch && col0 + 0u < N) { out[(row0 + 3u) * N + col0 + 0u] = acc3[0] + b[col0 + 0u]; }
  if (row0 + 3u < p.batch && col0 + 16u < N) { out[(row0 + 3u) * N + col0 + 16u] = acc3[1] + b[col0 + 16u]; }
  if (row0 + 3u < p.batch && col0 + 32u < N) { out[(row0 + 3u) * N + col0 + 32u] = acc3[2] + b[col0 + 32u]; }
  if (row0 + 3u < p.batch && col0 + 48u < N) { out[(row0 + 3u) * N + col0 + 48u] = acc3[3] + b[col0 + 48u]; }
  if (row0 + 4u < p.batch && col0 + 0u < N) { out[(row0 + 4u) * N + col0 + 0u] = acc4[0] + b[col0 + 0u]; }
  if (row0 + 4u < p.batch && col0 + 16u < N) { out[(row0 + 4u) * N + col0 + 16u] = acc4[1] + b[col0 + 16u]; }
  if (row0 + 4u < p.batch && col0 + 32u < N) { out[(row0 + 4u) * N + col0 + 32u] = acc4[2] + b[col0 + 32u]; }
  if (row0 + 4u < p.batch && col0 + 48u < N) { out[(row0 + 4u) * N + col0 + 48u] = acc4[3] + b[col0 + 48u]; }
  if (row0 + 5u < p.batch && col0 + 0u < N) { out[(row0 + 5u) * N + col0 + 0u] = acc5[0] + b[col0 + 0u]; }
  if (row0 + 5u < p.batch && col0 + 16u < N) { out[(row0 + 5u) * N + col0 + 16u] = acc5[1] + b[col0 + 16u]; }
  if (row0 + 5u < p.batch && col0 + 32u < N) { out[(row0 + 5u) * N + col0 + 32u] = acc5[2] + b[col0 + 32u]; }
  if (row0 + 5u < p.batch && col0 + 48u < N) { out[(row0 + 5u) * N + col0 + 48u] = acc5[3] + b[col0 + 48u]; }
  if (row0 + 6u < p.batch && col0 + 0u < N) { out[(row0 + 6u) * N + col0 + 0u] = acc6[0] + b[col0 + 0u]; }
  if (row0 + 6u < p.batch && col0 + 16u < N) { out[(row0 + 6u) * N + col0 + 16u] = acc6[1] + b[col0 + 16u]; }
  if (row0 + 6u < p.batch && col0 + 32u < N) { out[(row0 + 6u) * N + col0 + 32u] = acc6[2] + b[col0 + 32u]; }
  if (row0 + 6u < p.batch && col0 + 48u < N) { out[(row0 + 6u) * N + col0 + 48u] = acc6[3] + b[col0 + 48u]; }
  if (row0 + 7u < p.batch && col0 + 0u < N) { out[(row0 + 7u) * N + col0 + 0u] = acc7[0] + b[col0 + 0u]; }
  if (row0 + 7u < p.batch && col0 + 16u < N) { out[(row0 + 7u) * N + col0 + 16u] = acc7[1] + b[col0 + 16u]; }
  if (row0 + 7u < p.batch && col0 + 32u < N) { out[(row0 + 7u) * N + col0 + 32u] = acc7[2] + b[col0 + 32u]; }
  if (row0 + 7u < p.batch && col0 + 48u < N) { out[(row0 + 7u) * N + col0 + 48u] = acc7[3] + b[col0 + 48u]; }
}

@compute @workgroup_size(16, 4)
fn r8c4u4(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let K = p.in_features; let N = p.out_features;
  let col0 = wg.x * 64u + lid.x;
  let row0 = wg.y * 32u + lid.y * 8u;
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
  var acc0: vec4<f32>;
  var acc1: vec4<f32>;
  var acc2: vec4<f32>;
  var acc3: vec4<f32>;
  var acc4: vec4<f32>;
  var acc5: vec4<f32>;
  var acc6: vec4<f32>;
  var acc7: vec4<f32>;
  var k = 0u;
  let k_end = K - K % 4u;
  for (; k < k_end; k += 4u) {
    let wrow0 = (k + 0u) * N;
    let b0 = vec4(w[wrow0 + c0], w[wrow0 + c1], w[wrow0 + c2], w[wrow0 + c3]);
    acc0 += x[r0 + k + 0u] * b0;
    acc1 += x[r1 + k + 0u] * b0;
    acc2 += x[r2 + k + 0u] * b0;
    acc3 += x[r3 + k + 0u] * b0;
    acc4 += x[r4 + k + 0u] * b0;
    acc5 += x[r5 + k + 0u] * b0;
    acc6 += x[r6 + k + 0u] * b0;
    acc7 += x[r7 + k + 0u] * b0;
    let wrow1 = (k + 1u) * N;
    let b1 = vec4(w[wrow1 + c0], w[wrow1 + c1], w[wrow1 + c2], w[wrow1 + c3]);
    acc0 += x[r0 + k + 1u] * b1;
    acc1 += x[r1 + k + 1u] * b1;
    acc2 += x[r2 + k + 1u] * b1;
    acc3 += x[r3 + k + 1u] * b1;
    acc4 += x[r4 + k + 1u] * b1;
    acc5 += x[r5 + k + 1u] * b1;
    acc6 += x[r6 + k + 1u] * b1;
    acc7 += x[r7 + k + 1u] * b1;
    let wrow2 = (k + 2u) * N;
    let b2 = vec4(w[wrow2 + c0], w[wrow2 + c1], w[wrow2 + c2], w[wrow2 + c3]);
    acc0 += x[r0 + k + 2u] * b2;
    acc1 += x[r1 + k + 2u] * b2;
    acc2 += x[r2 + k + 2u] * b2;
    acc3 += x[r3 + k + 2u] * b2;
    acc4 += x[r4 + k + 2u] * b2;
    acc5 += x[r5 + k + 2u] * b2;
    acc6 += x[r6 + k + 2u] * b2;
    acc7 += x[r7 + k + 2u] * b2;
    let wrow3 = (k + 3u) * N;
    let b3 = vec4(w[wrow3 + c0], w[wrow3 + c1], w[wrow3 + c2], w[wrow3 + c3]);
    acc0 += x[r0 + k + 3u] * b3;
    acc1 += x[r1 + k + 3u] * b3;
    acc2 += x[r2 + k + 3u] * b3;
    acc3 += x[r3 + k + 3u] * b3;
    acc4 += x[r4 + k + 3u] * b3;
    acc5 += x[r5 + k + 3u] * b3;
    acc6 += x[r6 + k + 3u] * b3;
    acc7 += x[r7 + k + 3u] * b3;
  }
  for (; k < K; k++) {
    let wrow = k * N;
    let bb = vec4(w[wrow + c0], w[wrow + c1], w[wrow + c2], w[wrow + c3]);
    acc0 += x[r0 + k] * bb;
    acc1 += x[r1 + k] * bb;
    acc2 += x[r2 + k] * bb;
    acc3 += x[r3 + k] * bb;
    acc4 += x[r4 + k] * bb;
    acc5 += x[r5 + k] * bb;
    acc6 += x[r6 + k] * bb;
    acc7 += x[r7 + k] * bb;
  }
  if (row0 + 0u < p.batch && col0 + 0u < N) { out[(row0 + 0u) * N + col0 + 0u] = acc0[0] + b[col0 + 0u]; }
  if (row0 + 0u < p.batch && col0 + 16u < N) { out[(row0 + 0u) * N + col0 + 16u] = acc0[1] + b[col0 + 16u]; }
  if (row0 + 0u < p.batch && col0 + 32u < N) { out[(row0 + 0u) * N + col0 + 32u] = acc0[2] + b[col0 + 32u]; }
  if (row0 + 0u < p.batch && col0 + 48u < N) { out[(row0 + 0u) * N + col0 + 48u] = acc0[3] + b[col0 + 48u]; }
  if (row0 + 1u < p.batch && col0 + 0u < N) { out[(row0 + 1u) * N + col0 + 0u] = acc1[0] + b[col0 + 0u]; }
  if (row0 + 1u < p.batch && col0 + 16u < N) { out[(row0 + 1u) * N + col0 + 16u] = acc1[1] + b[col0 + 16u]; }
  if (row0 + 1u < p.batch && col0 + 32u < N) { out[(row0 + 1u) * N + col0 + 32u] = acc1[2] + b[col0 + 32u]; }
  if (row0 + 1u < p.batch && col0 + 48u < N) { out[(row0 + 1u) * N + col0 + 48u] = acc1[3] + b[col0 + 48u]; }
  if (row0 + 2u < p.batch && col0 + 0u < N) { out[(row0 + 2u) * N + col0 + 0u] = acc2[0] + b[col0 + 0u]; }
  if (row0 + 2u < p.batch && col0 + 16u < N) { out[(row0 + 2u) * N + col0 + 16u] = acc2[1] + b[col0 + 16u]; }
  if (row0 + 2u < p.batch && col0 + 32u < N) { out[(row0 + 2u) * N + col0 + 32u] = acc2[2] + b[col0 + 32u]; }
  if (row0 + 2u < p.batch && col0 + 48u < N) { out[(row0 + 2u) * N + col0 + 48u] = acc2[3] + b[col0 + 48u]; }
  if (row0 + 3u < p.batch && col0 + 0u < N) { out[(row0 + 3u) * N + col0 + 0u] = acc3[0] + b[col0 + 0u]; }
  if (row0 + 3u < p.batch && col0 + 16u < N) { out[(row0 + 3u) * N + col0 + 16u] = acc3[1] + b[col0 + 16u]; }
  if (row0 + 3u < p.batch && col0 + 32u < N) { out[(row0 + 3u) * N + col0 + 32u] = acc3[2] + b[col0 + 32u]; }
  if (row0 + 3u < p.batch && col0 + 48u < N) { out[(row0 + 3u) * N + col0 + 48u] = acc3[3] + b[col0 + 48u]; }
  if (row0 + 4u < p.batch && col0 + 0u < N) { out[(row0 + 4u) * N + col0 + 0u] = acc4[0] + b[col0 + 0u]; }
  if (row0 + 4u < p.batch && col0 + 16u < N) { out[(row0 + 4u) * N + col0 + 16u] = acc4[1] + b[col0 + 16u]; }
  if (row0 + 4u < p.batch && col0 + 32u < N) { out[(row0 + 4u) * N + col0 + 32u] = acc4[2] + b[col0 + 32u]; }
  if (row0 + 4u < p.batch && col0 + 48u < N) { out[(row0 + 4u) * N + col0 + 48u] = acc4[3] + b[col0 + 48u]; }
  if (row0 + 5u < p.batch && col0 + 0u < N) { out[(row0 + 5u) * N + col0 + 0u] = acc5[0] + b[col0 + 0u]; }
  if (row0 + 5u < p.batch && col0 + 16u < N) { out[(row0 + 5u) * N + col0 + 16u] = acc5[1] + b[col0 + 16u]; }
  if (row0 + 5u < p.batch && col0 + 32u < N) { out[(row0 + 5u) * N + col0 + 32u] = acc5[2] + b[col0 + 32u]; }
  if (row0 + 5u < p.batch && col0 + 48u < N) { out[(row0 + 5u) * N + col0 + 48u] = acc5[3] + b[col0 + 48u]; }
  if (row0 + 6u < p.batch && col0 + 0u < N) { out[(row0 + 6u) * N + col0 + 0u] = acc6[0] + b[col0 + 0u]; }
  if (row0 + 6u < p.batch && col0 + 16u < N) { out[(row0 + 6u) * N + col0 + 16u] = acc6[1] + b[col0 + 16u]; }
  if (row0 + 6u < p.batch && col0 + 32u < N) { out[(row0 + 6u) * N + col0 + 32u] = acc6[2] + b[col0 + 32u]; }
  if (row0 + 6u < p.batch && col0 + 48u < N) { out[(row0 + 6u) * N + col0 + 48u] = acc6[3] + b[col0 + 48u]; }
  if (row0 + 7u < p.batch && col0 + 0u < N) { out[(row0 + 7u) * N + col0 + 0u] = acc7[0] + b[col0 + 0u]; }
  if (row0 + 7u < p.batch && col0 + 16u < N) { out[(row0 + 7u) * N + col0 + 16u] = acc7[1] + b[col0 + 16u]; }
  if (row0 + 7u < p.batch && col0 + 32u < N) { out[(row0 + 7u) * N + col0 + 32u] = acc7[2] + b[col0 + 32u]; }
  if (row0 + 7u < p.batch && col0 + 48u < N) { out[(row0 + 7u) * N + col0 + 48u] = acc7[3] + b[col0 + 48u]; }
}

@compute @workgroup_size(16, 4)
fn r4c4u4(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let K = p.in_features; let N = p.out_features;
  let col0 = wg.x * 64u + lid.x;
  let row0 = wg.y * 16u + lid.y * 4u;
  let c0 = min(col0 + 0u, N - 1u);
  let c1 = min(col0 + 16u, N - 1u);
  let c2 = min(col0 + 32u, N - 1u);
  let c3 = min(col0 + 48u, N - 1u);
  let r0 = min(row0 + 0u, p.batch - 1u) * K;
  let r1 = min(row0 + 1u, p.batch - 1u) * K;
  let r2 = min(row0 + 2u, p.batch - 1u) * K;
  let r3 = min(row0 + 3u, p.batch - 1u) * K;
  var acc0: vec4<f32>;
  var acc1: vec4<f32>;
  var acc2: vec4<f32>;
  var acc3: vec4<f32>;
  var k = 0u;
  let k_end = K - K % 4u;
  for (; k < k_end; k += 4u) {
    let wrow0 = (k + 0u) * N;
    let b0 = vec4(w[wrow0 + c0], w[wrow0 + c1], w[wrow0 + c2], w[wrow0 + c3]);
    acc0 += x[r0 + k + 0u] * b0;
    acc1 += x[r1 + k + 0u] * b0;
    acc2 += x[r2 + k + 0u] * b0;
    acc3 += x[r3 + k + 0u] * b0;
    let wrow1 = (k + 1u) * N;
    let b1 = vec4(w[wrow1 + c0], w[wrow1 + c1], w[wrow1 + c2], w[wrow1 + c3]);
    acc0 += x[r0 + k + 1u] * b1;
    acc1 += x[r1 + k + 1u] * b1;
    acc2 += x[r2 + k + 1u] * b1;
    acc3 += x[r3 + k + 1u] * b1;
    let wrow2 = (k + 2u) * N;
    let b2 = vec4(w[wrow2 + c0], w[wrow2 + c1], w[wrow2 + c2], w[wrow2 + c3]);
    acc0 += x[r0 + k + 2u] * b2;
    acc1 += x[r1 + k + 2u] * b2;
    acc2 += x[r2 + k + 2u] * b2;
    acc3 += x[r3 + k + 2u] * b2;
    let wrow3 = (k + 3u) * N;
    let b3 = vec4(w[wrow3 + c0], w[wrow3 + c1], w[wrow3 + c2], w[wrow3 + c3]);
    acc0 += x[r0 + k + 3u] * b3;
    acc1 += x[r1 + k + 3u] * b3;
    acc2 += x[r2 + k + 3u] * b3;
    acc3 += x[r3 + k + 3u] * b3;
  }
  for (; k < K; k++) {
    let wrow = k * N;
    let bb = vec4(w[wrow + c0], w[wrow + c1], w[wrow + c2], w[wrow + c3]);
    acc0 += x[r0 + k] * bb;
    acc1 += x[r1 + k] * bb;
    acc2 += x[r2 + k] * bb;
    acc3 += x[r3 + k] * bb;
  }
  if (row0 + 0u < p.batch && col0 + 0u < N) { out[(row0 + 0u) * N + col0 + 0u] = acc0[0] + b[col0 + 0u]; }
  if (row0 + 0u < p.batch && col0 + 16u < N) { out[(row0 + 0u) * N + col0 + 16u] = acc0[1] + b[col0 + 16u]; }
  if (row0 + 0u < p.batch && col0 + 32u < N) { out[(row0 + 0u) * N + col0 + 32u] = acc0[2] + b[col0 + 32u]; }
  if (row0 + 0u < p.batch && col0 + 48u < N) { out[(row0 + 0u) * N + col0 + 48u] = acc0[3] + b[col0 + 48u]; }
  if (row0 + 1u < p.batch && col0 + 0u < N) { out[(row0 + 1u) * N + col0 + 0u] = acc1[0] + b[col0 + 0u]; }
  if (row0 + 1u < p.batch && col0 + 16u < N) { out[(row0 + 1u) * N + col0 + 16u] = acc1[1] + b[col0 + 16u]; }
  if (row0 + 1u < p.batch && col0 + 32u < N) { out[(row0 + 1u) * N + col0 + 32u] = acc1[2] + b[col0 + 32u]; }
  if (row0 + 1u < p.batch && col0 + 48u < N) { out[(row0 + 1u) * N + col0 + 48u] = acc1[3] + b[col0 + 48u]; }
  if (row0 + 2u < p.batch && col0 + 0u < N) { out[(row0 + 2u) * N + col0 + 0u] = acc2[0] + b[col0 + 0u]; }
  if (row0 + 2u < p.batch && col0 + 16u < N) { out[(row0 + 2u) * N + col0 + 16u] = acc2[1] + b[col0 + 16u]; }
  if (row0 + 2u < p.batch && col0 + 32u < N) { out[(row0 + 2u) * N + col0 + 32u] = acc2[2] + b[col0 + 32u]; }
  if (row0 + 2u < p.batch && col0 + 48u < N) { out[(row0 + 2u) * N + col0 + 48u] = acc2[3] + b[col0 + 48u]; }
  if (row0 + 3u < p.batch && col0 + 0u < N) { out[(row0 + 3u) * N + col0 + 0u] = acc3[0] + b[col0 + 0u]; }
  if (row0 + 3u < p.batch && col0 + 16u < N) { out[(row0 + 3u) * N + col0 + 16u] = acc3[1] + b[col0 + 16u]; }
  if (row0 + 3u < p.batch && col0 + 32u < N) { out[(row0 + 3u) * N + col0 + 32u] = acc3[2] + b[col0 + 32u]; }
  if (row0 + 3u < p.batch && col0 + 48u < N) { out[(row0 + 3u) * N + col0 + 48u] = acc3[3] + b[col0 + 48u]; }
}

@compute @workgroup_size(16, 4)
fn r16c4u2(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
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
  var acc0: vec4<f32>;
  var acc1: vec4<f32>;
  var acc2: vec4<f32>;
  var acc3: vec4<f32>;
  var acc4: vec4<f32>;
  var acc5: vec4<f32>;
  var acc6: vec4<f32>;
  var acc7: vec4<f32>;
  var acc8: vec4<f32>;
  var acc9: vec4<f32>;
  var acc10: vec4<f32>;
  var acc11: vec4<f32>;
  var acc12: vec4<f32>;
  var acc13: vec4<f32>;
  var acc14: vec4<f32>;
  var acc15: vec4<f32>;
  var k = 0u;
  let k_end = K - K % 2u;
  for (; k < k_end; k += 2u) {
    let wrow0 = (k + 0u) * N;
    let b0 = vec4(w[wrow0 + c0], w[wrow0 + c1], w[wrow0 + c2], w[wrow0 + c3]);
    acc0 += x[r0 + k + 0u] * b0;
    acc1 += x[r1 + k + 0u] * b0;
    acc2 += x[r2 + k + 0u] * b0;
    acc3 += x[r3 + k + 0u] * b0;
    acc4 += x[r4 + k + 0u] * b0;
    acc5 += x[r5 + k + 0u] * b0;
    acc6 += x[r6 + k + 0u] * b0;
    acc7 += x[r7 + k + 0u] * b0;
    acc8 += x[r8 + k + 0u] * b0;
    acc9 += x[r9 + k + 0u] * b0;
    acc10 += x[r10 + k + 0u] * b0;
    acc11 += x[r11 + k + 0u] * b0;
    acc12 += x[r12 + k + 0u] * b0;
    acc13 += x[r13 + k + 0u] * b0;
    acc14 += x[r14 + k + 0u] * b0;
    acc15 += x[r15 + k + 0u] * b0;
    let wrow1 = (k + 1u) * N;
    let b1 = vec4(w[wrow1 + c0], w[wrow1 + c1], w[wrow1 + c2], w[wrow1 + c3]);
    acc0 += x[r0 + k + 1u] * b1;
    acc1 += x[r1 + k + 1u] * b1;
    acc2 += x[r2 + k + 1u] * b1;
    acc3 += x[r3 + k + 1u] * b1;
    acc4 += x[r4 + k + 1u] * b1;
    acc5 += x[r5 + k + 1u] * b1;
    acc6 += x[r6 + k + 1u] * b1;
    acc7 += x[r7 + k + 1u] * b1;
    acc8 += x[r8 + k + 1u] * b1;
    acc9 += x[r9 + k + 1u] * b1;
    acc10 += x[r10 + k + 1u] * b1;
    acc11 += x[r11 + k + 1u] * b1;
    acc12 += x[r12 + k + 1u] * b1;
    acc13 += x[r13 + k + 1u] * b1;
    acc14 += x[r14 + k + 1u] * b1;
    acc15 += x[r15 + k + 1u] * b1;
  }
  for (; k < K; k++) {
    let wrow = k * N;
    let bb = vec4(w[wrow + c0], w[wrow + c1], w[wrow + c2], w[wrow + c3]);
    acc0 += x[r0 + k] * bb;
    acc1 += x[r1 + k] * bb;
    acc2 += x[r2 + k] * bb;
    acc3 += x[r3 + k] * bb;
    acc4 += x[r4 + k] * bb;
    acc5 += x[r5 + k] * bb;
    acc6 += x[r6 + k] * bb;
    acc7 += x[r7 + k] * bb;
    acc8 += x[r8 + k] * bb;
    acc9 += x[r9 + k] * bb;
    acc10 += x[r10 + k] * bb;
    acc11 += x[r11 + k] * bb;
    acc12 += x[r12 + k] * bb;
    acc13 += x[r13 + k] * bb;
    acc14 += x[r14 + k] * bb;
    acc15 += x[r15 + k] * bb;
  }
  if (row0 + 0u < p.batch && col0 + 0u < N) { out[(row0 + 0u) * N + col0 + 0u] = acc0[0] + b[col0 + 0u]; }
  if (row0 + 0u < p.batch && col0 + 16u < N) { out[(row0 + 0u) * N + col0 + 16u] = acc0[1] + b[col0 + 16u]; }
  if (row0 + 0u < p.batch && col0 + 32u < N) { out[(row0 + 0u) * N + col0 + 32u] = acc0[2] + b[col0 + 32u]; }
  if (row0 + 0u < p.batch && col0 + 48u < N) { out[(row0 + 0u) * N + col0 + 48u] = acc0[3] + b[col0 + 48u]; }
  if (row0 + 1u < p.batch && col0 + 0u < N) { out[(row0 + 1u) * N + col0 + 0u] = acc1[0] + b[col0 + 0u]; }
  if (row0 + 1u < p.batch && col0 + 16u < N) { out[(row0 + 1u) * N + col0 + 16u] = acc1[1] + b[col0 + 16u]; }
  if (row0 + 1u < p.batch && col0 + 32u < N) { out[(row0 + 1u) * N + col0 + 32u] = acc1[2] + b[col0 + 32u]; }
  if (row0 + 1u < p.batch && col0 + 48u < N) { out[(row0 + 1u) * N + col0 + 48u] = acc1[3] + b[col0 + 48u]; }
  if (row0 + 2u < p.batch && col0 + 0u < N) { out[(row0 + 2u) * N + col0 + 0u] = acc2[0] + b[col0 + 0u]; }
  if (row0 + 2u < p.batch && col0 + 16u < N) { out[(row0 + 2u) * N + col0 + 16u] = acc2[1] + b[col0 + 16u]; }
  if (row0 + 2u < p.batch && col0 + 32u < N) { out[(row0 + 2u) * N + col0 + 32u] = acc2[2] + b[col0 + 32u]; }
  if (row0 + 2u < p.batch && col0 + 48u < N) { out[(row0 + 2u) * N + col0 + 48u] = acc2[3] + b[col0 + 48u]; }
  if (row0 + 3u < p.batch && col0 + 0u < N) { out[(row0 + 3u) * N + col0 + 0u] = acc3[0] + b[col0 + 0u]; }
  if (row0 + 3u < p.batch && col0 + 16u < N) { out[(row0 + 3u) * N + col0 + 16u] = acc3[1] + b[col0 + 16u]; }
  if (row0 + 3u < p.batch && col0 + 32u < N) { out[(row0 + 3u) * N + col0 + 32u] = acc3[2] + b[col0 + 32u]; }
  if (row0 + 3u < p.batch && col0 + 48u < N) { out[(row0 + 3u) * N + col0 + 48u] = acc3[3] + b[col0 + 48u]; }
  if (row0 + 4u < p.batch && col0 + 0u < N) { out[(row0 + 4u) * N + col0 + 0u] = acc4[0] + b[col0 + 0u]; }
  if (row0 + 4u < p.batch && col0 + 16u < N) { out[(row0 + 4u) * N + col0 + 16u] = acc4[1] + b[col0 + 16u]; }
  if (row0 + 4u < p.batch && col0 + 32u < N) { out[(row0 + 4u) * N + col0 + 32u] = acc4[2] + b[col0 + 32u]; }
  if (row0 + 4u < p.batch && col0 + 48u < N) { out[(row0 + 4u) * N + col0 + 48u] = acc4[3] + b[col0 + 48u]; }
  if (row0 + 5u < p.batch && col0 + 0u < N) { out[(row0 + 5u) * N + col0 + 0u] = acc5[0] + b[col0 + 0u]; }
  if (row0 + 5u < p.batch && col0 + 16u < N) { out[(row0 + 5u) * N + col0 + 16u] = acc5[1] + b[col0 + 16u]; }
  if (row0 + 5u < p.batch && col0 + 32u < N) { out[(row0 + 5u) * N + col0 + 32u] = acc5[2] + b[col0 + 32u]; }
  if (row0 + 5u < p.batch && col0 + 48u < N) { out[(row0 + 5u) * N + col0 + 48u] = acc5[3] + b[col0 + 48u]; }
  if (row0 + 6u < p.batch && col0 + 0u < N) { out[(row0 + 6u) * N + col0 + 0u] = acc6[0] + b[col0 + 0u]; }
  if (row0 + 6u < p.batch && col0 + 16u < N) { out[(row0 + 6u) * N + col0 + 16u] = acc6[1] + b[col0 + 16u]; }
  if (row0 + 6u < p.batch && col0 + 32u < N) { out[(row0 + 6u) * N + col0 + 32u] = acc6[2] + b[col0 + 32u]; }
  if (row0 + 6u < p.batch && col0 + 48u < N) { out[(row0 + 6u) * N + col0 + 48u] = acc6[3] + b[col0 + 48u]; }
  if (row0 + 7u < p.batch && col0 + 0u < N) { out[(row0 + 7u) * N + col0 + 0u] = acc7[0] + b[col0 + 0u]; }
  if (row0 + 7u < p.batch && col0 + 16u < N) { out[(row0 + 7u) * N + col0 + 16u] = acc7[1] + b[col0 + 16u]; }
  if (row0 + 7u < p.batch && col0 + 32u < N) { out[(row0 + 7u) * N + col0 + 32u] = acc7[2] + b[col0 + 32u]; }
  if (row0 + 7u < p.batch && col0 + 48u < N) { out[(row0 + 7u) * N + col0 + 48u] = acc7[3] + b[col0 + 48u]; }
  if (row0 + 8u < p.batch && col0 + 0u < N) { out[(row0 + 8u) * N + col0 + 0u] = acc8[0] + b[col0 + 0u]; }
  if (row0 + 8u < p.batch && col0 + 16u < N) { out[(row0 + 8u) * N + col0 + 16u] = acc8[1] + b[col0 + 16u]; }
  if (row0 + 8u < p.batch && col0 + 32u < N) { out[(row0 + 8u) * N + col0 + 32u] = acc8[2] + b[col0 + 32u]; }
  if (row0 + 8u < p.batch && col0 + 48u < N) { out[(row0 + 8u) * N + col0 + 48u] = acc8[3] + b[col0 + 48u]; }
  if (row0 + 9u < p.batch && col0 + 0u < N) { out[(row0 + 9u) * N + col0 + 0u] = acc9[0] + b[col0 + 0u]; }
  if (row0 + 9u < p.batch && col0 + 16u < N) { out[(row0 + 9u) * N + col0 + 16u] = acc9[1] + b[col0 + 16u]; }
  if (row0 + 9u < p.batch && col0 + 32u < N) { out[(row0 + 9u) * N + col0 + 32u] = acc9[2] + b[col0 + 32u]; }
  if (row0 + 9u < p.batch && col0 + 48u < N) { out[(row0 + 9u) * N + col0 + 48u] = acc9[3] + b[col0 + 48u]; }
  if (row0 + 10u < p.batch && col0 + 0u < N) { out[(row0 + 10u) * N + col0 + 0u] = acc10[0] + b[col0 + 0u]; }
  if (row0 + 10u < p.batch && col0 + 16u < N) { out[(row0 + 10u) * N + col0 + 16u] = acc10[1] + b[col0 + 16u]; }
  if (row0 + 10u < p.batch && col0 + 32u < N) { out[(row0 + 10u) * N + col0 + 32u] = acc10[2] + b[col0 + 32u]; }
  if (row0 + 10u < p.batch && col0 + 48u < N) { out[(row0 + 10u) * N + col0 + 48u] = acc10[3] + b[col0 + 48u]; }
  if (row0 + 11u < p.batch && col0 + 0u < N) { out[(row0 + 11u) * N + col0 + 0u] = acc11[0] + b[col0 + 0u]; }
  if (row0 + 11u < p.batch && col0 + 16u < N) { out[(row0 + 11u) * N + col0 + 16u] = acc11[1] + b[col0 + 16u]; }
  if (row0 + 11u < p.batch && col0 + 32u < N) { out[(row0 + 11u) * N + col0 + 32u] = acc11[2] + b[col0 + 32u]; }
  if (row0 + 11u < p.batch && col0 + 48u < N) { out[(row0 + 11u) * N + col0 + 48u] = acc11[3] + b[col0 + 48u]; }
  if (row0 + 12u < p.batch && col0 + 0u < N) { out[(row0 + 12u) * N + col0 + 0u] = acc12[0] + b[col0 + 0u]; }
  if (row0 + 12u < p.batch && col0 + 16u < N) { out[(row0 + 12u) * N + col0 + 16u] = acc12[1] + b[col0 + 16u]; }
  if (row0 + 12u < p.batch && col0 + 32u < N) { out[(row0 + 12u) * N + col0 + 32u] = acc12[2] + b[col0 + 32u]; }
  if (row0 + 12u < p.batch && col0 + 48u < N) { out[(row0 + 12u) * N + col0 + 48u] = acc12[3] + b[col0 + 48u]; }
  if (row0 + 13u < p.batch && col0 + 0u < N) { out[(row0 + 13u) * N + col0 + 0u] = acc13[0] + b[col0 + 0u]; }
  if (row0 + 13u < p.batch && col0 + 16u < N) { out[(row0 + 13u) * N + col0 + 16u] = acc13[1] + b[col0 + 16u]; }
  if (row0 + 13u < p.batch && col0 + 32u < N) { out[(row0 + 13u) * N + col0 + 32u] = acc13[2] + b[col0 + 32u]; }
  if (row0 + 13u < p.batch && col0 + 48u < N) { out[(row0 + 13u) * N + col0 + 48u] = acc13[3] + b[col0 + 48u]; }
  if (row0 + 14u < p.batch && col0 + 0u < N) { out[(row0 + 14u) * N + col0 + 0u] = acc14[0] + b[col0 + 0u]; }
  if (row0 + 14u < p.batch && col0 + 16u < N) { out[(row0 + 14u) * N + col0 + 16u] = acc14[1] + b[col0 + 16u]; }
  if (row0 + 14u < p.batch && col0 + 32u < N) { out[(row0 + 14u) * N + col0 + 32u] = acc14[2] + b[col0 + 32u]; }
  if (row0 + 14u < p.batch && col0 + 48u < N) { out[(row0 + 14u) * N + col0 + 48u] = acc14[3] + b[col0 + 48u]; }
  if (row0 + 15u < p.batch && col0 + 0u < N) { out[(row0 + 15u) * N + col0 + 0u] = acc15[0] + b[col0 + 0u]; }
  if (row0 + 15u < p.batch && col0 + 16u < N) { out[(row0 + 15u) * N + col0 + 16u] = acc15[1] + b[col0 + 16u]; }
  if (row0 + 15u < p.batch && col0 + 32u < N) { out[(row0 + 15u) * N + col0 + 32u] = acc15[2] + b[col0 + 32u]; }
  if (row0 + 15u < p.batch && col0 + 48u < N) { out[(row0 + 15u) * N + col0 + 48u] = acc15[3] + b[col0 + 48u]; }
}

@compute @workgroup_size(16, 4)
fn r8c2u4(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let K = p.in_features; let N = p.out_features;
  let col0 = wg.x * 32u + lid.x;
  let row0 = wg.y * 32u + lid.y * 8u;
  let c0 = min(col0 + 0u, N - 1u);
  let c1 = min(col0 + 16u, N - 1u);
  let r0 = min(row0 + 0u, p.batch - 1u) * K;
  let r1 = min(row0 + 1u, p.batch - 1u) * K;
  let r2 = min(row0 + 2u, p.batch - 1u) * K;
  let r3 = min(row0 + 3u, p.batch - 1u) * K;
  let r4 = min(row0 + 4u, p.batch - 1u) * K;
  let r5 = min(row0 + 5u, p.batch - 1u) * K;
  let r6 = min(row0 + 6u, p.batch - 1u) * K;
  let r7 = min(row0 + 7u, p.batch - 1u) * K;
  var acc0: vec2<f32>;
  var acc1: vec2<f32>;
  var acc2: vec2<f32>;
  var acc3: vec2<f32>;
  var acc4: vec2<f32>;
  var acc5: vec2<f32>;
  var acc6: vec2<f32>;
  var acc7: vec2<f32>;
  var k = 0u;
  let k_end = K - K % 4u;
  for (; k < k_end; k += 4u) {
    let wrow0 = (k + 0u) * N;
    let b0 = vec2(w[wrow0 + c0], w[wrow0 + c1]);
    acc0 += x[r0 + k + 0u] * b0;
    acc1 += x[r1 + k + 0u] * b0;
    acc2 += x[r2 + k + 0u] * b0;
    acc3 += x[r3 + k + 0u] * b0;
    acc4 += x[r4 + k + 0u] * b0;
    acc5 += x[r5 + k + 0u] * b0;
    acc6 += x[r6 + k + 0u] * b0;
    acc7 += x[r7 + k + 0u] * b0;
    let wrow1 = (k + 1u) * N;
    let b1 = vec2(w[wrow1 + c0], w[wrow1 + c1]);
    acc0 += x[r0 + k + 1u] * b1;
    acc1 += x[r1 + k + 1u] * b1;
    acc2 += x[r2 + k + 1u] * b1;
    acc3 += x[r3 + k + 1u] * b1;
    acc4 += x[r4 + k + 1u] * b1;
    acc5 += x[r5 + k + 1u] * b1;
    acc6 += x[r6 + k + 1u] * b1;
    acc7 += x[r7 + k + 1u] * b1;
    let wrow2 = (k + 2u) * N;
    let b2 = vec2(w[wrow2 + c0], w[wrow2 + c1]);
    acc0 += x[r0 + k + 2u] * b2;
    acc1 += x[r1 + k + 2u] * b2;
    acc2 += x[r2 + k + 2u] * b2;
    acc3 += x[r3 + k + 2u] * b2;
    acc4 += x[r4 + k + 2u] * b2;
    acc5 += x[r5 + k + 2u] * b2;
    acc6 += x[r6 + k + 2u] * b2;
    acc7 += x[r7 + k + 2u] * b2;
    let wrow3 = (k + 3u) * N;
    let b3 = vec2(w[wrow3 + c0], w[wrow3 + c1]);
    acc0 += x[r0 + k + 3u] * b3;
    acc1 += x[r1 + k + 3u] * b3;
    acc2 += x[r2 + k + 3u] * b3;
    acc3 += x[r3 + k + 3u] * b3;
    acc4 += x[r4 + k + 3u] * b3;
    acc5 += x[r5 + k + 3u] * b3;
    acc6 += x[r6 + k + 3u] * b3;
    acc7 += x[r7 + k + 3u] * b3;
  }
  for (; k < K; k++) {
    let wrow = k * N;
    let bb = vec2(w[wrow + c0], w[wrow + c1]);
    acc0 += x[r0 + k] * bb;
    acc1 += x[r1 + k] * bb;
    acc2 += x[r2 + k] * bb;
    acc3 += x[r3 + k] * bb;
    acc4 += x[r4 + k] * bb;
    acc5 += x[r5 + k] * bb;
    acc6 += x[r6 + k] * bb;
    acc7 += x[r7 + k] * bb;
  }
  if (row0 + 0u < p.batch && col0 + 0u < N) { out[(row0 + 0u) * N + col0 + 0u] = acc0[0] + b[col0 + 0u]; }
  if (row0 + 0u < p.batch && col0 + 16u < N) { out[(row0 + 0u) * N + col0 + 16u] = acc0[1] + b[col0 + 16u]; }
  if (row0 + 1u < p.batch && col0 + 0u < N) { out[(row0 + 1u) * N + col0 + 0u] = acc1[0] + b[col0 + 0u]; }
  if (row0 + 1u < p.batch && col0 + 16u < N) { out[(row0 + 1u) * N + col0 + 16u] = acc1[1] + b[col0 + 16u]; }
  if (row0 + 2u < p.batch && col0 + 0u < N) { out[(row0 + 2u) * N + col0 + 0u] = acc2[0] + b[col0 + 0u]; }
  if (row0 + 2u < p.batch && col0 + 16u < N) { out[(row0 + 2u) * N + col0 + 16u] = acc2[1] + b[col0 + 16u]; }
  if (row0 + 3u < p.batch && col0 + 0u < N) { out[(row0 + 3u) * N + col0 + 0u] = acc3[0] + b[col0 + 0u]; }
  if (row0 + 3u < p.batch && col0 + 16u < N) { out[(row0 + 3u) * N + col0 + 16u] = acc3[1] + b[col0 + 16u]; }
  if (row0 + 4u < p.batch && col0 + 0u < N) { out[(row0 + 4u) * N + col0 + 0u] = acc4[0] + b[col0 + 0u]; }
  if (row0 + 4u < p.batch && col0 + 16u < N) { out[(row0 + 4u) * N + col0 + 16u] = acc4[1] + b[col0 + 16u]; }
  if (row0 + 5u < p.batch && col0 + 0u < N) { out[(row0 + 5u) * N + col0 + 0u] = acc5[0] + b[col0 + 0u]; }
  if (row0 + 5u < p.batch && col0 + 16u < N) { out[(row0 + 5u) * N + col0 + 16u] = acc5[1] + b[col0 + 16u]; }
  if (row0 + 6u < p.batch && col0 + 0u < N) { out[(row0 + 6u) * N + col0 + 0u] = acc6[0] + b[col0 + 0u]; }
  if (row0 + 6u < p.batch && col0 + 16u < N) { out[(row0 + 6u) * N + col0 + 16u] = acc6[1] + b[col0 + 16u]; }
  if (row0 + 7u < p.batch && col0 + 0u < N) { out[(row0 + 7u) * N + col0 + 0u] = acc7[0] + b[col0 + 0u]; }
  if (row0 + 7u < p.batch && col0 + 16u < N) { out[(row0 + 7u) * N + col0 + 16u] = acc7[1] + b[col0 + 16u]; }
}
