// conv.wgsl: 2-D convolution and transposed convolution, forward and backward, as implicit GEMMs over NCHW rows
// (no im2col buffer: each invocation gathers its operands straight from the tensors).
//
// Sizes are the layer's: input (in_channels, in_h, in_w), output (out_channels, out_h, out_w), square kernel K,
// stride s, padding p. Weights as PyTorch holds them: conv2d (out, in, K, K), conv_transpose2d (in, out, K, K).
//   conv2d_forward                   out = act(conv(x, w) + b)                      gathers x at o*s - p + k
//   conv2d_backward_input            dx = (dpre through the taps) * act_in'(x)     gathers dpre at (i + p - k) / s
//   conv2d_backward_weight           dw (out, in, K, K) [+]= sum dpre * x, db [+]= sum dpre
//   conv_transpose2d_forward         out = act(conv_transpose(x, w) + b)            gathers x at (o + p - k) / s
//   conv_transpose2d_backward_input  dx = (dpre through the taps) * act_in'(x)     gathers dpre at i*s - p + k
//   conv_transpose2d_backward_weight dw (in, out, K, K) [+]= sum x * dpre, db [+]= sum dpre
// So there are two gathers: 'strided' (the source position is dst*s - p + k; the weight is [dst channel][src
// channel]) and 'dilated' (the source is (dst + p - k) / s where that divides; the weight is [src][dst]), and one
// weight gradient: a sum over the positions of the strided side ("small") of small * big at small*s - p + k.
// Bindings: 0 params; 1 dst (out or dx), 2 src (x or dpre), 3 w, 4 b, 5 act_x (the layer's input, for act_in');
//           weight gradient: 6 small, 7 big, 8 dw, 9 db, 10 guard, 11 dpre (db's source), 13 scratch.
//
// Blocking: a gather invocation computes CB destination channels x 4 neighbouring positions along a row (CB x 4
// registers; CB an override, smaller where the destination has few channels), reading 4 source values and CB
// weights per tap; a weight-gradient invocation computes CB small-side channels x KB taps along a kernel row.
// No workgroup memory and no barriers, as the linear kernels (they are what is fast on SwiftShader).

override CB: u32 = 4u;      // channels per invocation: 1, 2, 4 or 8
override KB: u32 = 4u;      // weight gradient: taps along a kernel row per invocation, 1 or 4
override KSIZE: u32 = 3u;   // the gathers: the kernel's side and the stride, as constants (loops the compiler can
override STRIDE: u32 = 1u;  // unroll, and a row of sources held in registers), = p.kernel and p.stride

struct ConvParams {
  batch: u32,
  in_channels: u32,
  in_h: u32,
  in_w: u32,
  out_channels: u32,
  out_h: u32,
  out_w: u32,
  kernel: u32,
  stride: u32,
  padding: u32,
  accumulate: u32,   // weight gradient: 1 adds into dw and db, 0 overwrites them
  guard_bit: u32,    // weight gradient: a non-finite dw or db sets guard[0] |= guard_bit (0: not checked)
  row_width: u32,    // invocations per row of the 2-D grid (set by the registry)
  slices: u32,       // weight gradient: slices of the batch summed apart (set by the registry)
}

@group(0) @binding(0) var<uniform> p: ConvParams;
@group(0) @binding(1) var<storage, read_write> dst: array<f32>;
@group(0) @binding(2) var<storage, read> src: array<f32>;
@group(0) @binding(3) var<storage, read> w: array<f32>;
@group(0) @binding(4) var<storage, read> b: array<f32>;
@group(0) @binding(5) var<storage, read> act_x: array<f32>;
@group(0) @binding(6) var<storage, read> small: array<f32>;
@group(0) @binding(7) var<storage, read> big: array<f32>;
@group(0) @binding(8) var<storage, read_write> dw: array<f32>;
@group(0) @binding(9) var<storage, read_write> db: array<f32>;
@group(0) @binding(10) var<storage, read_write> guard: array<atomic<u32>>;
@group(0) @binding(11) var<storage, read> bias_src: array<f32>;

