// `webgpu-gan train`: a run that is never lost. --out is checked before any training; a folder that holds a run is
// refused unless --resume (go on from its checkpoint) or --overwrite; every file is written whole under a temporary
// name and then renamed; Ctrl-C (SIGINT) or SIGTERM finishes the chunk in flight, writes a checkpoint of the last
// finished iteration and exits 130 saying how to resume; --checkpoint-every N writes one as it goes; a run that
// diverges (a NaN) writes its last finite snapshot and says how to resume it with a lower rate.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { modeCoverage } from '../data/toy.js';
import { adapterName } from '../gpu/device.js';
import { encodeCheckpoint, loadCheckpoint, saveCheckpoint } from '../io/checkpoint.js';
import { NonFiniteError } from '../train/errors.js';
import { Gan, type IterationMetrics } from '../train/gan.js';
import { metricsCsv, qualityProbe, type QualityProbe } from './cli-quality.js';
import { curvesChart } from './charts.js';
import { requestNodeDevice } from './device.js';
import type { ToyDataset } from '../data/toy.js';

/** A usage or config error: the CLI says it and exits 2 (runtime failures exit 1). */
export class UsageError extends Error {}

export interface Dataset {
  name: string;
  rows: Float32Array;
  dims: number;
  toy?: ToyDataset;
  /** Images (MNIST, your own): their side and channels, and whether values are ink (MNIST: drawn dark on white). */
  image?: { side: number; channels: number; ink: boolean };
  /** The options that name the data again (`--dataset mnist`, `--images DIR --side 32 --rgb`), for resume hints. */
  source: string;
  /** Kept in the checkpoint's metadata, beside `dataset`. */
  metadata?: Record<string, string>;
  /** Each row's class and how many there are (a toy mixture's modes, MNIST's digits): what --conditional trains on. */
  labels?: ArrayLike<number>;
  classes?: number;
}

/** Exit code of a run stopped by SIGINT or SIGTERM (128 + SIGINT's 2, as shells report it). */
export const INTERRUPTED = 130;
const CHECKPOINT = 'checkpoint.safetensors';

/** Writes the file whole or not at all: to a temporary name in the same folder, then renamed over the old one, so an
 * interrupt never leaves a half-written checkpoint (a 101 MB one was left at 0 bytes). */
export function writeAtomic(path: string, bytes: Uint8Array | string): void {
  const temporary = `${path}.${process.pid}.partial`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw e;
  }
}

/** Creates a folder and its missing parents one by one: Node's recursive mkdir spins forever on some paths
 * (`--out /proc/x` kept a core busy without end), where a plain mkdir fails with a reason. */
