// What the browser benchmark runs and what it reports: the GAN (one GanConfig, read by the engine and by the TF.js
// mirror alike, so both train the very same network), the timing protocol, and the result's shape. Shared by the page
// and by the Node script that drives it (bench/browser.ts), so both agree on every field.
import { standardConfig, type GanConfig, type LinearSpec } from '../../src/index';
import { rng_uniform } from '../../src/kernels';
import { iterationFlops } from '../train';

export interface BenchSpec {
  mode: 'full' | 'smoke';
  config: GanConfig;
  /** Width of a data row (784 for the standard GAN: an MNIST-sized image). */
  dims: number;
  /** Rows in the dataset, uploaded once; minibatches are random rows of it. */
  datasetRows: number;
  /** Iterations per timed batch: one sync (a read-back) at the end of each batch, none inside. */
  iterations: number;
  /** Timed batches per round, after one untimed batch of the same size that warms up. */
  trials: number;
  /** Rounds: each runs every runner once, in order; a runner's figure is the median over all its batches. */
  rounds: number;
}

export const RUNNERS = ['engine', 'tfjs-webgpu', 'tfjs-webgl', 'tfjs-cpu'] as const;
export type RunnerName = (typeof RUNNERS)[number];

export interface RunnerResult {
  runner: RunnerName;
  ok: boolean;
  /** Why the runner could not run (a backend that failed to initialise, an exception): set when ok is false. */
  error?: string;
  /** Median ms per iteration over all timed batches of all rounds; each batch's figure beside it, in order. */
  msPerIteration?: number;
  trialsMs?: number[];
  samplesPerSecond?: number;
  /** Multiply-add FLOPs of an iteration (the same GAN for every runner) over its time. */
  gflops?: number;
  /** Bits of the floats the runner computes in (TF.js's webgl backend falls back to 16 where f32 is not renderable). */
  floatPrecision?: number;
  /** TF.js only: live tensors after a round's last batch minus after its warm-up, the most over rounds (0: no leak). */
  tensorGrowth?: number;
  /** The generator's loss at the end of the last batch, to show the runner really trained. */
  finalGLoss?: number;
}

export interface Ratio {
  versus: RunnerName;
  /** How many times faster the engine is per iteration: the other runner's ms / the engine's ms. */
  engineSpeedup: number;
}

export interface BenchResult {
  mode: BenchSpec['mode'];
  date: string;
  userAgent: string;
  /** The adapter the engine's device came from, and what TF.js's webgpu and webgl backends report running on. */
  adapter: { engine?: string; tfjsWebgpu?: string; webglRenderer?: string };
  tfjsVersion: string;
  spec: { generator: string; discriminator: string; batch: number; dims: number; k: number; loss: string;
    optimizer: string; iterations: number; trials: number; rounds: number; datasetRows: number; gflopPerIteration: number };
  runners: RunnerResult[];
  ratios: Ratio[];
  /** The fastest TF.js backend that ran, and the engine's speedup over it. */
  fastestTfjs?: Ratio;
  done: true;
}

const smokeConfig = (): GanConfig => standardConfig({
  generator: { layers: [{ units: 8, activation: 'relu' }, { units: 16, activation: 'sigmoid' }] },
  discriminator: { layers: [{ units: 8, activation: 'leaky_relu', alpha: 0.2 }, { units: 1, activation: 'identity' }] },
  noise: { dim: 4, distribution: 'normal' },
  batchSize: 8,
});

/** The spec from the page's query string: `?smoke=1` for tiny sizes; `iterations=`, `trials=`, `rounds=` override. */
export function specFromQuery(query: URLSearchParams): BenchSpec {
  const smoke = query.get('smoke') === '1';
  const spec: BenchSpec = smoke
    ? { mode: 'smoke', config: smokeConfig(), dims: 16, datasetRows: 64, iterations: 2, trials: 1, rounds: 1 }
    : { mode: 'full', config: standardConfig(), dims: 784, datasetRows: 512, iterations: 8, trials: 3, rounds: 2 };
  const int = (name: string, value: string | null) => {
    if (value === null) return undefined;
    const n = Number(value);
    // at most 256: the engine reads its metrics ring (256 slots) back once per batch
    if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error(`?${name}= must be an integer in [1, 256], got '${value}'`);
    return n;
  };
  spec.iterations = int('iterations', query.get('iterations')) ?? spec.iterations;
  spec.trials = int('trials', query.get('trials')) ?? spec.trials;
  spec.rounds = int('rounds', query.get('rounds')) ?? spec.rounds;
  return spec;
}

/** Random rows in [0, 1), as bench/train.ts makes them (Philox, seed 9): the same array goes to every runner. */
export function makeDataset(spec: BenchSpec): Float32Array {
  const data = new Float64Array(spec.datasetRows * spec.dims);
  rng_uniform(data, { seed: 9, stream: 0, draw: 0 });
  return Float32Array.from(data);
}

export function describeSpec(spec: BenchSpec): BenchResult['spec'] {
  const c = spec.config;
  const net = (input: number, all: GanConfig['generator']['layers']) => {
    const layers = all as LinearSpec[]; // the benches train MLPs
    return [input, ...layers.map((l) => l.units)].join('-') + ' ' + layers.map((l) => l.activation + (l.activation === 'leaky_relu' ? ` ${l.alpha ?? 0.2}` : '')).join('/');
  };
  const o = c.optimizers.discriminator;
  return {
    generator: net(c.noise.dim, c.generator.layers), discriminator: net(spec.dims, c.discriminator.layers),
    batch: c.batchSize, dims: spec.dims, k: c.k, loss: c.loss,
    optimizer: o.type === 'adam' ? `adam lr ${o.lr} beta1 ${o.beta1 ?? 0.5} beta2 ${o.beta2 ?? 0.999}` : `sgd lr ${o.lr}`,
    iterations: spec.iterations, trials: spec.trials, rounds: spec.rounds, datasetRows: spec.datasetRows,
    gflopPerIteration: iterationFlops(c, spec.dims) / 1e9,
  };
}

/** The engine's speedup over each TF.js backend that ran, and over the fastest of them. */
export function ratios(runners: RunnerResult[]): { ratios: Ratio[]; fastestTfjs?: Ratio } {
  const engine = runners.find((r) => r.runner === 'engine' && r.ok);
  if (!engine?.msPerIteration) return { ratios: [] };
  const others = runners.filter((r) => r.runner !== 'engine' && r.ok && r.msPerIteration !== undefined);
  const list = others.map((r) => ({ versus: r.runner, engineSpeedup: r.msPerIteration! / engine.msPerIteration! }));
  const fastest = list.reduce<Ratio | undefined>((best, r) => (!best || r.engineSpeedup < best.engineSpeedup ? r : best), undefined);
  return { ratios: list, fastestTfjs: fastest };
}
