/**
 * webgpu-gan's kernel-level face, `webgpu-gan/kernels`: the registry of WGSL kernels the trainer is built from, for
 * people who benchmark WebGPU throughput or build their own kernels and networks on the same machinery.
 * Browser-safe, like `webgpu-gan`; training with `createGan` needs nothing from here.
 *
 * What is here: {@link Kernels} (pipelines cached per device, dispatches prepared once and encoded any number of
 * times), {@link kernelSpecs} (one entry per WGSL entry point: its bindings, its params struct, its grid), storage
 * buffers and read-backs, WebGPU's flag values, error scopes, the networks' flat parameter layout, the layer kinds
 * and the GPU network, and the CPU mirror of the GPU's Philox random numbers.
 *
 * @example
 * ```ts
 * import { Kernels, createStorage, readFloats } from 'webgpu-gan/kernels';
 *
 * const kernels = new Kernels(device);
 * const [batch, inF, outF] = [64, 784, 256];
 * const x = createStorage(device, 'x', new Float32Array(batch * inF).fill(0.5));
 * const w = createStorage(device, 'w', new Float32Array(inF * outF).fill(0.01));
 * const b = createStorage(device, 'b', outF); // zeroed
 * const out = createStorage(device, 'out', batch * outF);
 * const linear = kernels.prepare('linear_forward', { out, x, w, b }, { batch, in_features: inF, out_features: outF });
 * kernels.run([linear]);                                   // one compute pass, one submit
 * const y = await readFloats(device, out, batch * outF);  // 64 rows of 256: x w + b
 * linear.destroy();
 * ```
 *
 * @module webgpu-gan/kernels
 */
export { Kernels, kernelSpec, packParams, checkParamsStruct, variantsOf, variantFamilies, choiceKey } from './gpu/registry.js';
export type { Dispatch, Overrides, VariantChoices } from './gpu/registry.js';
export { configureTuning, tune, tuningReport, localStorageTuningStore } from './gpu/tuner.js';
export type { TuningOptions, TuningRequest, TuningStore } from './gpu/tuner.js';
export {
  kernelSpecs, activationCodes, bceModes, ganLossModes, grid1d, lanesFor, LANE_CHOICES, PARZEN_MAX_WIDTHS, convChannelBlock, convWeightBlock,
} from './gpu/kernels.js';
export type {
  KernelSpec, KernelName, BindingsOf, ParamsOf, BufferArg, ParamType, Workgroups, Activation, BceMode,
} from './gpu/kernels.js';
export { shaderSources } from './gpu/shaders.js';
export type { ShaderModuleName } from './gpu/shaders.js';
export { createStorage, readBuffer, readFloats, readUints } from './gpu/buffers.js';
export type { ElementData } from './gpu/buffers.js';
export { BufferUsage, MapMode } from './gpu/usage.js';
export { GpuError, withErrorScopes } from './gpu/errors.js';
export { GpuNetwork, GpuMlp } from './nn/network-gpu.js';
export type { NetworkApplication, MlpApplication } from './nn/network-gpu.js';
export { initNetwork, initMlp, planNetwork } from './nn/network.js';
export { layerKinds } from './nn/kinds.js';
export type { LayerKind, GpuForward, GpuBackward, CpuForward, CpuBackward } from './nn/layer.js';
export { layoutTensors, slot, tensorBinding, TENSOR_ALIGN_FLOATS } from './nn/layout.js';
export type { ParameterLayout, TensorSlot } from './nn/layout.js';
export { philox4x32_10, seedWords, rng_uniform, rng_normal, rng_index } from './cpu/rng.js';
export type { RngStream } from './cpu/rng.js';