function makeFolder(path: string): void {
  const missing: string[] = [];
  let at = resolve(path);
  while (!existsSync(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
    at = dirname(at);
  }
  if (existsSync(at) && !statSync(at).isDirectory()) throw new Error(`${at} is not a folder`);
  for (const folder of missing) mkdirSync(folder);
}

/** Creates --out and proves it writable before any training: an unwritable path is a usage error at once, not a run
 * lost at its end. A folder that already holds a run is refused unless the user said what to do with it. */
export function prepareOut(out: string, how: { resume: boolean; overwrite: boolean }): void {
  try {
    makeFolder(out);
    const probe = join(out, `.webgpu-gan-write-test.${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (e) {
    throw new UsageError(`--out ${out} is not a folder this process can write to: ${(e as Error).message}`);
  }
  const holdsRun = existsSync(join(out, CHECKPOINT));
  if (how.resume && !holdsRun) throw new UsageError(`--resume: ${out} holds no run (no ${CHECKPOINT})`);
  if (holdsRun && !how.resume && !how.overwrite) {
    throw new UsageError(`${out} already holds a run (${CHECKPOINT}): --resume to continue it, --overwrite to replace it, or another --out`);
  }
}


function progress(done: number, total: number, started: number, m?: IterationMetrics): string {
  const width = 30, filled = Math.round((width * done) / total);
  const rate = done / Math.max(1e-3, (performance.now() - started) / 1000);
  const losses = m ? ` D ${m.dLoss.toFixed(3)} G ${m.gLoss.toFixed(3)}` : '';
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${rate.toFixed(1)} it/s${losses}`;
}

/** A loss this large is a run that has diverged in all but name (Adam at lr 10 reached 1e5 and exited 0). */
const EXPLODED = 1e3;

function explosionWarning(history: IterationMetrics[]): string | undefined {
  const worst = history.reduce<IterationMetrics | undefined>((w, m) =>
    (Math.max(Math.abs(m.dLoss), Math.abs(m.gLoss)) > Math.max(Math.abs(w?.dLoss ?? 0), Math.abs(w?.gLoss ?? 0)) ? m : w), undefined);
  if (!worst || Math.max(Math.abs(worst.dLoss), Math.abs(worst.gLoss)) < EXPLODED) return undefined;
  return `warning: the losses exploded (D ${worst.dLoss.toExponential(2)}, G ${worst.gLoss.toExponential(2)} at iteration ` +
    `${worst.iteration}): the run is finite but has diverged in effect; try a smaller --lr\n`;
}

export interface TrainPlan {
  data: Dataset;
  config: import('../train/config.js').GanConfig;
  iterations: number;
  out: string;
  resume: boolean;
  checkpointEvery: number;
  /** Measure FID and the class histogram every this many iterations (MNIST; 0: never): cli-quality.ts. */
  qualityEvery?: number;
  /** Draws the samples PNG (per dataset). */
  samplesPng(samples: Float32Array): Buffer;
}

/** Writes the run's files (samples, metrics, curves, checkpoint), each whole. */
async function writeRun(gan: Gan, plan: TrainPlan, quality?: QualityProbe): Promise<Float32Array> {
  const samples = await gan.sample(plan.data.image ? 64 : 1000);
  writeAtomic(join(plan.out, 'samples.png'), plan.samplesPng(samples));
  const history = gan.metrics();
  writeAtomic(join(plan.out, 'metrics.csv'), metricsCsv(history, quality?.points));
  writeAtomic(join(plan.out, 'curves.png'), curvesChart(history).png());
  writeAtomic(join(plan.out, CHECKPOINT), await saveCheckpoint(gan, { ...plan.data.metadata, dataset: plan.data.name }));
  return samples;
}

/** Trains as planned; returns the exit code (0, 1 after a divergence, 130 after an interrupt). */
export async function runTraining(plan: TrainPlan): Promise<number> {
  const { device, description } = await requestNodeDevice();
  process.stderr.write(`adapter: ${adapterName(description)}\n`);
  const rows = { rows: plan.data.rows, dims: plan.data.dims, labels: plan.data.labels };
  const gan = plan.resume
    ? await loadCheckpoint(device, readFileSync(join(plan.out, CHECKPOINT)), rows).then((g) => g.reconfigure(plan.config))
    : await Gan.create(device, plan.config, rows);
  const quality = plan.qualityEvery
    ? await qualityProbe(device, plan.data, plan.qualityEvery, plan.resume ? join(plan.out, 'metrics.csv') : undefined)
    : undefined;
  const stop = new AbortController();
  const onSignal = (signal: string) => {
    process.stderr.write(`\n${signal}: finishing the chunk in flight, then writing a checkpoint (again to quit at once)\n`);
    stop.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const first = gan.iterations, last = first + plan.iterations;
  const started = performance.now();
  const resumeHint = (extra = '') => `resume with: webgpu-gan train ${plan.data.source} --out ${plan.out} --resume --iterations N${extra}`;
  let code = 0;
  try {
    while (gan.iterations < last) {
      const next = (every = 0) => (every > 0 ? (Math.floor(gan.iterations / every) + 1) * every : last);
      const until = Math.min(last, next(plan.checkpointEvery), next(quality?.every));
      await gan.train(until - gan.iterations, {
        chunk: Math.min(100, until - gan.iterations), signal: stop.signal,
        onMetrics: (m) => process.stderr.write(progress(m.at(-1)!.iteration - first, plan.iterations, started, m.at(-1))),
      });
      if (quality && gan.iterations % quality.every === 0) {
        const p = await quality.measure(gan);
        process.stderr.write(`\niteration ${gan.iterations}: FID ${p.fid.toFixed(2)}, classes covered ${p.covered}/10 (KL from uniform ${p.kl.toFixed(3)})\n`);
      }
      if (plan.checkpointEvery > 0 && gan.iterations < last && gan.iterations % plan.checkpointEvery === 0) {
        // the checkpoint's state is also the run's snapshot: a divergence later goes back to it, never to an older
        // one that would then be written over this newer file
        const state = await gan.exportState();
        gan.snapshot = state;
        writeAtomic(join(plan.out, CHECKPOINT), await encodeCheckpoint(gan.config, gan.data.dims, state, { ...plan.data.metadata, dataset: plan.data.name }));
        writeAtomic(join(plan.out, 'metrics.csv'), metricsCsv(gan.metrics(), quality?.points));
      }
    }
    process.stderr.write('\n');
  } catch (e) {
    process.stderr.write('\n');
    if (e instanceof DOMException && e.name === 'AbortError') {
      await writeRun(gan, plan, quality);
      process.stderr.write(`interrupted: iteration ${gan.iterations} is saved in ${join(plan.out, CHECKPOINT)}; ${resumeHint()}\n`);
      code = INTERRUPTED;
    } else if (e instanceof NonFiniteError) {
      gan.restoreSnapshot(); // the last finite state: what the files then hold
      await writeRun(gan, plan, quality);
      process.stderr.write(`${e.message}\nthe last finite state, iteration ${gan.iterations}, is saved in ${join(plan.out, CHECKPOINT)}; ` +
        `${resumeHint(' --lr SMALLER')}\n`);
      code = 1;
    } else {
      throw e;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (code === 0) {
    const samples = await writeRun(gan, plan, quality);
    const warning = explosionWarning(gan.metrics());
    if (warning) process.stderr.write(warning);
    if (plan.data.toy && plan.data.dims === 2) {
      const c = modeCoverage(samples, plan.data.toy);
      process.stdout.write(`modes covered ${c.modesCovered}/${plan.data.toy.modes.length}, high-quality samples ${(100 * c.highQualityFraction).toFixed(1)}%\n`);
    }
    const files = ['samples.png', 'metrics.csv', 'curves.png', CHECKPOINT].map((f) => join(plan.out, f));
    process.stdout.write(`wrote ${files.join(', ')} (iteration ${gan.iterations})\n`);
  }
  quality?.destroy();
  gan.destroy();
  device.destroy();
  return code;
}
