// guard.wgsl: the NaN guard of the gradient kernels, prepended to the modules that write parameter gradients
// (linear, conv, batch_norm), each of which declares `guard` (array<atomic<u32>>) and `p.guard_bit`.
// The NaN guard of the weight-gradient kernels: each invocation notes whether it stored an infinity or a NaN (all
// exponent bits set), and one atomic per invocation that saw one raises the guard.
var<private> nonfinite_seen: bool;
fn note_nonfinite4(v: vec4<f32>) {
  nonfinite_seen = nonfinite_seen || any((bitcast<vec4<u32>>(v) & vec4(0x7f800000u)) == vec4(0x7f800000u));
}
fn note_nonfinite(v: f32) { note_nonfinite4(vec4(v)); }
fn report_nonfinite() {
  if (nonfinite_seen && p.guard_bit != 0u) { atomicOr(&guard[0], p.guard_bit); }
}

