// conv_gemm.wgsl: the data movement around the matmul that turns a convolution into one GEMM (src/gpu/conv-gemm.ts
// composes them with the linear kernels into the '_gemm' and '_planar' variants of the conv kernels).
//
// An "image" is NCHW (batch, channels, img_h, img_w); its "columns" (im2col) have one row per position (n, py, px) of
// the strided side (pos_h x pos_w) and one column per tap (c, ky, kx), holding the image at (py s - p + ky, px s - p + kx)
// (0 outside): for conv2d the image is the input and the positions the output; for conv_transpose2d the image is the
// output and the positions the input. "Rows" are an NCHW tensor as rows of channels (n, y, x) x c.
//   conv_im2col                  columns <- image
//   conv_col2im_forward          image = act(sum of the columns over the taps that land on each pixel + b)
//   conv_col2im_backward         image = (that sum) * act_in'(act_x)
//   conv_image_to_rows           rows <- image
//   conv_rows_to_image_forward   image = act(rows + b)
//   conv_rows_to_image_backward  image = rows * act_in'(act_x)
//   conv_channel_sum             db[c] [+]= sum of the image's channel c over the batch and the pixels (the bias gradient)
// One invocation per destination value (im2col: per kernel row of a column; the channel sum: a workgroup per
// channel); col2im gathers, so no atomics.

struct ConvGemmParams {
  batch: u32,
  channels: u32,
  img_h: u32,
  img_w: u32,
  pos_h: u32,
  pos_w: u32,
  kernel: u32,
  stride: u32,
  padding: u32,
  accumulate: u32,   // conv_channel_sum: 1 adds into db, 0 overwrites it
  guard_bit: u32,    // conv_channel_sum: a non-finite db sets guard[0] |= guard_bit (0: not checked)
  row_width: u32,    // invocations per row of the 2-D grid (set by the registry)
}

@group(0) @binding(0) var<uniform> p: ConvGemmParams;
@group(0) @binding(1) var<storage, read_write> dst: array<f32>;
@group(0) @binding(2) var<storage, read> src: array<f32>;
@group(0) @binding(3) var<storage, read> b: array<f32>;
@group(0) @binding(4) var<storage, read> act_x: array<f32>;
@group(0) @binding(5) var<storage, read_write> db: array<f32>;
@group(0) @binding(6) var<storage, read_write> guard: array<atomic<u32>>;

fn item_of(gid: vec3<u32>) -> u32 { return gid.y * p.row_width + gid.x; }
fn taps() -> u32 { return p.channels * p.kernel * p.kernel; }
fn plane() -> u32 { return p.img_h * p.img_w; }

// One invocation per position, channel and kernel row: the kernel row's K columns are consecutive, so it writes them in
// a loop with its divisions done once (SwiftShader divides integers one lane at a time: one invocation per column,
// each dividing its index six ways, made the unfolding a fifth of the GEMM form's time).
@compute @workgroup_size(64)
fn conv_im2col(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = item_of(gid);
  if (i >= p.batch * p.pos_h * p.pos_w * p.channels * p.kernel) { return; }
  let ky = i % p.kernel;
  let c = (i / p.kernel) % p.channels;
  let row = i / (p.kernel * p.channels);
  let px = row % p.pos_w;
  let py = (row / p.pos_w) % p.pos_h;
  let n = row / (p.pos_w * p.pos_h);
  let y = i32(py * p.stride + ky) - i32(p.padding);
  let x0 = i32(px * p.stride) - i32(p.padding);
  let row_inside = y >= 0 && y < i32(p.img_h);
  let line = (n * p.channels + c) * plane() + u32(select(0, y, row_inside)) * p.img_w;
  let first = row * taps() + (c * p.kernel + ky) * p.kernel;
  for (var kx = 0u; kx < p.kernel; kx++) {
    let x = x0 + i32(kx);
    let inside = row_inside && x >= 0 && x < i32(p.img_w);
    dst[first + kx] = select(0.0, src[line + u32(select(0, x, inside))], inside);
  }
}

