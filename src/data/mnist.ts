// MNIST from the `mnist` package (10,000 digits shipped as data; nothing is downloaded): rows of 784 values in
// [0, 1], 28 x 28 row-major, with their labels. The parser is browser-safe; src/node/mnist.ts reads the files.

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;

export interface MnistSet {
  rows: Float32Array; // (count, 784)
  labels: Uint8Array;
  count: number;
  dims: number;
}

/** Builds the set from the package's ten per-digit pixel arrays (digit d's images, 784 values each, concatenated). */
export function mnistFromDigitArrays(perDigit: ArrayLike<number>[]): MnistSet {
  if (perDigit.length !== 10) throw new Error(`MNIST: expected 10 digit arrays, got ${perDigit.length}`);
  const counts = perDigit.map((a, d) => {
    if (a.length % MNIST_PIXELS !== 0) throw new Error(`MNIST: digit ${d} has ${a.length} values, not a multiple of ${MNIST_PIXELS}`);
    return a.length / MNIST_PIXELS;
  });
  const count = counts.reduce((s, c) => s + c, 0);
  const rows = new Float32Array(count * MNIST_PIXELS);
  const labels = new Uint8Array(count);
  let at = 0;
  perDigit.forEach((a, d) => {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (!(v >= 0 && v <= 1)) throw new Error(`MNIST: digit ${d} has a pixel value ${v} outside [0, 1]`);
      rows[at * MNIST_PIXELS + i] = v;
    }
    labels.fill(d, at, at + counts[d]);
    at += counts[d];
  });
  return { rows, labels, count, dims: MNIST_PIXELS };
}

/** Splits off every n-th image (a deterministic, label-balanced held-out set). */
export function splitEvery(set: MnistSet, n: number): { train: MnistSet; heldOut: MnistSet } {
  const pick = (keep: (i: number) => boolean): MnistSet => {
    const idx = Array.from({ length: set.count }, (_, i) => i).filter(keep);
    const rows = new Float32Array(idx.length * set.dims);
    idx.forEach((src, j) => rows.set(set.rows.subarray(src * set.dims, (src + 1) * set.dims), j * set.dims));
    return { rows, labels: Uint8Array.from(idx, (i) => set.labels[i]), count: idx.length, dims: set.dims };
  };
  return { train: pick((i) => i % n !== 0), heldOut: pick((i) => i % n === 0) };
}

/** The project's fixed split of the package's 10,000 digits: every 5th is held out (2,000), and the held-out digits
 * alternate between validation (choosing the Parzen window's width) and test. Training uses only `train`. */
export function mnistSplits(set: MnistSet): { train: MnistSet; validation: MnistSet; test: MnistSet } {
  const { train, heldOut } = splitEvery(set, 5);
  const { train: test, heldOut: validation } = splitEvery(heldOut, 2);
  return { train, validation, test };
}
