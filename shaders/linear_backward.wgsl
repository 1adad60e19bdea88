// linear_backward.wgsl: a layer's parameter gradients, and its whole backward pass in one dispatch (appended to
// linear.wgsl and linear_tiled.wgsl: one module).
//
// Entry points:
//   linear_backward_weight  dw (K, N) [+]= x^T . dpre, and db (N) [+]= the column sums of dpre: the workgroups of
//                           the grid's extra last row sum the bias gradient (bias_gradient); the others compute dw's
//                           8x8 blocks (weight_gradient_block, below)
//   linear_backward         the same, and dx (B, K) = (dpre . w^T) * act_in'(x) (overwritten), in one dispatch: its
//                           workgroups compute dw's blocks, then db's, then dx's (place()), each part with its own
//                           lanes across (LANES_X for dw, LANES_IN for dx), in workgroups of 64
//   linear_backward_tiled   linear_backward from 64x64 tiles (linear_tiled.wgsl): dw tiles, a row for db, dx tiles
// A layer's dw and dx depend only on dpre, x and w, so one dispatch can hold both: one fewer dispatch, and one fewer
// barrier between them, per layer and step (an iteration at k = 1 is 30 dispatches).
// The NaN guard: a non-finite dw or db sets guard[0] |= guard_bit (binding 7), so no pass over the gradients checks
// them before the optimizer step (which returns at once while the guard is raised: optim.wgsl).

override LANES_IN: u32 = 16u;  // linear_backward: the input gradient's invocations across dx's columns

var<workgroup> column_partials: array<f32, 256>;

// The column sums of dpre's rows [r0, r1) for the 64 columns from col0, by a workgroup of 256 (the tiled kernels):
// invocation t sums column col0 + t % 64 over every 4th row from r0 + t / 64, and the four partial sums of a column
// are added in a tree. Invocations t < 64 get their column's sum (the others a partial). Before, one invocation per
// column looped over the whole batch.
fn column_sum_64(col0: u32, t: u32, r0: u32, r1: u32) -> f32 {
  let N = p.out_features;
  let c = col0 + t % 64u;
  var sum = 0.0;
  if (c < N) {
    for (var r = r0 + t / 64u; r < r1; r += 4u) { sum += dpre[r * N + c]; }
  }
  column_partials[t] = sum;
  workgroupBarrier();
  if (t < 128u) { column_partials[t] += column_partials[t + 128u]; }
  workgroupBarrier();
  if (t < 64u) { column_partials[t] += column_partials[t + 64u]; }
  workgroupBarrier();
  return column_partials[t];
}

// db[col0 .. col0 + 64) [+]= the column sums of dpre over the batch (the tiled kernels' bias gradient).
fn bias_gradient_64(col0: u32, t: u32) {
  let v = column_sum_64(col0, t, 0u, p.batch);
  let c = col0 + t;
  if (t < 64u && c < p.out_features) {
    var sum = v;
    if (p.accumulate != 0u) { sum += db[c]; }
    db[c] = sum;
    note_nonfinite(sum);
  }
}

// db[col0 .. col0 + width) [+]= the column sums of dpre without workgroup memory or barriers, for the register-blocked
// kernels: each of the 64 invocations sums whole columns (t, t + 64, ...) over the batch, as a dw block loops over
// the batch. A shader with a barrier runs every invocation as a coroutine on SwiftShader, which made the whole
// weight gradient 1.2-1.7x slower there; the tiled kernels, which have barriers anyway, sum in a tree.
fn bias_gradient_serial(col0: u32, width: u32, t: u32) {
  let N = p.out_features;
  for (var c = col0 + t; c < min(col0 + width, N); c += 64u) {
    var sum = 0.0;
    for (var r = 0u; r < p.batch; r++) { sum += dpre[r * N + c]; }
    if (p.accumulate != 0u) { sum += db[c]; }
    db[c] = sum;
    note_nonfinite(sum);
  }
}