// The image's value i gathered from the columns: the taps (ky, kx) whose position (y + p - ky) / s, (x + p - kx) / s
// is whole and inside. Those are ky = (y + p) % s, + s, ..., at rows (y + p) / s, - 1, ... (and the same along x):
// the loops visit only them and step the positions, with no integer division per tap (SwiftShader divides integers
// one lane at a time; testing all K x K taps with % and / made this pass as slow as half the matmul it follows).
fn col2im_sum(i: u32) -> f32 {
  let x = i % p.img_w;
  let y = (i / p.img_w) % p.img_h;
  let c = (i / plane()) % p.channels;
  let n = i / (plane() * p.channels);
  let row0 = n * p.pos_h;
  let tap0 = c * p.kernel * p.kernel;
  var sum = 0.0;
  var ty = i32((y + p.padding) / p.stride);
  for (var ky = (y + p.padding) % p.stride; ky < p.kernel; ky += p.stride) {
    if (ty >= 0 && u32(ty) < p.pos_h) {
      var tx = i32((x + p.padding) / p.stride);
      for (var kx = (x + p.padding) % p.stride; kx < p.kernel; kx += p.stride) {
        if (tx >= 0 && u32(tx) < p.pos_w) {
          sum += src[((row0 + u32(ty)) * p.pos_w + u32(tx)) * taps() + tap0 + ky * p.kernel + kx];
        }
        tx -= 1;
      }
    }
    ty -= 1;
  }
  return sum;
}

@compute @workgroup_size(64)
fn conv_col2im_forward(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = item_of(gid);
  if (i >= p.batch * p.channels * plane()) { return; }
  dst[i] = activate(col2im_sum(i) + b[(i / plane()) % p.channels]);
}

@compute @workgroup_size(64)
fn conv_col2im_backward(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = item_of(gid);
  if (i >= p.batch * p.channels * plane()) { return; }
  dst[i] = col2im_sum(i) * input_activation_grad(act_x[i]);
}

// The row-major rows' index of the image's value i.
fn row_index(i: u32) -> u32 {
  let q = i % plane();
  let c = (i / plane()) % p.channels;
  let n = i / (plane() * p.channels);
  return (n * plane() + q) * p.channels + c;
}

@compute @workgroup_size(64)
fn conv_image_to_rows(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = item_of(gid);
  if (i >= p.batch * p.channels * plane()) { return; }
  dst[row_index(i)] = src[i];
}

@compute @workgroup_size(64)
fn conv_rows_to_image_forward(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = item_of(gid);
  if (i >= p.batch * p.channels * plane()) { return; }
  dst[i] = activate(src[row_index(i)] + b[(i / plane()) % p.channels]);
}

@compute @workgroup_size(64)
fn conv_rows_to_image_backward(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = item_of(gid);
  if (i >= p.batch * p.channels * plane()) { return; }
  dst[i] = src[row_index(i)] * input_activation_grad(act_x[i]);
}

const SUM_THREADS: u32 = 64u;
var<workgroup> partial: array<f32, SUM_THREADS>;

// One workgroup per channel: each invocation sums a stride of the channel's values (in a fixed order, so the result
// is the same on every run), then a tree in workgroup memory.
@compute @workgroup_size(SUM_THREADS)
fn conv_channel_sum(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let c = wg.x;
  let count = p.batch * plane();
  var sum = 0.0;
  for (var j = lid; j < count; j += SUM_THREADS) {
    let n = j / plane();
    sum += src[(n * p.channels + c) * plane() + j % plane()];
  }
  partial[lid] = sum;
  workgroupBarrier();
  for (var half = SUM_THREADS / 2u; half > 0u; half /= 2u) {
    if (lid < half) { partial[lid] += partial[lid + half]; }
    workgroupBarrier();
  }
  if (lid == 0u) {
    let value = select(0.0, db[c], p.accumulate != 0u) + partial[0];
    note_nonfinite(value);
    db[c] = value;
    report_nonfinite();
  }
}
