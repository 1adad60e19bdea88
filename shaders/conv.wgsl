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
//           weight gradient: 6 small, 7 big, 8 dw, 9 db, 10 guard, 11 dpre (db's source).
//
// Blocking: a gather invocation computes CB destination channels x 4 neighbouring positions along a row (CB x 4
// registers; CB an override, smaller where the destination has few channels), reading 4 source values and CB
// weights per tap; a weight-gradient invocation computes CB small-side channels x KB taps along a kernel row.
// No workgroup memory and no barriers, as the linear kernels (they are what is fast on SwiftShader).

override CB: u32 = 4u;  // channels per invocation: 1, 2, 4 or 8
override KB: u32 = 4u;  // weight gradient: taps along a kernel row per invocation, 1 or 4

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

// Where a gather invocation writes: row n, channels c0.., row y, positions x0..x0+3.
struct Block { n: u32, c0: u32, y: u32, x0: u32, inside: bool }

fn block_of(item: u32, d: Grid) -> Block {
  let xs = (d.w + 3u) / 4u;
  let cs = (d.c + CB - 1u) / CB;
  var t = item;
  let xb = t % xs; t /= xs;
  let y = t % d.h; t /= d.h;
  let cb = t % cs; t /= cs;
  return Block(t, cb * CB, y, xb * 4u, t < p.batch);
}

fn item_of(gid: vec3<u32>) -> u32 { return gid.y * p.row_width + gid.x; }

// The sums of a block: acc[j] holds channel c0 + j at the 4 positions.
fn gather(at: Block, d: Grid, s: Grid, dilated: bool) -> array<vec4<f32>, 8> {
  var acc: array<vec4<f32>, 8>;
  let K = p.kernel;
  let stride = i32(p.stride);
  let pad = i32(p.padding);
  // the weight of (dst channel c, src channel sc, tap): strided [c][sc], dilated [sc][c]
  let w_dst_step = select(s.c * K * K, K * K, dilated);
  let w_src_step = select(K * K, d.c * K * K, dilated);
  for (var sc = 0u; sc < s.c; sc++) {
    let plane = (at.n * s.c + sc) * s.h * s.w;
    for (var ky = 0u; ky < K; ky++) {
      var sy: i32;
      if (dilated) {
        let t = i32(at.y) + pad - i32(ky);
        if (t < 0 || t % stride != 0) { continue; }
        sy = t / stride;
      } else {
        sy = i32(at.y) * stride - pad + i32(ky);
        if (sy < 0) { continue; }
      }
      if (sy >= i32(s.h)) { continue; }
      let row = plane + u32(sy) * s.w;
      for (var kx = 0u; kx < K; kx++) {
        var v: vec4<f32>;
        for (var j = 0u; j < 4u; j++) {
          var sx: i32;
          var ok: bool;
          if (dilated) {
            let t = i32(at.x0 + j) + pad - i32(kx);
            sx = t / stride;
            ok = t >= 0 && t % stride == 0 && sx < i32(s.w);
          } else {
            sx = i32(at.x0 + j) * stride - pad + i32(kx);
            ok = sx >= 0 && sx < i32(s.w);
          }
          v[j] = select(0.0, src[row + u32(select(0, sx, ok))], ok);
        }
        let w0 = sc * w_src_step + ky * K + kx;
        for (var j = 0u; j < CB; j++) {
          let c = min(at.c0 + j, d.c - 1u);  // past the last channel: a valid weight, never stored
          acc[j] += w[w0 + c * w_dst_step] * v;
        }
      }
    }
  }
  return acc;
}

// out = act(acc + b), for the block's channels and positions inside the output.
fn store_forward(at: Block, d: Grid, acc: array<vec4<f32>, 8>) {
  for (var j = 0u; j < CB; j++) {
    let c = at.c0 + j;
    if (c >= d.c) { return; }
    let base = ((at.n * d.c + c) * d.h + at.y) * d.w;
    for (var i = 0u; i < 4u; i++) {
      if (at.x0 + i < d.w) { dst[base + at.x0 + i] = activate(acc[j][i] + b[c]); }
    }
  }
}

// dx = acc * act_in'(x): x is the layer's input, the output of the activation below.
fn store_input_gradient(at: Block, d: Grid, acc: array<vec4<f32>, 8>) {
  for (var j = 0u; j < CB; j++) {
    let c = at.c0 + j;
    if (c >= d.c) { return; }
    let base = ((at.n * d.c + c) * d.h + at.y) * d.w;
    for (var i = 0u; i < 4u; i++) {
      let at_x = base + at.x0 + i;
      if (at.x0 + i < d.w) { dst[at_x] = acc[j][i] * input_activation_grad(act_x[at_x]); }
    }
  }
}

@compute @workgroup_size(64)
fn conv2d_forward(@builtin(global_invocation_id) gid: vec3<u32>) {
  let at = block_of(item_of(gid), layer_out());
  if (!at.inside) { return; }
  store_forward(at, layer_out(), gather(at, layer_out(), layer_in(), false));
}

