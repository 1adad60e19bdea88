// webgpu-gan's Node face: a Dawn-backed device and MNIST from the `mnist` package; the engine itself is the same.
export { requestNodeDevice, swiftShaderIcdCandidates } from './device.js';
export { loadMnist } from './mnist.js';
export { fileTuningStore, defaultTuningCachePath } from './tuning-store.js';
