// rng.wgsl: counter-based random numbers (Philox 4x32-10, Salmon et al. 2011), reproducible from a seed and a counter.
//
// Every draw is philox(counter = (block, stream, draw_lo, draw_hi), key = (seed_lo, seed_hi)), where block = i / 4,
// stream names the call site, and (draw_lo, draw_hi) = rng_state[0..2] + draw_offset (64-bit) is advanced on the GPU
// between steps (by rng_advance, or by step.wgsl's step_commit after the step's draws, which draw at offset 1), so
// iterations encoded together still get fresh numbers. The CPU reference computes the same words.
// Entry points (one invocation per block of four outputs):
//   rng_uniform   out (n) f32 in [low, high)                 u = (word >> 8) * 2^-24
//   rng_normal    out (n) f32 ~ N(mean, std^2)               Box-Muller on word pairs, u1 in (0, 1], angle 2 pi u2
//   rng_gather_rows  out [out_index + r cols + c] = data [i_r cols + c] for r < n, c < cols, where row r's index
//                 i_r = floor(word_r * range / 2^32) (the high half of a product) is uniform in [0, range): a
//                 minibatch drawn and gathered in one dispatch; an invocation copies up to GATHER_COLS (16) columns
//                 of one row, so a row's Philox block is computed cols / 16 times, not cols
//   rng_onehot_rows  out [out_index + r (cols + range) + c] = data [r cols + c] for c < cols, then the one-hot
//                 label of row r in the next range columns: the label drawn as rng_gather_rows draws a row index
//                 (uniform in [0, range)), or every row's label a when a >= 0: a conditional GAN's z and G(z) with
//                 their labels (src/train/conditional.ts); one invocation per output value
//   take_columns  out [r cols + c] = data [r range + c] for c < cols: the first cols of rows range wide (no draw)
//   rng_advance   rng_state += 1 (64-bit), a single invocation
// Bindings: 0 params; 1 out (f32), 3 rng_state (u32 x 2), 4 data (f32).

struct RngParams {
  n: u32,
  row_width: u32,   // blocks per row of the dispatch grid
  stream: u32,
  seed_lo: u32,
  seed_hi: u32,
  range: u32,       // rng_gather_rows: the rows of data
  a: f32,           // low | mean
  b: f32,           // high | std
  draw_offset: u32, // the draws use rng_state + draw_offset
  cols: u32,        // rng_gather_rows: values per row
  out_index: u32,   // rng_gather_rows: where in out the first row goes
}

@group(0) @binding(0) var<uniform> p: RngParams;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<storage, read_write> rng_state: array<u32>;
@group(0) @binding(4) var<storage, read> data: array<f32>;

// (high, low) 32-bit halves of the 64-bit product a * b, from 16-bit pieces (WGSL has no 64-bit integers).
fn mul_hi_lo(a: u32, b: u32) -> vec2<u32> {
  let a_lo = a & 0xffffu; let a_hi = a >> 16u;
  let b_lo = b & 0xffffu; let b_hi = b >> 16u;
  let ll = a_lo * b_lo; let lh = a_lo * b_hi; let hl = a_hi * b_lo; let hh = a_hi * b_hi;
  let mid = (ll >> 16u) + (lh & 0xffffu) + (hl & 0xffffu);
  let hi = hh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u);
  return vec2(hi, a * b);
}

fn philox4x32_10(counter: vec4<u32>, key_in: vec2<u32>) -> vec4<u32> {
  var c = counter;
  var key = key_in;
  for (var round = 0u; round < 10u; round++) {
    let r0 = mul_hi_lo(0xD2511F53u, c.x);
    let r1 = mul_hi_lo(0xCD9E8D57u, c.z);
    c = vec4(r1.x ^ c.y ^ key.x, r1.y, r0.x ^ c.w ^ key.y, r0.y);
    key += vec2(0x9E3779B9u, 0xBB67AE85u);
  }
  return c;
}

fn block_words(block: u32) -> vec4<u32> {
  let lo = rng_state[0] + p.draw_offset;
  let hi = rng_state[1] + select(0u, 1u, lo < p.draw_offset);  // the carry
  return philox4x32_10(vec4(block, p.stream, lo, hi), vec2(p.seed_lo, p.seed_hi));
}

fn unit_open_right(word: u32) -> f32 { return f32(word >> 8u) * (1.0 / 16777216.0); }        // [0, 1)
fn unit_open_left(word: u32) -> f32 { return f32((word >> 8u) + 1u) * (1.0 / 16777216.0); }   // (0, 1]

