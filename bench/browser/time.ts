// One timing protocol for every runner: an untimed warm-up batch (shaders compiled, first-use costs paid), then
// `trials` batches of `iterations` iterations, each ending in one sync (a small read-back), and the median.
import { median } from '../timing';
import type { BenchSpec } from './spec';

/** Runs n iterations and resolves once they have finished on the device, with the generator's last loss. */
export type RunBatch = (n: number) => Promise<number>;

export interface Timing {
  msPerIteration: number;
  trialsMs: number[];
  samplesPerSecond: number;
  finalGLoss: number;
}

export async function timeBatches(spec: BenchSpec, runBatch: RunBatch, afterWarmup?: () => void): Promise<Timing> {
  await runBatch(spec.iterations);
  afterWarmup?.();
  const trialsMs: number[] = [];
  let finalGLoss = NaN;
  for (let t = 0; t < spec.trials; t++) {
    const start = performance.now();
    finalGLoss = await runBatch(spec.iterations);
    trialsMs.push((performance.now() - start) / spec.iterations);
  }
  const msPerIteration = median(trialsMs);
  return { msPerIteration, trialsMs, samplesPerSecond: (spec.config.batchSize * 1000) / msPerIteration, finalGLoss };
}
