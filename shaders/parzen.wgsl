// parzen.wgsl: the Parzen-window (Gaussian kernel density) log-likelihood of points under a set of samples, for
// several window widths in one pass, as in Table 1 of Goodfellow et al. (2014).
//
// Entry points:
//   row_sq_norm_forward  out (rows) = sum over c of x (rows, cols)^2; one invocation per row
//   parzen_forward       out (points, widths) = log( 1/samples sum_j N(x_t; s_j, sigma_w^2 I) ), from
//                        dots (points, samples) = x . s^T (linear_backward_input computes it), x_sq (points) and
//                        s_sq (samples), the rows' squared norms, and sigmas (widths); one workgroup of 64 per point
// Bindings: 0 params; 1 out; 2 x (row_sq_norm_forward); 3 dots; 4 x_sq; 5 s_sq; 6 sigmas.
//
// ||x - s||^2 = ||x||^2 + ||s||^2 - 2 x.s puts the work in the engine's matmul; the difference is clamped at 0, since
// rounding can take it just below. The sum over samples is a log-sum-exp kept online per invocation (running max
// and the sum scaled to it) and merged across the workgroup, so no exp under- or overflows however far a point is.

const MAX_WIDTHS: u32 = 16u;
const WG: u32 = 64u;
const FAR_BELOW: f32 = -3.0e38; // the running max before any term: finite, so merging two empty partials gives 0, not NaN

struct ParzenParams {
  points: u32,
  samples: u32,
  dims: u32,       // row_sq_norm_forward: columns; parzen_forward: the dimension d of the normalising constant
  widths: u32,     // at most MAX_WIDTHS
  row_width: u32,  // row_sq_norm_forward: invocations per row of the dispatch grid
}

@group(0) @binding(0) var<uniform> p: ParzenParams;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read> dots: array<f32>;
@group(0) @binding(4) var<storage, read> x_sq: array<f32>;
@group(0) @binding(5) var<storage, read> s_sq: array<f32>;
@group(0) @binding(6) var<storage, read> sigmas: array<f32>;

@compute @workgroup_size(256)
fn row_sq_norm_forward(@builtin(global_invocation_id) gid: vec3<u32>) {
  let row = gid.y * p.row_width + gid.x;
  if (row >= p.points) { return; }
  var sum = 0.0;
  for (var c = 0u; c < p.dims; c++) {
    let v = x[row * p.dims + c];
    sum += v * v;
  }
  out[row] = sum;
}

var<workgroup> partial_max: array<f32, 1024>; // WG x MAX_WIDTHS
var<workgroup> partial_sum: array<f32, 1024>;

@compute @workgroup_size(64)
fn parzen_forward(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let point = wg.x;
  let widths = min(p.widths, MAX_WIDTHS);
  var scale: array<f32, 16>; // -1 / (2 sigma^2)
  var run_max: array<f32, 16>;
  var run_sum: array<f32, 16>;
  for (var w = 0u; w < widths; w++) {
    let s = sigmas[w];
    scale[w] = -0.5 / (s * s);
    run_max[w] = FAR_BELOW;
    run_sum[w] = 0.0;
  }
  let xx = x_sq[point];
  let row = point * p.samples;
  for (var j = t; j < p.samples; j += WG) {
    let d2 = max(xx + s_sq[j] - 2.0 * dots[row + j], 0.0);
    for (var w = 0u; w < widths; w++) {
      let e = d2 * scale[w];
      if (e > run_max[w]) {
        run_sum[w] = run_sum[w] * exp(run_max[w] - e) + 1.0;
        run_max[w] = e;
      } else {
        run_sum[w] += exp(e - run_max[w]);
      }
    }
  }
  for (var w = 0u; w < widths; w++) {
    partial_max[w * WG + t] = run_max[w];
    partial_sum[w * WG + t] = run_sum[w];
  }
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride >>= 1u) {
    if (t < stride) {
      for (var w = 0u; w < widths; w++) {
        let a = w * WG + t;
        let b = a + stride;
        let m = max(partial_max[a], partial_max[b]);
        partial_sum[a] = partial_sum[a] * exp(partial_max[a] - m) + partial_sum[b] * exp(partial_max[b] - m);
        partial_max[a] = m;
      }
    }
    workgroupBarrier();
  }
  if (t == 0u) {
    let log_samples = log(f32(p.samples));
    let half_log_two_pi = 0.9189385332046727;
    for (var w = 0u; w < widths; w++) {
      let log_norm = f32(p.dims) * (log(sigmas[w]) + half_log_two_pi);
      out[point * p.widths + w] = partial_max[w * WG] + log(partial_sum[w * WG]) - log_samples - log_norm;
    }
  }
}
