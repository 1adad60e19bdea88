// The benchmark's result as text: one line per runner, then the engine's speedups. The page shows the same rows in
// a table; the Node script prints these lines.
import type { BenchResult, RunnerResult } from './spec';

export const COLUMNS = ['runner', 'ms / iteration', 'samples / s', 'GFLOP/s', 'float bits', 'batches (ms / iteration)', 'engine speedup'] as const;

/** One row of cells per runner, in COLUMNS' order; a failed runner shows its reason. */
export function tableRows(result: BenchResult): string[][] {
  return result.runners.map((r: RunnerResult) => {
    if (!r.ok) return [r.runner, 'failed', '', '', '', r.error ?? 'no reason given', ''];
    const speedup = r.runner === 'engine' ? '1.0x' : `${result.ratios.find((x) => x.versus === r.runner)?.engineSpeedup.toFixed(1) ?? '?'}x`;
    return [r.runner, r.msPerIteration!.toFixed(1), r.samplesPerSecond!.toFixed(0), r.gflops!.toFixed(2), String(r.floatPrecision),
      r.trialsMs!.map((t) => t.toFixed(1)).join(', '), speedup];
  });
}

export function reportLines(result: BenchResult): string[] {
  const s = result.spec;
  const lines = [
    `mode: ${result.mode}; TF.js ${result.tfjsVersion}; ${result.userAgent}`,
    `engine adapter: ${result.adapter.engine ?? 'none'}; TF.js webgpu adapter: ${result.adapter.tfjsWebgpu ?? 'none'}; ` +
      `WebGL renderer: ${result.adapter.webglRenderer ?? 'none'}`,
    `GAN: G ${s.generator}, D ${s.discriminator}, batch ${s.batch}, k ${s.k}, ${s.loss}, ${s.optimizer}; ` +
      `${s.gflopPerIteration.toFixed(3)} GFLOP / iteration; random rows of ${s.dims} (${s.datasetRows} rows)`,
    `timing: ${s.rounds} round(s), each running every runner in turn: a warm-up batch, then ${s.trials} timed batches ` +
      `of ${s.iterations} iterations with one sync each; medians over all timed batches`,
    '',
  ];
  const rows = [[...COLUMNS], ...tableRows(result)];
  const widths = COLUMNS.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) lines.push(r.map((cell, c) => (c === 0 || c === 5 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
  lines.push('');
  // the speedup is the other runner's ms over the engine's: below 1, the engine is the slower one
  const says = (x: number) => `${x.toFixed(2)}x${x < 1 ? ' (the engine is slower)' : ''}`;
  for (const r of result.ratios) lines.push(`engine speedup per iteration over ${r.versus}: ${says(r.engineSpeedup)}`);
  if (result.fastestTfjs) lines.push(`engine speedup over the fastest TF.js backend (${result.fastestTfjs.versus}): ${says(result.fastestTfjs.engineSpeedup)}`);
  return lines;
}
