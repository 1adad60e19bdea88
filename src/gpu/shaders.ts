// The WGSL sources, inlined at build time by Vite (and by Vitest), so the library ships as one ESM bundle.
// common.wgsl (stable sigmoid and tanh) is prepended to every module: WGSL has no includes; activations.wgsl and
// guard.wgsl to the layers' modules. linear_tiled.wgsl, the
// linear kernels' workgroup-tiled variant, and linear_backward.wgsl, the gradient entry points, are appended to
// linear.wgsl: they share its params, activations and blocks.
import common from '../../shaders/common.wgsl?raw';
import activations from '../../shaders/activations.wgsl?raw';
import guard from '../../shaders/guard.wgsl?raw';
import conv from '../../shaders/conv.wgsl?raw';
import convGemm from '../../shaders/conv_gemm.wgsl?raw';
import batchNorm from '../../shaders/batch_norm.wgsl?raw';
import linear from '../../shaders/linear.wgsl?raw';
import linearTiled from '../../shaders/linear_tiled.wgsl?raw';
import linearBackward from '../../shaders/linear_backward.wgsl?raw';
import linearSplitK from '../../shaders/linear_splitk.wgsl?raw';
import loss from '../../shaders/loss.wgsl?raw';
import optim from '../../shaders/optim.wgsl?raw';
import rng from '../../shaders/rng.wgsl?raw';
import step from '../../shaders/step.wgsl?raw';
import parzen from '../../shaders/parzen.wgsl?raw';
import softmax from '../../shaders/softmax.wgsl?raw';
import spectral from '../../shaders/spectral.wgsl?raw';
import penalty from '../../shaders/penalty.wgsl?raw';
import projection from '../../shaders/projection.wgsl?raw';

export const shaderSources = {
  linear: common + activations + guard + linear + linearTiled + linearBackward + linearSplitK,
  conv: common + activations + guard + conv,
  conv_gemm: common + activations + guard + convGemm,
  batch_norm: common + activations + guard + batchNorm,
  loss: common + loss, optim: common + optim, rng: common + rng, step: common + step, parzen: common + parzen,
  softmax: common + softmax, spectral: common + spectral, penalty: common + activations + penalty,
  projection: common + activations + guard + projection,
} as const;
export type ShaderModuleName = keyof typeof shaderSources;
