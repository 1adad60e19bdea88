// `npm run bench [matmul | train | conv | gpu] [--quick] [--peak-gflops X] [--json FILE]`: prints the figures and writes
// them as JSON. The default run is sized for SwiftShader; `gpu` runs real-GPU sizes (matmul 512^3 to 4096^3 and the
// GAN's shapes, the standard GAN at batch 64 to 16384, wide nets at batch 4096 and the DCGAN at batch 64 and 1024,
// 64 iterations per submit). `conv`: the conv kernels on dcganConfig()'s layers beside the matmul at the same sizes.
// Kernel variants are chosen by the tuner as in any run (WEBGPU_GAN_TUNING=off|blocked|tiled to override); its
// choices are printed at the end.
import { writeFileSync } from 'node:fs';
import { adapterName, tuningReport } from '../src/index';
import { requestNodeDevice } from '../src/node/index';
import { benchMatmul, fastestVariants, MATMUL_SHAPES, speedups } from './matmul';
import { benchTrain, TRAIN_CASES } from './train';
import { benchConv } from './conv';
import { formatProfile, profileDispatches, type Profile } from './profile';
import { Gan, standardConfig } from '../src/index';

const args = process.argv.slice(2);
const usage = 'use: matmul, train, conv, gpu, --quick, --peak-gflops X, --json FILE';
const fail = (message: string): never => { console.error(`bench: ${message} (${usage})`); process.exit(2); };
const valueOf = (flag: string): string | undefined => {
  const at = args.indexOf(flag);
  if (at < 0) return undefined;
  return args[at + 1] && !args[at + 1].startsWith('--') ? args[at + 1] : fail(`${flag} needs a value`);
};
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json' || args[i] === '--peak-gflops') { i++; continue; }
  if (!['matmul', 'train', 'conv', 'gpu', '--quick'].includes(args[i])) fail(`unknown argument '${args[i]}'`);
}
const quick = args.includes('--quick');
const gpu = args.includes('gpu');
const jsonFile = valueOf('--json');
const peakText = valueOf('--peak-gflops');
const peak = peakText === undefined ? undefined : Number(peakText);
if (peak !== undefined && !(peak > 0)) fail(`--peak-gflops must be a positive number, got '${peakText}'`);

const modes = args.filter((a) => a === 'matmul' || a === 'train' || a === 'conv');
const runMatmul = modes.length === 0 || modes.includes('matmul');
const runTrain = modes.length === 0 || modes.includes('train');
const runConv = modes.length === 0 || modes.includes('conv');

