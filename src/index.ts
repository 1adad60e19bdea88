// webgpu-gan's public, browser-safe API. In Node, get a device from 'webgpu-gan/node' (Dawn) and use the rest as is.
//
//   import { createGan, requestBrowserDevice, ring8, toyConfig } from 'webgpu-gan';
//   const { device } = await requestBrowserDevice();
//   const gan = await createGan(device, toyConfig(), { rows: ring8().rows, dims: 2 });
//   await gan.train(1000, { onMetrics: (m) => console.log(m.at(-1)) });
//   const samples = await gan.sample(512); // Float32Array, 512 rows of 2
import { Gan, type GanData, type GanInit } from './train/gan.js';
import type { GanConfig } from './train/config.js';

/** Validates the config against the data (errors name the field), allocates inside error scopes, and returns a
 * trainer running Algorithm 1 of Goodfellow et al. (2014) on the GPU. */
export function createGan(device: GPUDevice, config: GanConfig, data: GanData, init: GanInit = {}): Promise<Gan> {
  return Gan.create(device, config, data, init);
}

export { Gan, RING_SLOTS } from './train/gan.js';
export type { GanData, GanInit, IterationMetrics, TrainOptions } from './train/gan.js';
export { mnistConfig, standardConfig, toyConfig, validateConfig, STREAMS } from './train/config.js';
export type { GanConfig, OptimizerConfig } from './train/config.js';
export type { LayerSpec, MlpSpec } from './nn/mlp.js';
export type { Activation } from './gpu/kernels.js';
export { requestBrowserDevice, requestDeviceFrom, describeAdapter, adapterName, WebGpuUnavailableError } from './gpu/device.js';
export type { AcquiredDevice, AdapterDescription } from './gpu/device.js';
export { GpuError } from './gpu/errors.js';
export { gaussian1d, ring8, grid25, modeCoverage } from './data/toy.js';
export type { ToyDataset } from './data/toy.js';
export {
  gaussianPdf, optimalDiscriminator, jensenShannon, valueOfGame, coveringInterval, integrate,
} from './theory/gaussian.js';
export type { Density, Gaussian1d } from './theory/gaussian.js';
export { ParzenWindow, parzenLogLikelihood, DEFAULT_PARZEN_SIGMAS } from './theory/parzen.js';
export type { ParzenEvaluation } from './theory/parzen.js';
export { saveCheckpoint, loadCheckpoint, CHECKPOINT_FORMAT } from './io/checkpoint.js';
export { CheckpointError, decodeSafetensors, encodeSafetensors } from './io/safetensors.js';
export { mnistFromDigitArrays, mnistSplits, splitEvery, MNIST_PIXELS } from './data/mnist.js';
export type { MnistSet } from './data/mnist.js';
