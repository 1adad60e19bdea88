// The CLI's datasets: the toy distributions, MNIST's digits, or a folder of your PNGs (--images DIR); and the
// picture of samples drawn for each.
import { describeImageSet } from '../data/images.js';
import { mnistSplits } from '../data/mnist.js';
import { stackedMnist } from '../data/stacked-mnist.js';
import { gaussian1d, grid25, ring8 } from '../data/toy.js';
import { histogramChart, scatterChart } from './charts.js';
import type { Dataset } from './cli-train.js';
import { UsageError } from './cli-train.js';
import { loadImageFolder } from './images.js';
import { loadMnist } from './mnist.js';
import { imageGridPng } from './png.js';

export const DATASETS = ['ring8', 'grid25', 'gaussian1d', 'mnist', 'stacked-mnist'] as const;

/** Stacked MNIST's training images: made from the 8,000 training digits (its mode count classifies each channel). */
export const STACKED_TRAINING_IMAGES = 10_000;

/** The dataset the options name: --dataset NAME, or --images DIR with --side 28|32 and --rgb. */
export function datasetFrom(options: Record<string, string>, report = (line: string) => process.stderr.write(line)): Dataset {
  if (options.images !== undefined) {
    if (options.dataset !== undefined) throw new UsageError('--images and --dataset exclude each other');
    const side = options.side === undefined ? 28 : Number(options.side);
    if (side !== 28 && side !== 32) throw new UsageError(`--side must be 28 or 32, got '${options.side}'`);
    const rgb = options.rgb !== undefined;
    let set;
    try {
      set = loadImageFolder(options.images, { side, rgb });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    report(`--images ${options.images}: ${describeImageSet(set)}\n`);
    return {
      name: 'images', rows: set.rows, dims: set.dims, image: { side, channels: set.channels, ink: false },
      source: `--images ${options.images}${side === 28 ? '' : ` --side ${side}`}${rgb ? ' --rgb' : ''}`,
      metadata: { images: options.images, image_side: String(side), image_channels: String(set.channels),
        ...(set.classNames ? { image_classes: JSON.stringify(set.classNames) } : {}) },
      labels: set.labels, classes: set.classNames?.length,
    };
  }
  if (options.side !== undefined || options.rgb !== undefined) throw new UsageError('--side and --rgb go with --images DIR');
  return named(options.dataset ?? 'ring8');
}

export function named(name: string): Dataset {
  const source = `--dataset ${name}`;
  switch (name) {
    case 'ring8': { const d = ring8(10_000, 1); return { name, rows: d.rows, dims: 2, toy: d, source, labels: d.labels, classes: 8 }; }
    case 'grid25': { const d = grid25(10_000, 1); return { name, rows: d.rows, dims: 2, toy: d, source, labels: d.labels, classes: 25 }; }
    case 'gaussian1d': { const d = gaussian1d(10_000, 1); return { name, rows: d.rows, dims: 1, toy: d, source }; }
    case 'mnist': {
      const d = mnistSplits(loadMnist()).train;
      return { name, rows: d.rows, dims: 784, image: { side: 28, channels: 1, ink: true }, source, labels: d.labels, classes: 10 };
    }
    case 'stacked-mnist': {
      // three training digits as the channels of one image: 1000 modes (src/data/stacked-mnist.ts)
      const d = stackedMnist(mnistSplits(loadMnist()).train, STACKED_TRAINING_IMAGES, 1);
      return { name, rows: d.rows, dims: d.dims, image: { side: 28, channels: 3, ink: true }, source };
    }
    default: throw new UsageError(`--dataset must be ${DATASETS.slice(0, -1).join(', ')} or ${DATASETS.at(-1)}, got '${name}'`);
  }
}

/** What a checkpoint trained on, from its metadata: the dataset itself, or for your images their shape only (G
 * samples need no training rows: one row of zeros stands in). */
export function datasetOfCheckpoint(metadata: Record<string, string>): Dataset {
  if (metadata.dataset !== 'images') return named(metadata.dataset ?? 'ring8');
  const side = Number(metadata.image_side), channels = Number(metadata.image_channels), dims = Number(metadata.data_dims);
  if (!(side > 0 && channels > 0 && dims === side * side * channels)) {
    throw new UsageError(`the checkpoint says it trained on images, but its image_side (${metadata.image_side}), image_channels (${metadata.image_channels}) and data_dims (${metadata.data_dims}) disagree`);
  }
  // a conditional run's stand-in row needs a label too (class 0)
  return { name: 'images', rows: new Float32Array(dims), dims, image: { side, channels, ink: false }, source: `--images ${metadata.images}`, labels: [0] };
}

export function samplesPng(data: Dataset, samples: Float32Array): Buffer {
  if (data.image) return imageGridPng(samples, data.image.side, 8, 3, { channels: data.image.channels, ink: data.image.ink });
  const real = data.rows.subarray(0, data.dims * 1000), n = samples.length / data.dims;
  const options = { modes: data.toy?.modes, modeStd: data.toy?.modeStd, title: `${data.name}: ${real.length / data.dims} real, ${n} from G` };
  if (data.dims === 2) {
    const extent = data.name === 'grid25' ? 6 : 3;
    return scatterChart(real, samples, -extent, extent, options).png();
  }
  // 1-D: histograms of real and generated values, with the data's density drawn over them
  return histogramChart(real, samples, options).png();
}
