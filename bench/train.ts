// The trainer benchmark: ms per iteration and samples per second for the standard GAN (G 64-256-256-784,
// D 784-256-256-1, Adam 2e-4 / 0.5, non-saturating, k = 1) at batch 64, 256 and 1024, at widths 512 and 1024
// (batch 64), and dcganConfig() (batch 64), with the dispatches and
// submits per iteration and the GFLOP/s the iteration achieves.
import { dcganConfig, Gan, planNetwork, standardConfig, type GanConfig, type LayerPlan } from '../src/index';
import { rng_uniform } from '../src/kernels';
import { median } from './timing';

export interface TrainRow {
  config: string;
  batch: number;
  msPerIteration: number;
  samplesPerSecond: number;
  dispatchesPerIteration: number;
  submitsPerIteration: number;
  readbacksPerIteration: number;
  gflopPerIteration: number;
  gflops: number;
}

/** Multiply-adds of one row through a layer (its input gradient and its weight gradient cost the same again each):
 * linear in x out; a conv each output's taps, a transposed conv each input's (batch norm's few per value are left out). */
function layerMacs(l: LayerPlan): number {
  const size = (s: LayerPlan['input']) => s.channels * s.height * s.width;
  const spec = l.spec as { kernel?: number };
  if (l.type === 'linear') return size(l.input) * size(l.output);
  if (l.type === 'conv2d') return size(l.output) * l.input.channels * spec.kernel! ** 2;
  if (l.type === 'conv_transpose2d') return size(l.input) * l.output.channels * spec.kernel! ** 2;
  return 0;
}

/** Multiply-add FLOPs of one iteration, counted the way the schedule runs the layers. */
export function iterationFlops(config: GanConfig, dataDims: number): number {
  const b = config.batchSize;
  const layers = (input: number, spec: GanConfig['generator']) => planNetwork({ input, layers: spec.layers }, 'network').compute;
  const g = layers(config.noise.dim, config.generator), d = layers(dataDims, config.discriminator);
  const pass = (ls: LayerPlan[]) => ls.reduce((s, l) => s + 2 * b * layerMacs(l), 0);
  const inputGrads = (ls: LayerPlan[], first: boolean) => ls.reduce((s, l, i) => s + (i > 0 || first ? 2 * b * layerMacs(l) : 0), 0);
  const dStep = pass(g) + 2 * pass(d) + 2 * (pass(d) + inputGrads(d, false));
  const gStep = pass(g) + pass(d) + inputGrads(d, true) + pass(g) + inputGrads(g, false);
  return config.k * dStep + gStep;
}

const wide = (width: number, batchSize: number): GanConfig => standardConfig({
  generator: { layers: [{ units: width, activation: 'relu' }, { units: width, activation: 'relu' }, { units: 784, activation: 'sigmoid' }] },
  discriminator: { layers: [{ units: width, activation: 'leaky_relu', alpha: 0.2 }, { units: width, activation: 'leaky_relu', alpha: 0.2 }, { units: 1, activation: 'identity' }] },
  batchSize,
});

/** The trained configurations: SwiftShader-sized by default; `gpu`: the standard GAN at batch 64 to 16384 and widths
 * 256, 1024, 2048 at batch 4096; `quick`: one tiny GAN. */
export const TRAIN_CASES = {
  quick: (): [string, GanConfig][] => [['tiny', standardConfig({
    generator: { layers: [{ units: 8, activation: 'relu' }, { units: 784, activation: 'sigmoid' }] },
    discriminator: { layers: [{ units: 8, activation: 'leaky_relu' }, { units: 1, activation: 'identity' }] },
    noise: { dim: 4, distribution: 'normal' }, batchSize: 8,
  })]],
  default: (): [string, GanConfig][] => [
    ...[64, 256, 1024].map((batchSize): [string, GanConfig] => ['standard', standardConfig({ batchSize })]),
    ...[512, 1024].map((width): [string, GanConfig] => [`width ${width}`, wide(width, 64)]),
    ['dcgan', dcganConfig()],
  ],
  gpu: (): [string, GanConfig][] => [
    ...[64, 256, 1024, 4096, 16384].map((batchSize): [string, GanConfig] => ['standard', standardConfig({ batchSize })]),
    ...[256, 1024, 2048].map((width): [string, GanConfig] => [`width ${width}`, wide(width, 4096)]),
    ...[64, 1024].map((batchSize): [string, GanConfig] => ['dcgan', dcganConfig({ batchSize })]),
  ],
};

export async function benchTrain(device: GPUDevice, opts: { quick?: boolean; cases?: [string, GanConfig][]; chunk?: number } = {}): Promise<TrainRow[]> {
  const rows: TrainRow[] = [];
  const dims = 784;
  const data = new Float64Array(512 * dims);
  rng_uniform(data, { seed: 9, stream: 0, draw: 0 });
  const dataset = { rows: Float32Array.from(data), dims };
  const cases = opts.cases ?? (opts.quick ? TRAIN_CASES.quick() : TRAIN_CASES.default());
  for (const [name, config] of cases) {
    const gan = await Gan.create(device, config, dataset);
    // a DCGAN iteration takes seconds on SwiftShader: fewer per chunk
    const slow = name === 'dcgan' && !opts.chunk;
    const chunk = opts.chunk ?? (opts.quick ? 2 : slow ? 2 : config.batchSize >= 1024 ? 4 : 8);
    await gan.train(chunk, { chunk }); // warm-up: pipelines compiled, first-use costs paid
    const times: number[] = [];
    for (let t = 0; t < (opts.quick ? 1 : 3); t++) {
      const start = performance.now();
      await gan.train(chunk, { chunk });
      times.push((performance.now() - start) / chunk);
    }
    const ms = median(times);
    const flops = iterationFlops(config, dims);
    rows.push({
      config: name, batch: config.batchSize, msPerIteration: ms, samplesPerSecond: (config.batchSize * 1000) / ms,
      dispatchesPerIteration: gan.dispatchesPerIteration, submitsPerIteration: 1 / chunk, readbacksPerIteration: 1 / chunk,
      gflopPerIteration: flops / 1e9, gflops: flops / (ms * 1e6),
    });
    gan.destroy();
  }
  return rows;
}
