// The CPU mirror of shaders/rng.wgsl: Philox 4x32-10 in exact 32-bit integer arithmetic, so the CPU and the GPU
// draw the very same words from one seed and counter.
import { gather_rows } from './data.js';

/** (high, low) halves of the 64-bit product of two u32. */
export function mulHiLo(a: number, b: number): [number, number] {
  const product = BigInt(a >>> 0) * BigInt(b >>> 0);
  return [Number(product >> 32n) >>> 0, Number(product & 0xffffffffn) >>> 0];
}

export function philox4x32_10(counter: readonly number[], key: readonly number[]): [number, number, number, number] {
  let [c0, c1, c2, c3] = counter.map((v) => v >>> 0);
  let [k0, k1] = key.map((v) => v >>> 0);
  for (let round = 0; round < 10; round++) {
    const [hi0, lo0] = mulHiLo(0xd2511f53, c0);
    const [hi1, lo1] = mulHiLo(0xcd9e8d57, c2);
    [c0, c1, c2, c3] = [(hi1 ^ c1 ^ k0) >>> 0, lo1, (hi0 ^ c3 ^ k1) >>> 0, lo0];
    k0 = (k0 + 0x9e3779b9) >>> 0;
    k1 = (k1 + 0xbb67ae85) >>> 0;
  }
  return [c0, c1, c2, c3];
}

export interface RngStream {
  seed: number; // up to 2^53; split into two u32 key words
  stream: number;
  draw: number; // the GPU's rng_state, as one number (< 2^53)
}

export function seedWords(seed: number): [number, number] {
  return [seed >>> 0, Math.floor(seed / 2 ** 32) >>> 0];
}

function blockWords(s: RngStream, block: number): number[] {
  return philox4x32_10([block, s.stream, s.draw >>> 0, Math.floor(s.draw / 2 ** 32) >>> 0], seedWords(s.seed));
}

const unitOpenRight = (w: number) => (w >>> 8) / 16777216;
const unitOpenLeft = (w: number) => ((w >>> 8) + 1) / 16777216;

export function rng_uniform(out: Float64Array, s: RngStream, low = 0, high = 1): void {
  for (let block = 0; block * 4 < out.length; block++) {
    const w = blockWords(s, block);
    for (let j = 0; j < 4 && block * 4 + j < out.length; j++) out[block * 4 + j] = low + (high - low) * unitOpenRight(w[j]);
  }
}

export function rng_normal(out: Float64Array, s: RngStream, mean = 0, std = 1): void {
  for (let block = 0; block * 4 < out.length; block++) {
    const w = blockWords(s, block);
    const r01 = Math.sqrt(-2 * Math.log(unitOpenLeft(w[0])));
    const a01 = 2 * Math.PI * unitOpenRight(w[1]);
    const r23 = Math.sqrt(-2 * Math.log(unitOpenLeft(w[2])));
    const a23 = 2 * Math.PI * unitOpenRight(w[3]);
    const z = [r01 * Math.cos(a01), r01 * Math.sin(a01), r23 * Math.cos(a23), r23 * Math.sin(a23)];
    for (let j = 0; j < 4 && block * 4 + j < out.length; j++) out[block * 4 + j] = mean + std * z[j];
  }
}

export function rng_index(out: Uint32Array, s: RngStream, range: number): void {
  for (let block = 0; block * 4 < out.length; block++) {
    const w = blockWords(s, block);
    for (let j = 0; j < 4 && block * 4 + j < out.length; j++) out[block * 4 + j] = mulHiLo(w[j], range)[0];
  }
}

/** n rows of `cols` values drawn from data (range rows): row r is data's row rng_index(r), as rng_gather_rows. */
export function rng_gather_rows(out: Float64Array, data: ArrayLike<number>, s: RngStream, n: number, cols: number, range: number): void {
  const indices = new Uint32Array(n);
  rng_index(indices, s, range);
  gather_rows(out, data, indices, cols, range);
}

/** The mirror of rng_onehot_rows: n rows of data (cols each), each followed by its label one-hot in `range` columns;
 * the labels drawn as rng_index draws (or every row's `fixed` when it is >= 0). Returns the labels. */
export function rng_onehot_rows(out: Float64Array, data: ArrayLike<number>, s: RngStream, n: number, cols: number, range: number,
  fixed = -1): Uint32Array {
  const labels = new Uint32Array(n);
  if (fixed >= 0) labels.fill(fixed);
  else rng_index(labels, s, range);
  const width = cols + range;
  out.fill(0, 0, n * width);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < cols; c++) out[r * width + c] = data[r * cols + c];
    out[r * width + cols + labels[r]] = 1;
  }
  return labels;
}

/** The mirror of take_columns: the first cols of n rows that are `width` wide. */
export function take_columns(out: Float64Array, data: ArrayLike<number>, n: number, cols: number, width: number): void {
  for (let r = 0; r < n; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = data[r * width + c];
}
