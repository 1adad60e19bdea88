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
//
// auxiliary_ce_forward_backward: an ACGAN's classifier loss (Odena et al. 2017) on D's class logits, the `classes`
// columns from first_column of rows row_stride wide (D's adversarial logit sits in column 0), each row's label a
// one-hot row of `labels`; rows [0, fake_rows) are fakes, the rest reals, each half's loss a mean over its rows:
//   dlogits at those columns = scale * dl_i / dx_ij / (the rows of i's half)   (overwritten)
//   metrics [loss_index] += scale * (mean over the fakes + mean over the reals)  (always added: the adversarial loss
//                                                                                 is written there first)
// Bindings: 0 params, 1 dlogits, 2 metrics, 3 logits, 4 labels.

struct SoftmaxParams {
  n: u32,
  classes: u32,
  scale: f32,
  accumulate: u32,
  loss_index: u32,
  row_stride: u32,    // auxiliary_ce: floats per row of logits
  first_column: u32,  // auxiliary_ce: the first class logit's column
  fake_rows: u32,     // auxiliary_ce: rows [0, fake_rows) are the fakes
}

@group(0) @binding(0) var<uniform> p: SoftmaxParams;
@group(0) @binding(1) var<storage, read_write> dlogits: array<f32>;
@group(0) @binding(2) var<storage, read_write> metrics: array<f32>;
@group(0) @binding(3) var<storage, read> logits: array<f32>;
@group(0) @binding(4) var<storage, read> labels: array<f32>;

var<workgroup> partial: array<vec2<f32>, 256>;

// One row's cross-entropy over the classes at logits [row, row + classes) with label y: its gradient, times
// grad_scale, into the same places of dlogits; returns (its loss, 1 if its first largest logit is y's, else 0).
fn row_ce(row: u32, y: u32, grad_scale: f32) -> vec2<f32> {
  let c = p.classes;
  var m = logits[row];
  var best = 0u;
  for (var j = 1u; j < c; j++) {
    let x = logits[row + j];
    if (x > m) { m = x; best = j; }
  }
  var z = 0.0;
  for (var j = 0u; j < c; j++) { z += exp(logits[row + j] - m); }
  let lse = m + log(z);
  for (var j = 0u; j < c; j++) {
    dlogits[row + j] = grad_scale * (exp(logits[row + j] - lse) - select(0.0, 1.0, j == y));
  }
  return vec2(lse - logits[row + y], select(0.0, 1.0, best == y));
}

fn reduce_partials(t: u32) {
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (t < stride) { partial[t] += partial[t + stride]; }
    workgroupBarrier();
  }
}

@compute @workgroup_size(256)
fn softmax_ce_forward_backward(@builtin(local_invocation_index) t: u32) {
  let inv_n = 1.0 / f32(max(p.n, 1u));
  var sum = vec2(0.0);  // loss, rows right
  for (var i = t; i < p.n; i += 256u) {
    sum += row_ce(i * p.classes, min(u32(labels[i]), p.classes - 1u), p.scale * inv_n);
  }
  partial[t] = sum;
  reduce_partials(t);
  if (t == 0u) {
    metrics[p.loss_index] = select(0.0, metrics[p.loss_index], p.accumulate != 0u) + partial[0].x * inv_n;
    metrics[p.loss_index + 1u] = partial[0].y * inv_n;
  }
}

@compute @workgroup_size(256)
fn auxiliary_ce_forward_backward(@builtin(local_invocation_index) t: u32) {
  let c = p.classes;
  let fakes = min(p.fake_rows, p.n);
  let inv_fakes = 1.0 / f32(max(fakes, 1u));
  let inv_reals = 1.0 / f32(max(p.n - fakes, 1u));
  var sum = vec2(0.0);  // loss over the fakes, over the reals
  for (var i = t; i < p.n; i += 256u) {
    var y = 0u;
    for (var j = 0u; j < c; j++) { if (labels[i * c + j] > 0.5) { y = j; } }
    let fake = i < fakes;
    let l = row_ce(i * p.row_stride + p.first_column, y, p.scale * select(inv_reals, inv_fakes, fake)).x;
    sum += select(vec2(0.0, l), vec2(l, 0.0), fake);
  }
  partial[t] = sum;
  reduce_partials(t);
  if (t == 0u) { metrics[p.loss_index] += p.scale * (partial[0].x * inv_fakes + partial[0].y * inv_reals); }
}
