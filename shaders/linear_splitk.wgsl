// linear_splitk.wgsl: the weight gradient split along the batch (split-K), a variant of linear_backward_weight for
// large batches over few output tiles (appended to the linear module).
//
// dw (K, N) = x^T . dpre sums over the batch. With a large batch and a small dw (784 x 256 at batch 16384: 52 tiles
// of 64 x 64), the tiled kernel gives each of a few dozen workgroups a loop of 16384 rows and leaves most of a GPU
// idle. Here the batch is cut into `slices` slices of whole K-tiles, and two passes run in one dispatch list:
//   linear_backward_weight_splitk   grid (dw's tiles across, its tile rows + 1, slices): workgroup (x, y, s) computes
//                                   tile (x, y) of the slice's partial product into scratch[s K N ..]; the extra
//                                   row, the slice's partial column sums of dpre (the bias) into scratch[slices K N +
//                                   s N ..]
//   linear_backward_weight_reduce   one invocation per element of dw and db: the sum of its slices' partials, in
//                                   slice order (deterministic), added to dw or db when accumulating, with the NaN
//                                   guard
// The scratch buffer (slices (K N + N) floats) belongs to the dispatch (src/gpu/kernels.ts: `passes`, `scratch`).
// Whether it pays is the tuner's measurement: on SwiftShader it never does (barriers, and twice the memory traffic).
// Bindings: as linear_backward_weight_tiled (2 x, 6 dpre; 7 guard, 8 dw, 9 db), and 16 scratch.

@group(0) @binding(16) var<storage, read_write> scratch: array<f32>;

// Rows [first, end) of the batch in slice s: equal slices of whole K-tiles (the last may be short, or empty).
fn slice_rows(s: u32) -> vec2<u32> {
  let per_slice = ((p.batch + p.slices - 1u) / p.slices + TILE_K - 1u) / TILE_K * TILE_K;
  return vec2(min(p.batch, s * per_slice), min(p.batch, (s + 1u) * per_slice));
}

@compute @workgroup_size(16, 16)
fn linear_backward_weight_splitk(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>,
                                 @builtin(local_invocation_index) t: u32) {
  let K = p.in_features;
  let N = p.out_features;
  let rows = slice_rows(wg.z);
  if (wg.y == (K + TILE_M - 1u) / TILE_M) {  // the extra row: the slice's column sums, for the tile's 64 columns
    let sum = column_sum_64(wg.x * TILE_N, t, rows.x, rows.y);
    let c = wg.x * TILE_N + t;
    if (t < 64u && c < N) { scratch[p.slices * K * N + wg.z * N + c] = sum; }
    return;
  }
  let o = Operands(K, N, rows.y - rows.x, K, N, true, false, rows.x);
  let acc = weight_tiled_product(o, wg, lid);
  for (var i = 0u; i < 4u; i++) {
    let m = wg.y * TILE_M + lid.y + 16u * i;
    if (m >= K) { continue; }
    let row = acc_row(acc, i);
    for (var j = 0u; j < 4u; j++) {
      let n = wg.x * TILE_N + lid.x + 16u * j;
      if (n < N) { scratch[wg.z * K * N + m * N + n] = row[j]; }
    }
  }
}

@compute @workgroup_size(64)
fn linear_backward_weight_reduce(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>,
                                 @builtin(local_invocation_index) t: u32) {
  let KN = p.in_features * p.out_features;
  let i = (wg.y * groups.x + wg.x) * 64u + t;
  if (i >= KN + p.out_features) { return; }
  let weight = i < KN;
  let first = select(p.slices * KN + (i - KN), i, weight);  // the element's partial in slice 0
  let stride = select(p.out_features, KN, weight);
  var sum = 0.0;
  for (var s = 0u; s < p.slices; s++) { sum += scratch[first + s * stride]; }
  if (weight) {
    if (p.accumulate != 0u) { sum += dw_scalar[i]; }
    dw_scalar[i] = sum;
  } else {
    if (p.accumulate != 0u) { sum += db[i - KN]; }
    db[i - KN] = sum;
  }
  note_nonfinite(sum);
  report_nonfinite();
}
