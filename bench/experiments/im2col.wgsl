// im2col.wgsl (an experiment, bench/experiments/im2col.ts): a conv2d forward as im2col, then the engine's matmul,
// then the rows back to NCHW with the bias and the activation.
//   im2col        cols (B OH OW, Cin K K): cols[(n, oy, ox), (ci, ky, kx)] = x[n, ci, oy s - p + ky, ox s - p + kx] (0 outside)
//   rows_to_nchw  out[n, co, oy, ox] = rows[(n, oy, ox), co] + b[co]
struct P { batch: u32, cin: u32, h: u32, w: u32, cout: u32, oh: u32, ow: u32, k: u32, s: u32, pad: u32, total: u32, row_width: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> dst: array<f32>;
@group(0) @binding(2) var<storage, read> src: array<f32>;
@group(0) @binding(3) var<storage, read> b: array<f32>;

@compute @workgroup_size(64)
fn im2col(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.y * p.row_width + gid.x;
  if (i >= p.total) { return; }
  let taps = p.cin * p.k * p.k;
  let col = i % taps;
  let row = i / taps;
  let kx = col % p.k;
  let ky = (col / p.k) % p.k;
  let ci = col / (p.k * p.k);
  let ox = row % p.ow;
  let oy = (row / p.ow) % p.oh;
  let n = row / (p.ow * p.oh);
  let y = i32(oy * p.s + ky) - i32(p.pad);
  let x = i32(ox * p.s + kx) - i32(p.pad);
  let inside = y >= 0 && y < i32(p.h) && x >= 0 && x < i32(p.w);
  dst[i] = select(0.0, src[((n * p.cin + ci) * p.h + u32(select(0, y, inside))) * p.w + u32(select(0, x, inside))], inside);
}

@compute @workgroup_size(64)
fn rows_to_nchw(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.y * p.row_width + gid.x;
  if (i >= p.total) { return; }
  let plane = p.oh * p.ow;
  let q = i % plane;
  let co = (i / plane) % p.cout;
  let n = i / (plane * p.cout);
  dst[i] = src[(n * plane + q) * p.cout + co] + b[co];
}
