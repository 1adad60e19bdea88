// common.wgsl: numerically stable functions shared by the kernel families; prepended to each module's source
// (src/gpu/shaders.ts), since WGSL has no includes.

fn sigmoid_stable(z: f32) -> f32 {
  if (z >= 0.0) {
    return 1.0 / (1.0 + exp(-z));
  }
  let e = exp(z);
  return e / (1.0 + e);
}

fn tanh_stable(z: f32) -> f32 {
  let a = abs(z);
  if (a < 0.125) {
    let z2 = z * z;
    return z * (1.0 - z2 * (1.0 / 3.0 - z2 * (2.0 / 15.0 - z2 * (17.0 / 315.0))));
  }
  let e = exp(-2.0 * a);  // never overflows: tanh(+-100) is exactly +-1
  return sign(z) * (1.0 - e) / (1.0 + e);
}
