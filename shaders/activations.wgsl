// activations.wgsl: the activation fused at a layer's output (ACT) and the derivative folded into an input gradient
// (ACT_IN: the activation that produced the layer's input, written in terms of that input, the previous output).
// Prepended to the layer kernels' modules (linear, conv, batch_norm) by src/gpu/shaders.ts; the codes are
// src/gpu/kernels.ts's activationCodes.

override ACT: u32 = 0u;      // forward: 0 identity, 1 relu, 2 leaky_relu, 3 tanh, 4 sigmoid
override ALPHA: f32 = 0.2;   // leaky_relu slope, >= 0
override ACT_IN: u32 = 0u;   // backward_input: the activation that produced x, same codes
override ALPHA_IN: f32 = 0.2;

fn activate(z: f32) -> f32 {
  switch ACT {
    case 1u: { return max(z, 0.0); }
    case 2u: { return select(ALPHA * z, z, z > 0.0); }
    case 3u: { return tanh_stable(z); }
    case 4u: { return sigmoid_stable(z); }
    default: { return z; }
  }
}
fn activate4(z: vec4<f32>) -> vec4<f32> { return vec4(activate(z.x), activate(z.y), activate(z.z), activate(z.w)); }

// act_in'(z) written in terms of y = act_in(z): the backward pass needs only the layer's input, the previous output.
fn input_activation_grad(y: f32) -> f32 {
  switch ACT_IN {
    case 1u: { return select(0.0, 1.0, y > 0.0); }
    case 2u: { return select(ALPHA_IN, 1.0, y > 0.0); }
    case 3u: { return 1.0 - y * y; }
    case 4u: { return y * (1.0 - y); }
    default: { return 1.0; }
  }
}
