// Stacked MNIST (Metz et al. 2017, Lin et al. 2018 "PacGAN"): three digits drawn at random, each one channel of a
// 28x28x3 image, so the data has 1000 modes (the triples of classes). A GAN's mode coverage is counted by classifying
// each channel of its samples (src/quality/stacked.ts).
import { MNIST_PIXELS, type MnistSet } from './mnist.js';

/** `count` images of 3 x 784 values (channel-major, NCHW per row), channel c a random digit of `set`; `modes[i]` is
 * 100 d0 + 10 d1 + d2 of image i's digits. Deterministic from `seed`. */
export function stackedMnist(set: MnistSet, count: number, seed = 1): { rows: Float32Array; modes: Uint16Array; dims: number } {
  if (!Number.isInteger(count) || count < 1) throw new Error(`stacked MNIST: count must be a positive integer, got ${count}`);
  let s = seed >>> 0;
  const next = () => { // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const dims = 3 * MNIST_PIXELS;
  const rows = new Float32Array(count * dims), modes = new Uint16Array(count);
  for (let i = 0; i < count; i++) {
    let mode = 0;
    for (let c = 0; c < 3; c++) {
      const pick = Math.floor(next() * set.count);
      rows.set(set.rows.subarray(pick * MNIST_PIXELS, (pick + 1) * MNIST_PIXELS), i * dims + c * MNIST_PIXELS);
      mode = mode * 10 + set.labels[pick];
    }
    modes[i] = mode;
  }
  return { rows, modes, dims };
}