// The register-blocked weight gradient (linear.wgsl's blocks and operands): its stores, and one invocation's block.
fn store_dw(at: BlockAt, i: u32, lo: vec4<f32>, hi: vec4<f32>) {
  let row = at.row0 + i;
  let N = p.out_features;
  if (row >= p.in_features) { return; }
  if (dw_consecutive()) {
    // consecutive columns from a multiple of 8, rows a whole number of vec4: two vec4 stores, the second only
    // when its columns exist (N % 8 == 4 leaves the last block half full)
    let v = (row * N + at.col0) / 4u;
    store_dw4(v, lo);
    if (at.col0 + 4u < N) { store_dw4(v + 1u, hi); }
    return;
  }
  for (var j = 0u; j < 8u; j++) {
    let col = at.col0 + at.step * j;
    if (col < N) {
      let idx = row * N + col;
      var v = select(hi[j % 4u], lo[j % 4u], j < 4u);
      if (p.accumulate != 0u) { v = dw[idx / 4u][idx % 4u] + v; }
      dw[idx / 4u][idx % 4u] = v;
      note_nonfinite(v);
    }
  }
}

// Whether an invocation's 8 columns of dw are consecutive (two vec4 of a row of dpre, and of dw): where rows of dpre
// are whole vec4 and x is read as vec4 rows or in planes (a planar x is read by scalars along its channels either way).
fn dw_consecutive() -> bool { return OUT_VEC4 && (IN_VEC4 || PLANAR_X); }

fn store_dw4(i: u32, value: vec4<f32>) {
  var v = value;
  if (p.accumulate != 0u) { v += dw[i]; }
  dw[i] = v;
  note_nonfinite4(v);
}

// One invocation's 8x8 block of dw, in a workgroup of `lanes` across.
fn weight_gradient_block(wg: vec3<u32>, lid: vec3<u32>, lanes: u32) {
  // dw (in, out) = x^T (in, batch) . dpre (batch, out): the shared dimension is the batch.
  let K = p.in_features;
  let N = p.out_features;
  let vec = IN_VEC4 && OUT_VEC4;
  let at = block_at(wg, lid, K, N, dw_consecutive(), lanes);
  if (at.row0 >= K || at.col0 >= N) { return; }
  var acc: Block;
  if (vec) {
    // the block's 8 rows are two vec4 of a row of x, its 8 columns two vec4 of a row of dpre
    let K4 = K / 4u;
    let N4 = N / 4u;
    let i_lo = at.row0 / 4u;
    let i_hi = min(i_lo + 1u, K4 - 1u);
    let c_lo = at.col0 / 4u;
    let c_hi = min(c_lo + 1u, N4 - 1u);
    for (var r = 0u; r < p.batch; r++) {
      outer_add(&acc, x_vec[r * K4 + i_lo], x_vec[r * K4 + i_hi], dpre_vec[r * N4 + c_lo], dpre_vec[r * N4 + c_hi]);
    }
  } else if (PLANAR_X) {
    // A(i, r) = x[(r / P) K P + i P + r % P]: walked image by image, position by position (no division per r)
    let P = p.x_planes;
    let i_lo = at.rows_lo * P;
    let i_hi = at.rows_hi * P;
    let N4 = N / 4u;
    let c_lo = at.col0 / 4u;
    let c_hi = min(c_lo + 1u, max(N4, 1u) - 1u);
    var r = 0u;
    for (var image = 0u; image < p.batch / P; image++) {
      let plane0 = image * K * P;
      for (var q = 0u; q < P; q++) {
        let a_lo = x4(i_lo + plane0 + q);
        let a_hi = x4(i_hi + plane0 + q);
        if (OUT_VEC4) { outer_add(&acc, a_lo, a_hi, dpre_vec[r * N4 + c_lo], dpre_vec[r * N4 + c_hi]); }
        else { outer_add(&acc, a_lo, a_hi, dpre4(at.cols_lo + r * N), dpre4(at.cols_hi + r * N)); }
        r++;
      }
    }
  } else {
    for (var r = 0u; r < p.batch; r++) {
      // A(i, r) = x[r K + i], B(r, c) = dpre[r N + c]
      outer_add(&acc, x4(at.rows_lo + r * K), x4(at.rows_hi + r * K), dpre4(at.cols_lo + r * N), dpre4(at.cols_hi + r * N));
    }
  }
  for (var i = 0u; i < 8u; i++) { let r = block_row(acc, i); store_dw(at, i, r.lo, r.hi); }
}

