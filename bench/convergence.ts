// `npm run convergence -- [--option value]...` (every option below; `--help` lists them with their defaults): trains
// a GAN on a 2-D mixture and prints, every 500 iterations, the unrolled-GAN paper's measures: modes covered and the
// share of high-quality samples (within 3 std of a mode), with the count per mode, D's outputs and ms per iteration.
// Values the trainer does not allow (an activation, a loss) fail in its config check, which names the field.
import { writeFileSync } from 'node:fs';
import {
  adapterName, Gan, grid25, modeCoverage, parseSchedule, ring8, toyConfig, type Activation, type GanConfig, type LrStep,
} from '../src/index';
import { requestNodeDevice } from '../src/node/index';

const defaults = {
  dataset: 'ring8', iterations: 8000, seed: 1, json: '',
  gWidth: 64, gDepth: 2, gAct: 'relu', dWidth: 64, dDepth: 2, dAct: 'leaky_relu',
  noiseDim: 8, noise: 'normal', batch: 128, k: 1, loss: 'non-saturating', realLabel: 1,
  gLr: 1e-3, dLr: 1e-3, beta1: 0.5, beta2: 0.999,
  // learning-rate steps, 'iteration:factor' or 'iteration:gFactor:dFactor', comma-separated (as the CLI's
  // --schedule): from that iteration on, G's lr is gLr times gFactor and D's is dLr times dFactor; config.schedule
  // applies them on the GPU between chunks
  schedule: '',
  // batch-size steps, 'iteration:batch,...' at multiples of 500: from that iteration on, each minibatch has that many
  // rows (the run's state does not depend on the batch, so gan.reconfigure() carries it over)
  batchSchedule: '',
};
type Options = typeof defaults;
const opts: Options = { ...defaults };
const args = process.argv.slice(2);
const usage = () => Object.entries(defaults).map(([k, v]) => `--${k} ${v === '' ? "''" : v}`).join(' ');
if (args[0] === '--help') { console.log(`convergence options (defaults): ${usage()}`); process.exit(0); }
const bad = (message: string): never => { console.error(`convergence: ${message}`); process.exit(2); };
for (let i = 0; i < args.length; i += 2) {
  const key = args[i].replace(/^--/, '') as keyof Options;
  if (!(key in defaults) || args[i + 1] === undefined) bad(`unknown or incomplete option '${args[i]}' (options: ${usage()})`);
  const value = typeof defaults[key] === 'number' ? Number(args[i + 1]) : args[i + 1];
  if (Number.isNaN(value)) bad(`--${key} must be a number, got ${args[i + 1]}`);
  (opts as Record<string, string | number>)[key] = value;
}
if (opts.dataset !== 'ring8' && opts.dataset !== 'grid25') bad(`--dataset must be ring8 or grid25, got ${opts.dataset}`);
let schedule: LrStep[] = [];
try {
  schedule = parseSchedule(opts.schedule);
} catch (e) {
  bad(`--schedule: ${(e as Error).message}`);
}
const batchSteps = opts.batchSchedule ? opts.batchSchedule.split(',').map((s) => s.split(':').map(Number)) : [];
if (batchSteps.some(([at, batch, ...rest]) => !(at > 0 && at % 500 === 0 && Number.isInteger(batch) && batch > 0 && rest.length === 0))) {
  bad(`--batchSchedule must be 'iteration:batch,...' at multiples of 500, got ${opts.batchSchedule}`);
}

const data = opts.dataset === 'ring8' ? ring8(10_000, 1) : grid25(10_000, 1);
const hidden = (width: number, depth: number, activation: string) =>
  Array.from({ length: depth }, () => ({ units: width, activation: activation as Activation, alpha: 0.2 }));
const configAt = (batch: number): GanConfig => toyConfig({
  generator: { layers: [...hidden(opts.gWidth, opts.gDepth, opts.gAct), { units: 2, activation: 'identity' }] },
  discriminator: { layers: [...hidden(opts.dWidth, opts.dDepth, opts.dAct), { units: 1, activation: 'identity' }] },
  noise: { dim: opts.noiseDim, distribution: opts.noise as 'normal' | 'uniform' },
  batchSize: batch, seed: opts.seed, k: opts.k, loss: opts.loss as GanConfig['loss'], realLabel: opts.realLabel,
  optimizers: {
    generator: { type: 'adam', lr: opts.gLr, beta1: opts.beta1, beta2: opts.beta2 },
    discriminator: { type: 'adam', lr: opts.dLr, beta1: opts.beta1, beta2: opts.beta2 },
  },
  schedule,
});

const { device, description } = await requestNodeDevice();
console.log(`adapter: ${adapterName(description)}; ${JSON.stringify(opts)}`);
let gan = await Gan.create(device, configAt(opts.batch), { rows: data.rows, dims: 2 });
const rows: Record<string, number>[] = [];
let trainingMs = 0; // training alone: excludes building the networks and the 2000-sample measures
for (let done = 0; done < opts.iterations; done += 500) {
  const batchStep = batchSteps.find(([at]) => at === done);
  if (batchStep) gan = await gan.reconfigure(configAt(batchStep[1]));
  const start = performance.now();
  await gan.train(Math.min(500, opts.iterations - done), { chunk: 250, snapshotEvery: 0 });
  trainingMs += performance.now() - start;
  const cov = modeCoverage(await gan.sample(2000), data);
  const m = gan.metrics().at(-1)!;
  const row = {
    iteration: m.iteration, modes: cov.modesCovered, highQuality: cov.highQualityFraction, dLoss: m.dLoss, gLoss: m.gLoss,
    dReal: m.dReal, dFake: m.dFake, msPerIteration: trainingMs / m.iteration,
  };
  rows.push(row);
  console.log(`iteration ${String(row.iteration).padStart(6)}: ${row.modes}/${data.modes.length} modes, ` +
    `${(100 * row.highQuality).toFixed(1).padStart(4)}% high quality, D(x) ${row.dReal.toFixed(3)}, D(G(z)) ${row.dFake.toFixed(3)}, ` +
    `${row.msPerIteration.toFixed(1)} ms/iteration, per mode ${cov.perMode.join(' ')}`);
}
if (opts.json) writeFileSync(opts.json, JSON.stringify({ adapter: adapterName(description), options: opts, rows }, null, 2));
gan.destroy();
device.destroy();
