// loss.wgsl: the fused sigmoid + binary cross-entropy, loss and gradient from logits in one pass, with the means
// the training metrics report.
//
// Entry points: sigmoid_bce_forward_backward (and gan_loss_forward_backward below: the losses on D's raw output),
// one workgroup of 256 (a loss is a mean over one minibatch), over the n logits at offset + i stride (stride 0 or 1:
// packed; an ACGAN's D has its class logits between). D's batch is its fake rows then its real rows, both scored in
// one call: in mode 0 the first fake_rows rows take target 0 and the rest target_label, and each half's loss is a
// mean over its own rows.
//   dlogits [offset + i stride] = scale * dl/dx_i / (the row count of i's half)  (overwritten)
//   loss [loss_index] (+)= mean over the fakes + mean over the reals            (accumulate chooses; one half when
//                                                                                fake_rows is 0)
//   loss [mean_index], loss [mean_index + 1] = mean sigmoid over the reals, over the fakes: D(x) and D(G(z)), when
//                                                                                means is 1
// Bindings: 0 params, 1 dlogits, 2 loss (the metrics vector), 3 logits.
// Every invocation sums its rows into one vec4 (fake loss, real loss, real sigmoid, fake sigmoid), and the 256
// partial vec4 are added in a tree: the two losses and the two means cost one pass and one dispatch, where they
// were four dispatches (a loss and a mean per half).
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
  fake_rows: u32,    // mode 0: the first fake_rows rows are fakes, with target 0 (0: every row takes target_label)
  means: u32,        // 1: also write the mean sigmoid of the reals and of the fakes at mean_index, mean_index + 1
  mean_index: u32,
  stride: u32,       // floats from one row's logit to the next (0 or 1: packed; an ACGAN's D: 1 + its classes)
}

@group(0) @binding(0) var<uniform> p: BceParams;
@group(0) @binding(1) var<storage, read_write> dlogits: array<f32>;
@group(0) @binding(2) var<storage, read_write> loss: array<f32>;
@group(0) @binding(3) var<storage, read> logits: array<f32>;

var<workgroup> partial: array<vec4<f32>, 256>;

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
  let fakes = select(0u, min(p.fake_rows, p.n), p.mode == 0u);
  let inv_fakes = 1.0 / f32(max(fakes, 1u));
  let inv_reals = 1.0 / f32(max(p.n - fakes, 1u));
  var sum = vec4(0.0);  // loss over the fakes, loss over the reals, sigmoid over the reals, sigmoid over the fakes
  for (var i = t; i < p.n; i += 256u) {
    let xi = logits[p.offset + i * max(p.stride, 1u)];
    let s = sigmoid_stable(xi);
    let fake = i < fakes;
    let y = select(p.target_label, 0.0, fake);
    var l: f32;
    var g: f32;
    switch p.mode {
      case 1u: { l = -softplus(xi); g = -s; }
      case 2u: { l = softplus(-xi); g = s - 1.0; }
      default: { l = softplus(xi) - xi * y; g = s - y; }
    }
    sum += record(i, fake, l, s, g, inv_fakes, inv_reals);
  }
  write_loss_and_means(t, sum, inv_fakes, inv_reals);
}

// Row i's gradient into dlogits (a mean over its half: its half's 1 / rows), and its part of the partial sums: the
// loss l and the value m whose mean is reported, in the fake or the real slots.
fn record(i: u32, fake: bool, l: f32, m: f32, g: f32, inv_fakes: f32, inv_reals: f32) -> vec4<f32> {
  dlogits[p.offset + i * max(p.stride, 1u)] = p.scale * g * select(inv_reals, inv_fakes, fake);
  return select(vec4(0.0, l, m, 0.0), vec4(l, 0.0, 0.0, m), fake);
}

// The 256 partial vec4 (fake loss, real loss, real mean, fake mean) added in a tree; thread 0 writes the loss (a
// mean per half, added) and, when p.means is 1, the two means. Shared by both loss kernels.
fn write_loss_and_means(t: u32, sum: vec4<f32>, inv_fakes: f32, inv_reals: f32) {
  partial[t] = sum;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride >>= 1u) {
    if (t < stride) { partial[t] += partial[t + stride]; }
    workgroupBarrier();
  }
  if (t == 0u) {
    let total = partial[0];
    let mean = total.x * inv_fakes + total.y * inv_reals;
    loss[p.loss_index] = select(0.0, loss[p.loss_index], p.accumulate != 0u) + mean;
    if (p.means != 0u) {
      loss[p.mean_index] = total.z * inv_reals;
      loss[p.mean_index + 1u] = total.w * inv_fakes;
    }
  }
}

// The losses on D's raw output (no sigmoid), same bindings, params and halves as above; the means are of the raw
// output (the critic's value), and in the discriminator modes the fakes take target 0 as in mode 0 above.
//   0 least-squares D (LSGAN, a = 0, b = target_label):  l = (x - y)^2 / 2,                dl/dx = x - y
//   1 least-squares G (c = target_label):                l = (x - c)^2 / 2,                dl/dx = x - c
//   2 hinge D:          fake l = max(0, 1 + x), dl/dx = [x > -1];   real l = max(0, 1 - x), dl/dx = -[x < 1]
//   3 Wasserstein D:    fake l = x, dl/dx = 1;                      real l = -x, dl/dx = -1
//   4 critic G (hinge and Wasserstein):                  l = -x,                           dl/dx = -1
@compute @workgroup_size(256)
fn gan_loss_forward_backward(@builtin(local_invocation_index) t: u32) {
  let discriminator = p.mode == 0u || p.mode == 2u || p.mode == 3u;
  let fakes = select(0u, min(p.fake_rows, p.n), discriminator);
  let inv_fakes = 1.0 / f32(max(fakes, 1u));
  let inv_reals = 1.0 / f32(max(p.n - fakes, 1u));
  var sum = vec4(0.0);
  for (var i = t; i < p.n; i += 256u) {
    let xi = logits[p.offset + i * max(p.stride, 1u)];
    let fake = i < fakes;
    var l: f32;
    var g: f32;
    switch p.mode {
      case 0u, 1u: {
        let r = xi - select(p.target_label, 0.0, fake);
        l = 0.5 * r * r; g = r;
      }
      case 2u: {
        if (fake) { l = max(0.0, 1.0 + xi); g = select(0.0, 1.0, xi > -1.0); }
        else { l = max(0.0, 1.0 - xi); g = select(0.0, -1.0, xi < 1.0); }
      }
      case 3u: { l = select(-xi, xi, fake); g = select(-1.0, 1.0, fake); }
      default: { l = -xi; g = -1.0; }
    }
    sum += record(i, fake, l, xi, g, inv_fakes, inv_reals);
  }
  write_loss_and_means(t, sum, inv_fakes, inv_reals);
}