@compute @workgroup_size(64)
fn conv2d_backward_input(@builtin(global_invocation_id) gid: vec3<u32>) {
  let at = block_of(item_of(gid), layer_in());
  if (!at.inside) { return; }
  store_input_gradient(at, layer_in(), gather(at, layer_in(), layer_out(), true));
}

@compute @workgroup_size(64)
fn conv_transpose2d_forward(@builtin(global_invocation_id) gid: vec3<u32>) {
  let at = block_of(item_of(gid), layer_out());
  if (!at.inside) { return; }
  store_forward(at, layer_out(), gather(at, layer_out(), layer_in(), true));
}

@compute @workgroup_size(64)
fn conv_transpose2d_backward_input(@builtin(global_invocation_id) gid: vec3<u32>) {
  let at = block_of(item_of(gid), layer_in());
  if (!at.inside) { return; }
  store_input_gradient(at, layer_in(), gather(at, layer_in(), layer_out(), false));
}

// The weight gradient: dw[a][b][ky][kx] = sum over rows n and small-side positions g of small[n, a, g] *
// big[n, b, g*s - p + k], a the small side's channel (conv2d: dpre's; transposed: x's), b the big side's. The
// invocations past dw's blocks sum db, one output channel each, over dpre (binding 11).
fn weight_blocks(sm: Grid, bg: Grid) -> u32 {
  return ((sm.c + CB - 1u) / CB) * bg.c * p.kernel * ((p.kernel + KB - 1u) / KB);
}

fn weight_gradient(item: u32, sm: Grid, bg: Grid) {
  let K = p.kernel;
  let kbs = (K + KB - 1u) / KB;
  var t = item;
  let kx0 = (t % kbs) * KB; t /= kbs;
  let ky = t % K; t /= K;
  let bc = t % bg.c; t /= bg.c;
  let a0 = t * CB;
  if (a0 >= sm.c) { return; }
  let stride = i32(p.stride);
  let pad = i32(p.padding);
  var acc: array<vec4<f32>, 8>;
  for (var n = 0u; n < p.batch; n++) {
    let big_plane = (n * bg.c + bc) * bg.h * bg.w;
    let small_plane = n * sm.c * sm.h * sm.w;
    for (var gy = 0u; gy < sm.h; gy++) {
      let by = i32(gy) * stride - pad + i32(ky);
      if (by < 0 || by >= i32(bg.h)) { continue; }
      let big_row = big_plane + u32(by) * bg.w;
      for (var gx = 0u; gx < sm.w; gx++) {
        var v: vec4<f32>;
        for (var j = 0u; j < KB; j++) {
          let bx = i32(gx) * stride - pad + i32(kx0 + j);
          let ok = bx >= 0 && bx < i32(bg.w) && kx0 + j < K;
          v[j] = select(0.0, big[big_row + u32(select(0, bx, ok))], ok);
        }
        let g = gy * sm.w + gx;
        for (var j = 0u; j < CB; j++) {
          let a = min(a0 + j, sm.c - 1u);
          acc[j] += small[small_plane + a * sm.h * sm.w + g] * v;
        }
      }
    }
  }
  for (var j = 0u; j < CB; j++) {
    let a = a0 + j;
    if (a >= sm.c) { break; }
    for (var i = 0u; i < KB; i++) {
      if (kx0 + i >= K) { break; }
      let at = ((a * bg.c + bc) * K + ky) * K + kx0 + i;
      let value = select(0.0, dw[at], p.accumulate != 0u) + acc[j][i];
      note_nonfinite(value);
      dw[at] = value;
    }
  }
}

fn bias_gradient(c: u32) {
  if (c >= p.out_channels) { return; }
  let plane = p.out_h * p.out_w;
  var sum = 0.0;
  for (var n = 0u; n < p.batch; n++) {
    let base = (n * p.out_channels + c) * plane;
    for (var i = 0u; i < plane; i++) { sum += bias_src[base + i]; }
  }
  let value = select(0.0, db[c], p.accumulate != 0u) + sum;
  note_nonfinite(value);
  db[c] = value;
}

@compute @workgroup_size(64)
fn conv2d_backward_weight(@builtin(global_invocation_id) gid: vec3<u32>) {
  let item = item_of(gid);
  let blocks = weight_blocks(layer_out(), layer_in());
  if (item < blocks) { weight_gradient(item, layer_out(), layer_in()); } else { bias_gradient(item - blocks); }
  report_nonfinite();
}

@compute @workgroup_size(64)
fn conv_transpose2d_backward_weight(@builtin(global_invocation_id) gid: vec3<u32>) {
  let item = item_of(gid);
  let blocks = weight_blocks(layer_in(), layer_out());
  if (item < blocks) { weight_gradient(item, layer_in(), layer_out()); } else { bias_gradient(item - blocks); }
  report_nonfinite();
}
