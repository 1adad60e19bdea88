// One timing protocol for every runner: an untimed warm-up batch (shaders compiled, first-use costs paid), then
// `trials` batches of `iterations` iterations, each ending in one sync (a small read-back). The page repeats this
// in rounds (every runner once per round) and takes the median over all of a runner's batches, so that a change
// in the machine's load during the run weighs on every runner alike.
import { median } from '../timing';
import { iterationFlops } from '../train';
import type { BenchSpec } from './spec';

/** Runs n iterations and resolves once they have finished on the device, with the generator's last loss. */
export type RunBatch = (n: number) => Promise<number>;

/** One round of one runner. */
export interface RoundTiming {
  /** ms per iteration of each timed batch */
  trialsMs: number[];
  finalGLoss: number;
}

export async function timeBatches(spec: BenchSpec, runBatch: RunBatch, afterWarmup?: () => void): Promise<RoundTiming> {
  await runBatch(spec.iterations);
  afterWarmup?.();
  const trialsMs: number[] = [];
  let finalGLoss = NaN;
  for (let t = 0; t < spec.trials; t++) {
    const start = performance.now();
    finalGLoss = await runBatch(spec.iterations);
    trialsMs.push((performance.now() - start) / spec.iterations);
  }
  return { trialsMs, finalGLoss };
}

/** The figures from every timed batch of a runner: the median ms per iteration, and what follows from it. */
export function summarize(spec: BenchSpec, trialsMs: number[]): { msPerIteration: number; samplesPerSecond: number; gflops: number } {
  const msPerIteration = median(trialsMs);
  return {
    msPerIteration, samplesPerSecond: (spec.config.batchSize * 1000) / msPerIteration,
    gflops: iterationFlops(spec.config, spec.dims) / (msPerIteration * 1e6),
  };
}
