// softmax.wgsl: the fused softmax + cross-entropy of a classifier, loss and gradient from logits in one pass, with the
// minibatch's accuracy.
//
// Entry point: softmax_ce_forward_backward, one workgroup of 256 over n rows of `classes` logits, each row's label an
// integer class stored as a float (labels [i]); every invocation takes rows t, t + 256, ...
//   with m = max_j x_j and lse = m + log sum_j exp(x_j - m) (no exp overflows, one term is exp(0) = 1):
//   l_i = lse - x_{i, y_i}                               dl_i / dx_ij = softmax_ij - [j = y_i]
//   dlogits [i, j] = scale * dl_i / dx_ij / n            (overwritten)
//   metrics [loss_index] (+)= mean l_i                   (accumulate chooses)
//   metrics [loss_index + 1] = the share of rows whose largest logit is their label's (ties: the first largest)
// Labels are whole numbers in [0, classes), checked on the CPU where a dataset is made (src/train/classifier.ts).
// Bindings: 0 params, 1 dlogits, 2 metrics, 3 logits, 4 labels.

struct SoftmaxParams {
  n: u32,
  classes: u32,
  scale: f32,
  accumulate: u32,
  loss_index: u32,
}

@group(0) @binding(0) var<uniform> p: SoftmaxParams;
@group(0) @binding(1) var<storage, read_write> dlogits: array<f32>;
@group(0) @binding(2) var<storage, read_write> metrics: array<f32>;
@group(0) @binding(3) var<storage, read> logits: array<f32>;
@group(0) @binding(4) var<storage, read> labels: array<f32>;

var<workgroup> partial: array<vec2<f32>, 256>;

@compute @workgroup_size(256)
fn softmax_ce_forward_backward(@builtin(local_invocation_index) t: u32) {
  let c = p.classes;
  let inv_n = 1.0 / f32(max(p.n, 1u));
  var sum = vec2(0.0);  // loss, rows right
  for (var i = t; i < p.n; i += 256u) {
    let row = i * c;
    var m = logits[row];
    var best = 0u;
    for (var j = 1u; j < c; j++) {
      let x = logits[row + j];
      if (x > m) { m = x; best = j; }
    }
    var z = 0.0;
    for (var j = 0u; j < c; j++) { z += exp(logits[row + j] - m); }
    let lse = m + log(z);
    let y = min(u32(labels[i]), c - 1u);
    sum += vec2(lse - logits[row + y], select(0.0, 1.0, best == y));
    for (var j = 0u; j < c; j++) {
      let s = exp(logits[row + j] - lse);
      dlogits[row + j] = p.scale * (s - select(0.0, 1.0, j == y)) * inv_n;
    }
  }
  partial[t] = sum;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (t < stride) { partial[t] += partial[t + stride]; }
    workgroupBarrier();
  }
  if (t == 0u) {
    metrics[p.loss_index] = select(0.0, metrics[p.loss_index], p.accumulate != 0u) + partial[0].x * inv_n;
    metrics[p.loss_index + 1u] = partial[0].y * inv_n;
  }
}