// One side of a gather: channels x height x width.
struct Grid { c: u32, h: u32, w: u32 }
fn layer_in() -> Grid { return Grid(p.in_channels, p.in_h, p.in_w); }
fn layer_out() -> Grid { return Grid(p.out_channels, p.out_h, p.out_w); }

// Where a gather invocation writes: row n, channels c0.., row y, positions x0 + i * xstep (i < 4).
struct Block { n: u32, c0: u32, y: u32, x0: u32, xstep: u32, inside: bool }

// The strided gathers' positions are 4 neighbours; the dilated gathers' are 4 of one phase (x0, x0 + s, ...), so
// that every tap reads 4 neighbouring sources or none (no tap is computed only to be thrown away).
fn block_of(item: u32, d: Grid, dilated: bool) -> Block {
  let S = select(1u, STRIDE, dilated);
  let quads = ((d.w + S - 1u) / S + 3u) / 4u;  // blocks of 4 per phase
  let xs = S * quads;
  let cs = (d.c + CB - 1u) / CB;
  var t = item;
  let xb = t % xs; t /= xs;
  let y = t % d.h; t /= d.h;
  let cb = t % cs; t /= cs;
  return Block(t, cb * CB, y, (xb % quads) * 4u * S + xb / quads, S, t < p.batch);
}

fn item_of(gid: vec3<u32>) -> u32 { return gid.y * p.row_width + gid.x; }


// A block's sums in named registers (an array indexed in a loop may live in memory, which made these kernels
// several times slower on SwiftShader): channel c0 + j in a<j>, its 4 positions in the vec4's components.
struct Acc { a0: vec4<f32>, a1: vec4<f32>, a2: vec4<f32>, a3: vec4<f32>, a4: vec4<f32>, a5: vec4<f32>, a6: vec4<f32>, a7: vec4<f32> }

fn acc_channel(acc: Acc, j: u32) -> vec4<f32> {
  switch j {
    case 0u: { return acc.a0; }
    case 1u: { return acc.a1; }
    case 2u: { return acc.a2; }
    case 3u: { return acc.a3; }
    case 4u: { return acc.a4; }
    case 5u: { return acc.a5; }
    case 6u: { return acc.a6; }
    default: { return acc.a7; }
  }
}

// Where each of the block's channels starts in w (channel c0 + j at k<j>; past the last channel, the last one's:
// valid weights, whose sums are never stored). Computed once per invocation, not per tap.
struct Bases { k0: u32, k1: u32, k2: u32, k3: u32, k4: u32, k5: u32, k6: u32, k7: u32 }

fn bases_of(c0: u32, last: u32, step: u32) -> Bases {
  return Bases(min(c0, last) * step, min(c0 + 1u, last) * step, min(c0 + 2u, last) * step, min(c0 + 3u, last) * step,
    min(c0 + 4u, last) * step, min(c0 + 5u, last) * step, min(c0 + 6u, last) * step, min(c0 + 7u, last) * step);
}

// acc[j] += w[w0 + base of channel c0 + j] * v for the CB channels; the CB tests are on an override, so they
// compile away.
fn add_taps(acc: ptr<function, Acc>, v: vec4<f32>, w0: u32, k: Bases) {
  (*acc).a0 += w[w0 + k.k0] * v;
  if (CB > 1u) { (*acc).a1 += w[w0 + k.k1] * v; }
  if (CB > 2u) {
    (*acc).a2 += w[w0 + k.k2] * v;
    (*acc).a3 += w[w0 + k.k3] * v;
  }
  if (CB > 4u) {
    (*acc).a4 += w[w0 + k.k4] * v;
    (*acc).a5 += w[w0 + k.k5] * v;
    (*acc).a6 += w[w0 + k.k6] * v;
    (*acc).a7 += w[w0 + k.k7] * v;
  }
}

// The block's 4 source columns along a row (sx0 + i dx) clamped into it, and which of them lie inside: the same for
// every source channel and row, so found once per tap column.
struct Columns { at: vec4<u32>, inside: vec4<bool> }

