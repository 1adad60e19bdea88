// data.wgsl: minibatches gathered on the GPU, and the reductions behind the training metrics.
//
// Entry points:
//   gather_rows   out (rows, cols) = data (dataset_rows, cols) [indices (rows)], written from element out_index
//                 on (so the real rows can land after the fake ones in D's input); one invocation per element
//   mean_forward  out [out_index] = mean_i f(values_(in_offset + i)) over n, f = identity (op 0) or sigmoid (op 1): mean loss,
//                 mean D(x) and mean D(G(z)) from logits; one workgroup of 256
//   ring_commit   out (slots, cols) [ring_state[0] % slots] = data (cols), then ring_state[0] += 1: an iteration's
//                 metrics into the metrics ring, whose slot comes from the GPU counter (slots = dataset_rows)
// Bindings: 0 params; 1 out, 2 data | values, 3 indices, 4 ring_state (u32).

struct DataParams {
  n: u32,            // gather: rows * cols; mean: values
  row_width: u32,    // gather: invocations per row of the dispatch grid
  cols: u32,
  dataset_rows: u32, // indices are clamped below it, so a bad index can never read outside the dataset
  op: u32,
  out_index: u32,
  in_offset: u32,    // mean: first value
}

@group(0) @binding(0) var<uniform> p: DataParams;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<storage, read> data: array<f32>;
@group(0) @binding(3) var<storage, read> indices: array<u32>;
@group(0) @binding(4) var<storage, read_write> ring_state: array<u32>;

@compute @workgroup_size(256)
fn gather_rows(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.y * p.row_width + gid.x;
  if (i >= p.n) { return; }
  let row = i / p.cols;
  let col = i % p.cols;
  let source_row = min(indices[row], p.dataset_rows - 1u);
  out[p.out_index + i] = data[source_row * p.cols + col];
}

var<workgroup> partial: array<f32, 256>;


@compute @workgroup_size(256)
fn mean_forward(@builtin(local_invocation_index) t: u32) {
  var sum = 0.0;
  for (var i = t; i < p.n; i += 256u) {
    let v = data[p.in_offset + i];
    sum += select(v, sigmoid_stable(v), p.op == 1u);
  }
  partial[t] = sum;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (t < stride) { partial[t] += partial[t + stride]; }
    workgroupBarrier();
  }
  if (t == 0u) { out[p.out_index] = partial[0] / f32(p.n); }
}

@compute @workgroup_size(1)
fn ring_commit() {
  let iteration = ring_state[0];
  let slot = iteration % p.dataset_rows;
  for (var j = 0u; j < p.cols; j++) {
    out[slot * p.cols + j] = data[j];
  }
  ring_state[0] = iteration + 1u;
}
