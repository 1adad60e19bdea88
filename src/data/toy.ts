// Toy distributions: the 1-D Gaussian of Goodfellow et al.'s Figure 1, and the 2-D mixtures of the unrolled-GAN and
// PacGAN papers (a ring of 8 and a grid of 25 Gaussians). Rows are drawn on the CPU once, from Philox, and uploaded.
import { rng_index, rng_normal } from '../cpu/rng.js';

export interface ToyDataset {
  name: string;
  dims: number;
  rows: Float32Array; // (count, dims), row-major
  count: number;
  /** The mixture's component means, for mode-coverage measures. */
  modes: number[][];
  /** Each row's component (its mode's index): the class of a conditional GAN. */
  labels: Uint32Array;
  modeStd: number;
}

function mixture(name: string, modes: number[][], std: number, count: number, seed: number): ToyDataset {
  if (!Number.isInteger(count) || count < 1) throw new Error(`${name}: count must be a positive integer, got ${count}`);
  const dims = modes[0].length;
  const which = new Uint32Array(count);
  rng_index(which, { seed, stream: 0x2000, draw: 0 }, modes.length);
  const noise = new Float64Array(count * dims);
  rng_normal(noise, { seed, stream: 0x2001, draw: 0 }, 0, std);
  const rows = new Float32Array(count * dims);
  for (let i = 0; i < count; i++) for (let d = 0; d < dims; d++) rows[i * dims + d] = modes[which[i]][d] + noise[i * dims + d];
  return { name, dims, rows, count, modes, modeStd: std, labels: which };
}

export function gaussian1d(count = 10_000, seed = 1, mean = 4, std = 0.5): ToyDataset {
  return mixture('gaussian1d', [[mean]], std, count, seed);
}

/** 8 Gaussians of std 0.02 on a circle of radius 2 (Metz et al. 2017). */
export function ring8(count = 10_000, seed = 1, radius = 2, std = 0.02): ToyDataset {
  const modes = Array.from({ length: 8 }, (_, k) => [radius * Math.cos((2 * Math.PI * k) / 8), radius * Math.sin((2 * Math.PI * k) / 8)]);
  return mixture('ring8', modes, std, count, seed);
}

/** 25 Gaussians of std 0.05 on the grid {-4, -2, 0, 2, 4}^2 (Lin et al. 2018). */
export function grid25(count = 10_000, seed = 1, std = 0.05): ToyDataset {
  const modes: number[][] = [];
  for (let i = -2; i <= 2; i++) for (let j = -2; j <= 2; j++) modes.push([2 * i, 2 * j]);
  return mixture('grid25', modes, std, count, seed);
}

/** Mode coverage as in the unrolled-GAN paper: a sample belongs to its nearest mode when within 3 std of it. */
export function modeCoverage(samples: ArrayLike<number>, data: Pick<ToyDataset, 'dims' | 'modes' | 'modeStd'>) {
  const n = samples.length / data.dims;
  const hits = new Array(data.modes.length).fill(0);
  let good = 0;
  for (let i = 0; i < n; i++) {
    let best = -1, bestDist = Infinity;
    data.modes.forEach((m, k) => {
      let d2 = 0;
      for (let d = 0; d < data.dims; d++) d2 += (samples[i * data.dims + d] - m[d]) ** 2;
      if (d2 < bestDist) { bestDist = d2; best = k; }
    });
    if (Math.sqrt(bestDist) <= 3 * data.modeStd) { good++; hits[best]++; }
  }
  return { modesCovered: hits.filter((h) => h > 0).length, highQualityFraction: good / n, perMode: hits };
}

/** A mixture around points a user placed: `perPoint` samples of std `std` around each center. */
/** The most points a drawn set takes (64 rows each): a checkpoint's `drawn` list is bounded by it too (an 8 MB list
 * once became a 12.8-million-row dataset). */
export const MAX_DRAWN_POINTS = 1000;

export function drawnSet(centers: number[][], perPoint = 64, std = 0.05, seed = 1): ToyDataset {
  if (centers.length === 0) throw new Error('drawnSet: place at least one point');
  if (centers.length > MAX_DRAWN_POINTS) throw new Error(`drawnSet: at most ${MAX_DRAWN_POINTS} points, got ${centers.length}`);
  return mixture('draw', centers, std, centers.length * perPoint, seed);
}