const { device, description } = await requestNodeDevice();
const adapter = adapterName(description);
console.log(`adapter: ${adapter}${gpu ? ' (gpu sizes)' : ''}`);
const ofPeak = (gflops: number) => (peak ? ` ${((100 * gflops) / peak).toFixed(1).padStart(5)}% of peak` : '');
const shapes = quick ? MATMUL_SHAPES.quick : gpu ? MATMUL_SHAPES.gpu : MATMUL_SHAPES.default;
const rows = runMatmul ? await benchMatmul(device, { quick, shapes, naive: !gpu }) : [];
if (rows.length) console.log('\nkernel                         shape (MxKxN)     ms/op    GFLOP/s   reps');
for (const r of rows) {
  console.log(`${r.kernel.padEnd(30)} ${r.shape.padEnd(16)} ${r.ms.toFixed(3).padStart(8)} ${r.gflops.toFixed(2).padStart(10)} ` +
    `${String(r.reps).padStart(6)}${ofPeak(r.gflops)}`);
}
// --quick is a smoke run of the code paths: its shapes are too small for ratios between them to mean anything
const ratiosShown = !quick;
if (quick) console.log('\n--quick: a smoke run on tiny shapes; ratios (tiled vs naive, share of best matmul) are left out');
if (rows.length && ratiosShown && !gpu) console.log('\nlinear_forward vs naive, same run, same adapter:');
for (const s of ratiosShown && !gpu ? speedups(rows) : []) console.log(`  ${s.shape.padEnd(16)} ${s.ratio.toFixed(1)}x`);
const fastest = fastestVariants(rows);
if (fastest.length) console.log('\nfastest variant per kernel and shape in this run:');
for (const f of fastest) console.log(`  ${f.kernel.padEnd(24)} ${f.shape.padEnd(16)} ${f.fastest} (${f.gflops.toFixed(2)} GFLOP/s)`);
const best = rows.length ? Math.max(...rows.filter((r) => r.kernel !== 'naive_matmul').map((r) => r.gflops)) : NaN;
if (rows.length) console.log(`best engine matmul: ${best.toFixed(2)} GFLOP/s${ofPeak(best)}`);
const cases = quick ? TRAIN_CASES.quick() : gpu ? TRAIN_CASES.gpu() : TRAIN_CASES.default();
const train = runTrain ? await benchTrain(device, { quick, cases, chunk: gpu ? 64 : undefined }) : [];
if (train.length) {
  console.log('\nconfig     batch  ms/iter  samples/s  dispatches/iter  submits/iter  GFLOP/iter  GFLOP/s  share of best matmul');
  for (const r of train) {
    const share = !ratiosShown ? 'n/a (--quick)' : Number.isFinite(best) ? `${((100 * r.gflops) / best).toFixed(0)}%` : 'n/a (run with matmul)';
    console.log(`${r.config.padEnd(10)} ${String(r.batch).padStart(5)} ${r.msPerIteration.toFixed(2).padStart(8)} ${r.samplesPerSecond.toFixed(0).padStart(10)} ` +
      `${String(r.dispatchesPerIteration).padStart(16)} ${r.submitsPerIteration.toFixed(3).padStart(13)} ${r.gflopPerIteration.toFixed(3).padStart(11)} ` +
      `${r.gflops.toFixed(2).padStart(8)}  ${share}${ofPeak(r.gflops)}`);
  }
}
const conv = runConv ? await benchConv(device, { quick, width: quick ? 4 : 64 }) : [];
if (conv.length) {
  console.log(`\nconv kernels on dcganConfig()'s layers, batch 64, beside linear_forward on the GEMM of the same size (M x K x N):`);
  console.log('layer                       kernel                                 ms/op    GFLOP/s  matmul GFLOP/s  share');
  for (const r of conv) {
    console.log(`${r.layer.padEnd(27)} ${r.kernel.padEnd(36)} ${r.ms.toFixed(3).padStart(8)} ${r.gflops.toFixed(2).padStart(10)} ` +
      `${r.matmulGflops.toFixed(2).padStart(15)} ${quick ? '  n/a' : `${(100 * r.share).toFixed(0).padStart(5)}%`}${ofPeak(r.gflops)}`);
  }
}
// the dispatch profile of the standard GAN (GPU timestamps where the adapter has them)
const profiles: { batch: number; profile: Profile }[] = [];
for (const batch of runTrain && !quick ? (gpu ? [64, 4096] : [64]) : []) {
  const gan = await Gan.create(device, standardConfig({ batchSize: batch }), { rows: new Float32Array(512 * 784).fill(0.5), dims: 784 });
  const profile = await profileDispatches(device, gan.dispatches());
  gan.destroy();
  profiles.push({ batch, profile });
  console.log('');
  for (const line of formatProfile(profile, `dispatch profile, standard GAN at batch ${batch}`)) console.log(line);
}
const tuning = tuningReport(device);
const chosen = Object.entries(tuning.choices);
console.log(`\nkernel variants (tuning ${tuning.force ? `forced to '${tuning.force}'` : tuning.mode}): ` +
  (chosen.length ? '' : 'every kernel as it is (no shape large enough to tune, or tuning off)'));
for (const [key, variant] of chosen) {
  const times = tuning.timings[key];
  const measured = times ? Object.entries(times).map(([v, ms]) => `${v} ${ms.toFixed(3)} ms`).join(', ') : 'from the cache';
  console.log(`  ${key.padEnd(40)} ${variant.padEnd(30)} ${measured}`);
}
if (jsonFile) {
  writeFileSync(jsonFile, JSON.stringify({
    adapter, date: new Date().toISOString(), quick, gpu, peakGflops: peak, matmul: rows, fastest,
    speedups: ratiosShown && !gpu ? speedups(rows) : [], bestGflops: best, train, conv, profiles, tuning,
  }, null, 2));
  console.log(`wrote ${jsonFile}`);
}
device.destroy();