@compute @workgroup_size(64)
fn rng_uniform(@builtin(global_invocation_id) gid: vec3<u32>) {
  let block = gid.y * p.row_width + gid.x;
  if (block * 4u >= p.n) { return; }
  let words = block_words(block);
  for (var j = 0u; j < 4u; j++) {
    let i = block * 4u + j;
    if (i < p.n) { out[i] = p.a + (p.b - p.a) * unit_open_right(words[j]); }
  }
}

const TWO_PI: f32 = 6.283185307179586;

// (cos, sin) of 2 pi word/2^32 from the top 24 bits: the quadrant comes exactly from the top two bits and the rest
// goes through Taylor polynomials on [0, pi/2) (errors below 1e-7), so the noise does not depend on how accurate
// the adapter's own cos and sin are (WGSL allows them an absolute error of 2^-11).
fn cos_sin_turn(word: u32) -> vec2<f32> {
  let quadrant = word >> 30u;
  let theta = f32((word >> 8u) & 0x3fffffu) * (TWO_PI / 16777216.0);
  let t = theta * theta;
  let s = theta * (1.0 + t * (-1.0 / 6.0 + t * (1.0 / 120.0 + t * (-1.0 / 5040.0 + t * (1.0 / 362880.0 + t * (-1.0 / 39916800.0))))));
  let c = 1.0 + t * (-0.5 + t * (1.0 / 24.0 + t * (-1.0 / 720.0 + t * (1.0 / 40320.0 + t * (-1.0 / 3628800.0 + t * (1.0 / 479001600.0))))));
  switch quadrant {
    case 1u: { return vec2(-s, c); }
    case 2u: { return vec2(-c, -s); }
    case 3u: { return vec2(s, -c); }
    default: { return vec2(c, s); }
  }
}

@compute @workgroup_size(64)
fn rng_normal(@builtin(global_invocation_id) gid: vec3<u32>) {
  let block = gid.y * p.row_width + gid.x;
  if (block * 4u >= p.n) { return; }
  let words = block_words(block);
  let radius01 = sqrt(-2.0 * log(unit_open_left(words.x)));
  let radius23 = sqrt(-2.0 * log(unit_open_left(words.z)));
  let z = vec4(radius01 * cos_sin_turn(words.y), radius23 * cos_sin_turn(words.w));
  for (var j = 0u; j < 4u; j++) {
    let i = block * 4u + j;
    if (i < p.n) { out[i] = p.a + p.b * z[j]; }
  }
}

const GATHER_COLS = 16u;  // GATHER_COLS in src/gpu/kernels.ts sizes the grid with the same number

@compute @workgroup_size(64)
fn rng_gather_rows(@builtin(global_invocation_id) gid: vec3<u32>) {
  let strips = (p.cols + GATHER_COLS - 1u) / GATHER_COLS;
  let item = gid.y * p.row_width + gid.x;
  let row = item / strips;
  if (row >= p.n) { return; }
  let source = mul_hi_lo(block_words(row / 4u)[row % 4u], p.range).x;
  let first = (item % strips) * GATHER_COLS;
  let last = min(first + GATHER_COLS, p.cols);
  for (var c = first; c < last; c++) {
    out[p.out_index + row * p.cols + c] = data[source * p.cols + c];
  }
}

@compute @workgroup_size(64)
fn rng_onehot_rows(@builtin(global_invocation_id) gid: vec3<u32>) {
  let width = p.cols + p.range;
  let item = gid.y * p.row_width + gid.x;
  let row = item / width;
  if (row >= p.n) { return; }
  let c = item % width;
  var value: f32;
  if (c < p.cols) {
    value = data[row * p.cols + c];
  } else {
    let label = select(mul_hi_lo(block_words(row / 4u)[row % 4u], p.range).x, u32(p.a), p.a >= 0.0);
    value = select(0.0, 1.0, c - p.cols == label);
  }
  out[p.out_index + item] = value;
}

@compute @workgroup_size(64)
fn take_columns(@builtin(global_invocation_id) gid: vec3<u32>) {
  let item = gid.y * p.row_width + gid.x;
  if (item >= p.n * p.cols) { return; }
  out[item] = data[(item / p.cols) * p.range + item % p.cols];
}

@compute @workgroup_size(1)
fn rng_advance() {  // takes no params
  let lo = rng_state[0] + 1u;
  rng_state[0] = lo;
  if (lo == 0u) { rng_state[1] = rng_state[1] + 1u; }
}
