// loss.wgsl: the fused sigmoid + binary cross-entropy, loss and gradient from logits in one pass.
//
// Entry point: sigmoid_bce_forward_backward, one workgroup of 256 (a loss is a mean over one minibatch).
//   dlogits [offset, offset + n) = scale * dl/dx_i / n   (overwritten)
//   loss [loss_index] (+)= mean_i l(x_i)                 (accumulate chooses; D's loss is real + fake, two calls)
//   logits [offset, offset + n)                          (D sees fake and real rows in one batch; each half is a call)
// Bindings: 0 params, 1 dlogits, 2 loss, 3 logits.
// Modes, with s = sigmoid(x) and softplus(x) = max(x, 0) + log(1 + exp(-|x|)), never overflowing:
//   0 bce with target y:      l = softplus(x) - x y   (= -y log s - (1 - y) log(1 - s)),  dl/dx = s - y
//   1 minimax generator:      l = log(1 - s) = -softplus(x),                             dl/dx = -s
//   2 non-saturating gen.:    l = -log s = softplus(-x),                                 dl/dx = s - 1

struct BceParams {
  n: u32,
  mode: u32,
  target_label: f32,
  scale: f32,
  accumulate: u32,
  loss_index: u32,
  offset: u32,       // first element of logits and dlogits
}

@group(0) @binding(0) var<uniform> p: BceParams;
@group(0) @binding(1) var<storage, read_write> dlogits: array<f32>;
@group(0) @binding(2) var<storage, read_write> loss: array<f32>;
@group(0) @binding(3) var<storage, read> logits: array<f32>;

var<workgroup> partial: array<f32, 256>;

// log(1 + e) for e in [0, 1], accurate for tiny e where 1 + e rounds (the classic log1p correction).
fn log1p_small(e: f32) -> f32 {
  let u = 1.0 + e;
  if (u == 1.0) { return e; }
  return log(u) * (e / (u - 1.0));
}

fn softplus(x: f32) -> f32 {
  return max(x, 0.0) + log1p_small(exp(-abs(x)));
}


@compute @workgroup_size(256)
fn sigmoid_bce_forward_backward(@builtin(local_invocation_index) t: u32) {
  var sum = 0.0;
  let inv_n = 1.0 / f32(p.n);
  for (var i = t; i < p.n; i += 256u) {
    let xi = logits[p.offset + i];
    let s = sigmoid_stable(xi);
    var l: f32;
    var g: f32;
    switch p.mode {
      case 1u: { l = -softplus(xi); g = -s; }
      case 2u: { l = softplus(-xi); g = s - 1.0; }
      default: { l = softplus(xi) - xi * p.target_label; g = s - p.target_label; }
    }
    sum += l;
    dlogits[p.offset + i] = p.scale * g * inv_n;
  }
  partial[t] = sum;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (t < stride) { partial[t] += partial[t + stride]; }
    workgroupBarrier();
  }
  if (t == 0u) {
    let mean = partial[0] * inv_n;
    loss[p.loss_index] = select(0.0, loss[p.loss_index], p.accumulate != 0u) + mean;
  }
}
