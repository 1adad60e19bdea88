// `npm run convergence -- [--dataset ring8|grid25] [--iterations N] [--width H] [--lr LR] [--batch B] [--seed S]`:
// trains a GAN on a 2-D mixture and prints, every 500 iterations, the unrolled-GAN paper's measures: modes covered
// and the share of high-quality samples (within 3 std of a mode), with the losses and ms per iteration.
import { writeFileSync } from 'node:fs';
import { grid25, modeCoverage, ring8 } from '../src/data/toy';
import { adapterName } from '../src/gpu/device';
import { requestNodeDevice } from '../src/node/device';
import { toyConfig } from '../src/train/config';
import { Gan } from '../src/train/gan';

const defaults = { dataset: 'ring8', iterations: 8000, width: 64, lr: 1e-3, batch: 128, seed: 1, json: '' };
const opts: Record<string, string | number> = { ...defaults };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const key = args[i].replace(/^--/, '');
  if (!(key in defaults) || args[i + 1] === undefined) {
    console.error(`convergence: unknown or incomplete option '${args[i]}' (options: ${Object.keys(defaults).map((k) => `--${k}`).join(', ')})`);
    process.exit(2);
  }
  opts[key] = typeof defaults[key as keyof typeof defaults] === 'number' ? Number(args[i + 1]) : args[i + 1];
}
if (opts.dataset !== 'ring8' && opts.dataset !== 'grid25') {
  console.error(`convergence: --dataset must be ring8 or grid25, got ${opts.dataset}`);
  process.exit(2);
}
const data = opts.dataset === 'ring8' ? ring8(10_000, 1) : grid25(10_000, 1);
const width = Number(opts.width), lr = Number(opts.lr);
const config = toyConfig({
  generator: { layers: [{ units: width, activation: 'relu' }, { units: width, activation: 'relu' }, { units: 2, activation: 'identity' }] },
  discriminator: { layers: [{ units: width, activation: 'leaky_relu', alpha: 0.2 }, { units: width, activation: 'leaky_relu', alpha: 0.2 }, { units: 1, activation: 'identity' }] },
  noise: { dim: 8, distribution: 'normal' }, batchSize: Number(opts.batch), seed: Number(opts.seed),
  optimizers: { generator: { type: 'adam', lr, beta1: 0.5 }, discriminator: { type: 'adam', lr, beta1: 0.5 } },
});
const { device, description } = await requestNodeDevice();
console.log(`adapter: ${adapterName(description)}; ${opts.dataset}, width ${width}, lr ${lr}, batch ${opts.batch}, seed ${opts.seed}`);
const gan = await Gan.create(device, config, { rows: data.rows, dims: 2 });
const rows: Record<string, number>[] = [];
const start = performance.now();
for (let done = 0; done < Number(opts.iterations); done += 500) {
  await gan.train(Math.min(500, Number(opts.iterations) - done), { chunk: 250 });
  const cov = modeCoverage(await gan.sample(2000), data);
  const m = gan.metrics().at(-1)!;
  const row = {
    iteration: m.iteration, modes: cov.modesCovered, highQuality: cov.highQualityFraction, dLoss: m.dLoss, gLoss: m.gLoss,
    dReal: m.dReal, dFake: m.dFake, msPerIteration: (performance.now() - start) / m.iteration,
  };
  rows.push(row);
  console.log(`iteration ${String(row.iteration).padStart(6)}: ${row.modes}/${data.modes.length} modes, ` +
    `${(100 * row.highQuality).toFixed(1)}% high quality, D(x) ${row.dReal.toFixed(3)}, D(G(z)) ${row.dFake.toFixed(3)}, ` +
    `${row.msPerIteration.toFixed(1)} ms/iteration`);
}
if (opts.json) writeFileSync(String(opts.json), JSON.stringify({ adapter: adapterName(description), options: opts, rows }, null, 2));
gan.destroy();
device.destroy();