fn columns(sx0: i32, dx: i32, width: u32) -> Columns {
  let sx = vec4(sx0) + vec4(0, 1, 2, 3) * dx;
  let inside = (sx >= vec4(0)) & (sx < vec4(i32(width)));
  return Columns(vec4<u32>(select(vec4(0), sx, inside)), inside);
}

fn sources(row: u32, c: Columns) -> vec4<f32> {
  return select(vec4(0.0), vec4(src[row + c.at.x], src[row + c.at.y], src[row + c.at.z], src[row + c.at.w]), c.inside);
}

// dst[c][y][x0 + i] = sum over source channels sc and taps (ky, kx) of w[c][sc][ky][kx] * src[sc][y s - p + ky]
// [(x0 + i) s - p + kx]. Past the last channel a block reads valid weights (clamped) whose sums are never stored.
fn gather_strided(at: Block, d: Grid, s: Grid) -> Acc {
  var acc: Acc;
  let pad = i32(p.padding);
  let x_first = i32(at.x0 * STRIDE) - pad;
  let k = bases_of(at.c0, d.c - 1u, s.c * KSIZE * KSIZE);
  for (var kx = 0u; kx < KSIZE; kx++) {
    let cols = columns(x_first + i32(kx), i32(STRIDE), s.w);
    for (var sc = 0u; sc < s.c; sc++) {
      let plane = (at.n * s.c + sc) * s.h * s.w;
      for (var ky = 0u; ky < KSIZE; ky++) {
        let sy = i32(at.y * STRIDE + ky) - pad;
        if (sy < 0 || sy >= i32(s.h)) { continue; }
        add_taps(&acc, sources(plane + u32(sy) * s.w, cols), (sc * KSIZE + ky) * KSIZE + kx, k);
      }
    }
  }
  return acc;
}

// dst[c][y][x] = sum over source channels sc and taps (ky, kx) with s | (y + p - ky) and s | (x + p - kx) of
// w[sc][c][ky][kx] * src[sc][(y + p - ky) / s][(x + p - kx) / s]. The block's positions share a phase, so a tap
// either reads 4 neighbouring sources or is skipped for all 4.
fn gather_dilated(at: Block, d: Grid, s: Grid) -> Acc {
  var acc: Acc;
  let pad = at.y + p.padding;  // the taps that reach row y: ky = (y + p) mod s, + s, ..., and the same along x
  let px = at.x0 + p.padding;
  let k = bases_of(at.c0, d.c - 1u, KSIZE * KSIZE);
  for (var kx = px % STRIDE; kx < KSIZE; kx += STRIDE) {
    // positions x0 + i s read sources (x0 + p - kx) / s + i: negative ones (kx > x0 + p) read 0
    let cols = columns((i32(px) - i32(kx)) / i32(STRIDE), 1, s.w);
    for (var sc = 0u; sc < s.c; sc++) {
      let plane = (at.n * s.c + sc) * s.h * s.w;
      for (var ky = pad % STRIDE; ky < KSIZE; ky += STRIDE) {
        if (ky > pad) { break; }
        let sy = (pad - ky) / STRIDE;
        if (sy >= s.h) { continue; }
        add_taps(&acc, sources(plane + sy * s.w, cols), (sc * d.c * KSIZE + ky) * KSIZE + kx, k);
      }
    }
  }
  return acc;
}

// The two stores differ only in their epilogue, but a shared one would name both b and act_x, and each entry point
// would then have to bind both (a binding an entry point reaches is in its layout).
// out = act(acc + b), for the block's channels and positions inside the output.
fn store_forward(at: Block, d: Grid, acc: Acc) {
  for (var j = 0u; j < CB; j++) {
    let c = at.c0 + j;
    if (c >= d.c) { return; }
    let base = ((at.n * d.c + c) * d.h + at.y) * d.w;
    let sums = acc_channel(acc, j);
    for (var i = 0u; i < 4u; i++) {
      let x = at.x0 + i * at.xstep;
      if (x < d.w) { dst[base + x] = activate(sums[i] + b[c]); }
    }
  }
}

