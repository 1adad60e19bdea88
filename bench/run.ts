// `npm run bench [matmul] [--quick] [--json FILE]`: prints the figures and writes them as JSON.
import { writeFileSync } from 'node:fs';
import { adapterName } from '../src/index';
import { requestNodeDevice } from '../src/node/index';
import { benchMatmul, speedups } from './matmul';
import { benchTrain } from './train';

const args = process.argv.slice(2);
const known = new Set(['matmul', 'train', '--quick', '--json']);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') { i++; continue; }
  if (!known.has(args[i])) {
    console.error(`bench: unknown argument '${args[i]}' (use: matmul, train, --quick, --json FILE)`);
    process.exit(2);
  }
}
const quick = args.includes('--quick');
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
if (jsonAt >= 0 && !jsonFile) {
  console.error('bench: --json needs a file name');
  process.exit(2);
}

const modes = args.filter((a) => a === 'matmul' || a === 'train');
const runMatmul = modes.length === 0 || modes.includes('matmul');
const runTrain = modes.length === 0 || modes.includes('train');

const { device, description } = await requestNodeDevice();
const adapter = adapterName(description);
console.log(`adapter: ${adapter}`);
const rows = runMatmul ? await benchMatmul(device, { quick }) : [];
if (rows.length) console.log('\nkernel                   shape (MxKxN)     ms/op    GFLOP/s   reps');
for (const r of rows) {
  console.log(`${r.kernel.padEnd(24)} ${r.shape.padEnd(16)} ${r.ms.toFixed(3).padStart(8)} ${r.gflops.toFixed(2).padStart(10)} ${String(r.reps).padStart(6)}`);
}
// --quick is a smoke run of the code paths: its shapes are too small for ratios between them to mean anything
const ratiosShown = !quick;
if (quick) console.log('\n--quick: a smoke run on tiny shapes; ratios (tiled vs naive, share of best matmul) are left out');
if (rows.length && ratiosShown) console.log('\ntiled linear_forward vs naive, same run, same adapter:');
for (const s of ratiosShown ? speedups(rows) : []) console.log(`  ${s.shape.padEnd(16)} ${s.ratio.toFixed(1)}x`);
const best = rows.length ? Math.max(...rows.filter((r) => r.kernel !== 'naive_matmul').map((r) => r.gflops)) : NaN;
if (rows.length) console.log(`best engine matmul: ${best.toFixed(2)} GFLOP/s`);
const train = runTrain ? await benchTrain(device, { quick }) : [];
if (train.length) {
  console.log('\nconfig     batch  ms/iter  samples/s  dispatches/iter  submits/iter  GFLOP/iter  GFLOP/s  share of best matmul');
  for (const r of train) {
    const share = !ratiosShown ? 'n/a (--quick)' : Number.isFinite(best) ? `${((100 * r.gflops) / best).toFixed(0)}%` : 'n/a (run with matmul)';
    console.log(`${r.config.padEnd(10)} ${String(r.batch).padStart(5)} ${r.msPerIteration.toFixed(1).padStart(8)} ${r.samplesPerSecond.toFixed(0).padStart(10)} ` +
      `${String(r.dispatchesPerIteration).padStart(16)} ${r.submitsPerIteration.toFixed(3).padStart(13)} ${r.gflopPerIteration.toFixed(3).padStart(11)} ` +
      `${r.gflops.toFixed(2).padStart(8)}  ${share}`);
  }
}
if (jsonFile) {
  writeFileSync(jsonFile, JSON.stringify({ adapter, date: new Date().toISOString(), quick, matmul: rows, speedups: ratiosShown ? speedups(rows) : [], bestGflops: best, train }, null, 2));
  console.log(`wrote ${jsonFile}`);
}
device.destroy();