// Rows of 8x8 blocks the weight gradient takes, with `lanes` across: dw's K rows, 512 / lanes to a workgroup.
fn weight_block_rows(lanes: u32) -> u32 {
  return (p.in_features + 512u / lanes - 1u) / (512u / lanes);
}

@compute @workgroup_size(LANES_X, 64u / LANES_X)
fn linear_backward_weight(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>,
                          @builtin(local_invocation_index) t: u32) {
  if (wg.y == weight_block_rows(LANES_X)) {  // the extra row of workgroups: db, for dw's columns
    bias_gradient_serial(wg.x * 8u * LANES_X, 8u * LANES_X, t);
  } else {
    weight_gradient_block(wg, lid, LANES_X);
  }
  report_nonfinite();
}

// The fused kernels' grids are 1-D lists of workgroups (folded into rows of num_workgroups.x past 65535): dw's blocks,
// then db's, then dx's, so no workgroup is launched only to return (a 2-D grid as wide as the wider part launched up
// to 125 empty ones per dispatch, 1.5x the time on SwiftShader). Where a workgroup is: its part (0 dw, 1 db, 2 dx)
// and its (x, y) in that part's own grid of `columns` across.
struct Place { part: u32, at: vec3<u32> }

fn place(wg: vec3<u32>, groups: vec3<u32>, dw_columns: u32, dw_rows: u32, dx_columns: u32) -> Place {
  let index = wg.y * groups.x + wg.x;
  let dw_groups = dw_columns * dw_rows;
  if (index < dw_groups) { return Place(0u, vec3(index % dw_columns, index / dw_columns, 0u)); }
  if (index < dw_groups + dw_columns) { return Place(1u, vec3(index - dw_groups, 0u, 0u)); }
  let i = index - dw_groups - dw_columns;
  return Place(2u, vec3(i % dx_columns, i / dx_columns, 0u));
}

@compute @workgroup_size(64)
fn linear_backward(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>,
                   @builtin(local_invocation_index) t: u32) {
  let dw_columns = (p.out_features + 8u * LANES_X - 1u) / (8u * LANES_X);
  let dx_columns = (p.in_features + 8u * LANES_IN - 1u) / (8u * LANES_IN);
  let at = place(wg, groups, dw_columns, weight_block_rows(LANES_X), dx_columns);
  switch at.part {
    case 0u: { weight_gradient_block(at.at, vec3(t % LANES_X, t / LANES_X, 0u), LANES_X); }
    case 1u: { bias_gradient_serial(at.at.x * 8u * LANES_X, 8u * LANES_X, t); }
    default: {
      accumulate_dx = false;
      input_gradient_block(at.at, vec3(t % LANES_IN, t / LANES_IN, 0u), LANES_IN);
    }
  }
  report_nonfinite();
}

@compute @workgroup_size(16, 16)
fn linear_backward_tiled(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>,
                         @builtin(local_invocation_id) lid: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let at = place(wg, groups, (p.out_features + TILE_N - 1u) / TILE_N, (p.in_features + TILE_M - 1u) / TILE_M,
                 (p.in_features + TILE_N - 1u) / TILE_N);
  switch at.part {
    case 0u: { weight_gradient_tile(at.at, lid); }
    case 1u: { bias_gradient_64(at.at.x * TILE_N, t); }
    default: { input_gradient_tile(at.at, lid, false); }
  }
  report_nonfinite();
}