// dx = acc * act_in'(x): x is the layer's input, the output of the activation below.
fn store_input_gradient(at: Block, d: Grid, acc: Acc) {
  for (var j = 0u; j < CB; j++) {
    let c = at.c0 + j;
    if (c >= d.c) { return; }
    let base = ((at.n * d.c + c) * d.h + at.y) * d.w;
    let sums = acc_channel(acc, j);
    for (var i = 0u; i < 4u; i++) {
      let x = at.x0 + i * at.xstep;
      if (x < d.w) { dst[base + x] = sums[i] * input_activation_grad(act_x[base + x]); }
    }
  }
}

@compute @workgroup_size(64)
fn conv2d_forward(@builtin(global_invocation_id) gid: vec3<u32>) {
  let at = block_of(item_of(gid), layer_out(), false);
  if (!at.inside) { return; }
  store_forward(at, layer_out(), gather_strided(at, layer_out(), layer_in()));
}

@compute @workgroup_size(64)
fn conv2d_backward_input(@builtin(global_invocation_id) gid: vec3<u32>) {
  let at = block_of(item_of(gid), layer_in(), true);
  if (!at.inside) { return; }
  store_input_gradient(at, layer_in(), gather_dilated(at, layer_in(), layer_out()));
}

@compute @workgroup_size(64)
fn conv_transpose2d_forward(@builtin(global_invocation_id) gid: vec3<u32>) {
  let at = block_of(item_of(gid), layer_out(), true);
  if (!at.inside) { return; }
  store_forward(at, layer_out(), gather_dilated(at, layer_out(), layer_in()));
}

@compute @workgroup_size(64)
fn conv_transpose2d_backward_input(@builtin(global_invocation_id) gid: vec3<u32>) {
  let at = block_of(item_of(gid), layer_in(), false);
  if (!at.inside) { return; }
  store_input_gradient(at, layer_in(), gather_strided(at, layer_in(), layer_out()));
}

// The weight gradient: dw[a][b][ky][kx] = sum over rows n and small-side positions g of small[n, a, g] *
// big[n, b, g*s - p + k], a the small side's channel (conv2d: dpre's; transposed: x's), b the big side's; and db.
// Its sums are long (a first layer: batch x 14 x 14 terms for each of a few hundred weights), so they are split along
// the batch into `slices` (set by the registry) and run as two passes of one dispatch (src/gpu/kernels.ts):
//   *_backward_weight_partial  each invocation a block of CB small-side channels x KB taps of a kernel row, over
//                              its slice's rows, into scratch[slice][dw's index]; the invocations after the
//                              blocks, one per (output channel, slice), db's partial sums into scratch[slice][dw
//                              size + channel]
//   conv_backward_weight_reduce  one invocation per element of dw and db: its slices' partials summed in slice
//                              order (deterministic), added to dw or db when accumulate; a non-finite one raises
//                              the guard
@group(0) @binding(13) var<storage, read_write> scratch: array<f32>;

fn flat_item(gid: vec3<u32>, groups: vec3<u32>) -> u32 { return gid.y * groups.x * 64u + gid.x; }

fn weight_blocks(sm: Grid, bg: Grid) -> u32 {
  return ((sm.c + CB - 1u) / CB) * bg.c * p.kernel * ((p.kernel + KB - 1u) / KB);
}

fn dw_size() -> u32 { return p.in_channels * p.out_channels * p.kernel * p.kernel; }

// Rows [first, end) of the batch in slice `slice`.
fn slice_rows(slice: u32) -> vec2<u32> {
  let per = (p.batch + p.slices - 1u) / p.slices;
  return vec2(min(slice * per, p.batch), min((slice + 1u) * per, p.batch));
}

