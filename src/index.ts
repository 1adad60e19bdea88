/**
 * webgpu-gan's public, browser-safe API. In Node, get a device from `webgpu-gan/node` (Dawn) and use the rest as is.
 *
 * @example
 * ```ts
 * import { createGan, requestBrowserDevice, ring8, toyConfig } from 'webgpu-gan';
 *
 * const { device } = await requestBrowserDevice();
 * const gan = await createGan(device, toyConfig(), { rows: ring8().rows, dims: 2 });
 * await gan.train(1000, { onMetrics: (m) => console.log(m.at(-1)) });
 * const samples = await gan.sample(512); // Float32Array, 512 rows of 2
 * ```
 *
 * @module webgpu-gan
 */
import { Gan, type GanData, type GanInit } from './train/gan.js';
import type { GanConfig } from './train/config.js';

/** Validates the config against the data (errors name the field), allocates inside error scopes, and returns a
 * trainer running Algorithm 1 of Goodfellow et al. (2014) on the GPU. The same as {@link Gan.create}.
 * @param device a WebGPU device: {@link requestBrowserDevice}, or `requestNodeDevice` from `webgpu-gan/node`
 * @param data the training set: a Float32Array of whole rows of `dims` values, uploaded to the GPU once
 * @param init initial flat parameters in place of the seeded He/Xavier initialisation (layouts: {@link networkLayout})
 * @throws Error naming the config field that is wrong; {@link GpuError} when the GPU refuses an allocation */
export function createGan(device: GPUDevice, config: GanConfig, data: GanData, init: GanInit = {}): Promise<Gan> {
  return Gan.create(device, config, data, init);
}

// the trainer
export { Gan, RING_SLOTS } from './train/gan.js';
export type { GanData, GanInit, GanState, IterationMetrics, TrainOptions } from './train/gan.js';
export {
  mnistConfig, standardConfig, toyConfig, ring8PaperConfig, validateConfig, resolveOptimizer, learningRatesAt,
  parseSchedule, STREAMS,
} from './train/config.js';
export type { GanConfig, OptimizerConfig, ResolvedOptimizer, LrStep } from './train/config.js';
export { GAN_LOSSES, lossPlan, isGanLoss, type GanLoss, type LossPlan } from './train/losses.js';
export { CONDITIONINGS, defaultConditioning, type Conditioning } from './train/conditional.js';
export { dcganConfig } from './train/dcgan.js';
export type { DcganShape } from './train/dcgan.js';
// networks: a sequence of layers (linear, conv2d, conv_transpose2d, batch_norm, reshape, flatten)
export { planNetwork, networkLayout, initNetwork, describeNetwork, layerShapes, mlpLayout } from './nn/network.js';
export type { LayerSpec, LayerShape, MlpSpec, NetworkSpec, NetworkPlan } from './nn/network.js';
export type { LinearSpec, ConvSpec, BatchNormSpec, ReshapeSpec, FlattenSpec } from './nn/kinds.js';
export type { FeatureShape, LayerPlan, TensorSpec } from './nn/layer.js';
export type { ParameterLayout, TensorSlot } from './nn/layout.js';
export type { Activation } from './nn/activations.js';

// errors a user may meet, to catch by class
export { NonFiniteError, DeviceLostError } from './train/errors.js';
export { GpuError } from './gpu/errors.js';
export { WebGpuUnavailableError } from './gpu/device.js';
export { CheckpointError } from './io/safetensors.js';

// devices
export { requestBrowserDevice, requestDeviceFrom, describeAdapter, adapterName } from './gpu/device.js';
export type { AcquiredDevice, AdapterDescription } from './gpu/device.js';
// which matmul variant runs on this adapter: measured per shape (the default), forced, or off
export { configureTuning, tuningReport } from './gpu/tuner.js';
export type { TuningOptions, TuningStore } from './gpu/tuner.js';

// data
export { gaussian1d, ring8, grid25, drawnSet, modeCoverage, MAX_DRAWN_POINTS } from './data/toy.js';
export type { ToyDataset } from './data/toy.js';
export { mnistFromDigitArrays, mnistSplits, splitEvery, MNIST_PIXELS, MNIST_SIDE } from './data/mnist.js';
export type { MnistSet } from './data/mnist.js';
export { classesFromPaths, imageSet, imageRow, imageShape, describeImageSet, IMAGE_SIDES, MAX_IMAGES } from './data/images.js';
export type { ImageSet, ImageSetOptions, Pixels } from './data/images.js';

// theory and evaluation
export {
  gaussianPdf, optimalDiscriminator, jensenShannon, valueOfGame, coveringInterval, integrate,
} from './theory/gaussian.js';
export type { Density, Gaussian1d } from './theory/gaussian.js';
export { ParzenWindow, parzenLogLikelihood, DEFAULT_PARZEN_SIGMAS } from './theory/parzen.js';
export type { ParzenEvaluation } from './theory/parzen.js';

// checkpoints
// sample quality (README, "Sample quality"): the classifier the engine trains, its file, and the measures
export { Classifier, mnistClassifierConfig, validateClassifier, accuracyOf } from './train/classifier.js';
export type { ClassifierConfig, LabelledData, ClassifierRecord } from './train/classifier.js';
export { encodeClassifier, decodeClassifier, CLASSIFIER_FORMAT, type ClassifierFile } from './io/classifier-file.js';
export { loadQualityClassifier, featureSet, qualityOf } from './quality/evaluate.js';
export { qualityOfGpu, kidGpu, precisionRecallGpu } from './quality/pairwise.js';
export type { QualityClassifier, FeatureSet, QualityReport } from './quality/evaluate.js';
export { fid, frechetDistance, gaussianFit, kid, precisionRecall, classHistogram, modeCounts, sampleRows, drawRows } from './quality/measures.js';
export { stackedMnist } from './data/stacked-mnist.js';
export { stackedCoverage, stackedModesOf, STACKED_MODES } from './quality/stacked.js';
export { saveCheckpoint, loadCheckpoint, readCheckpoint, encodeCheckpoint, stateLayoutFor, CHECKPOINT_FORMAT } from './io/checkpoint.js';
export { decodeSafetensors, encodeSafetensors } from './io/safetensors.js';
export type { Tensor, Dtype, TensorData } from './io/safetensors.js';