fn weight_partial(block: u32, slice: u32, sm: Grid, bg: Grid) {
  let K = p.kernel;
  let kbs = (K + KB - 1u) / KB;
  var t = block;
  let kx0 = (t % kbs) * KB; t /= kbs;
  let ky = t % K; t /= K;
  let bc = t % bg.c; t /= bg.c;
  let a0 = t * CB;
  let stride = i32(p.stride);
  let pad = i32(p.padding);
  let plane = sm.h * sm.w;
  let k = bases_of(a0, sm.c - 1u, plane);  // where each of the block's small-side channels starts in a row
  var acc: Acc;
  let rows = slice_rows(slice);
  // gx outermost: the KB taps' big columns and which lie inside the row (and the kernel) are then found once each
  for (var gx = 0u; gx < sm.w; gx++) {
    let bx = vec4(i32(gx) * stride - pad + i32(kx0)) + vec4(0, 1, 2, 3);
    let inside = (bx >= vec4(0)) & (bx < vec4(i32(bg.w))) & (vec4(i32(kx0)) + vec4(0, 1, 2, 3) < vec4(i32(K))) & (vec4(0, 1, 2, 3) < vec4(i32(KB)));
    let cols = vec4<u32>(select(vec4(0), bx, inside));
    for (var n = rows.x; n < rows.y; n++) {
      let big_plane = (n * bg.c + bc) * bg.h * bg.w;
      let small_plane = n * sm.c * plane + gx;
      for (var gy = 0u; gy < sm.h; gy++) {
        let by = i32(gy) * stride - pad + i32(ky);
        if (by < 0 || by >= i32(bg.h)) { continue; }
        let r = big_plane + u32(by) * bg.w;
        let v = select(vec4(0.0), vec4(big[r + cols.x], big[r + cols.y], big[r + cols.z], big[r + cols.w]), inside);
        let g = small_plane + gy * sm.w;
        acc.a0 += small[g + k.k0] * v;
        if (CB > 1u) { acc.a1 += small[g + k.k1] * v; }
        if (CB > 2u) {
          acc.a2 += small[g + k.k2] * v;
          acc.a3 += small[g + k.k3] * v;
        }
      }
    }
  }
  let base = slice * (dw_size() + p.out_channels);
  for (var j = 0u; j < CB; j++) {
    let a = a0 + j;
    if (a >= sm.c) { break; }
    let sums = acc_channel(acc, j);
    for (var i = 0u; i < KB; i++) {
      if (kx0 + i >= K) { break; }
      scratch[base + ((a * bg.c + bc) * K + ky) * K + kx0 + i] = sums[i];
    }
  }
}

fn bias_partial(c: u32, slice: u32) {
  let plane = p.out_h * p.out_w;
  let rows = slice_rows(slice);
  var sum = 0.0;
  for (var n = rows.x; n < rows.y; n++) {
    let base = (n * p.out_channels + c) * plane;
    for (var i = 0u; i < plane; i++) { sum += bias_src[base + i]; }
  }
  scratch[slice * (dw_size() + p.out_channels) + dw_size() + c] = sum;
}

fn partials(item: u32, sm: Grid, bg: Grid) {
  let blocks = weight_blocks(sm, bg);
  if (item < blocks * p.slices) {
    weight_partial(item % blocks, item / blocks, sm, bg);
  } else if (item < (blocks + p.out_channels) * p.slices) {
    let i = item - blocks * p.slices;
    bias_partial(i % p.out_channels, i / p.out_channels);
  }
}

@compute @workgroup_size(64)
fn conv2d_backward_weight_partial(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  partials(flat_item(gid, groups), layer_out(), layer_in());
}

@compute @workgroup_size(64)
fn conv_transpose2d_backward_weight_partial(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  partials(flat_item(gid, groups), layer_in(), layer_out());
}

@compute @workgroup_size(64)
fn conv_backward_weight_reduce(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = flat_item(gid, groups);
  let size = dw_size() + p.out_channels;
  if (i < size) {
    var sum = 0.0;
    for (var s = 0u; s < p.slices; s++) { sum += scratch[s * size + i]; }
    if (i < dw_size()) {
      let value = select(0.0, dw[i], p.accumulate != 0u) + sum;
      note_nonfinite(value);
      dw[i] = value;
    } else {
      let value = select(0.0, db[i - dw_size()], p.accumulate != 0u) + sum;
      note_nonfinite(value);
      db[i - dw_size()] = value;
    }
  }
  report_nonfinite();
}
