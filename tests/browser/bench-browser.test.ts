// The browser benchmark's smoke mode (tiny GAN, one trial of 2 iterations): the page runs the engine and TF.js's
// webgpu, webgl and cpu backends in headless Chromium, and its JSON has every field, with finite figures for every
// runner. A runner that failed fails the test with its reason. No speed is asserted: figures are for the benchmark.
import { describe, expect, it } from 'vitest';
import { driveBenchPage } from '../../bench/browser/drive';
import { RUNNERS, type BenchResult } from '../../bench/browser/spec';
import { WAIT_MS } from '../support/timeouts';

const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

describe('the browser benchmark against TF.js', () => {
  it('runs every runner in smoke mode and reports well-formed, finite figures', async () => {
    const { result, pageErrors } = await driveBenchPage({ smoke: true, timeoutMs: WAIT_MS });
    const r: BenchResult = JSON.parse(JSON.stringify(result)); // what --json writes
    console.log(r.runners.map((x) => `${x.runner}: ${x.ok ? `${x.msPerIteration?.toFixed(1)} ms / iteration` : `failed: ${x.error}`}`).join('; '));

    expect(r.done).toBe(true);
    expect(r.mode).toBe('smoke');
    expect(r.tfjsVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(r.userAgent).toMatch(/Chrome/);
    expect(Date.parse(r.date)).not.toBeNaN();
    expect(r.adapter.engine, 'the engine reports its adapter').toBeTruthy();
    expect(r.adapter.tfjsWebgpu, 'TF.js webgpu reports its adapter').toBeTruthy();
    expect(r.adapter.webglRenderer, 'WebGL reports a renderer').toBeTruthy();
    expect(r.spec.gflopPerIteration).toBeGreaterThan(0);
    expect(r.spec).toEqual({
      gflopPerIteration: r.spec.gflopPerIteration,
      generator: '4-8-16 relu/sigmoid', discriminator: '16-8-1 leaky_relu 0.2/identity', batch: 8, dims: 16, k: 1,
      loss: 'non-saturating', optimizer: 'adam lr 0.0002 beta1 0.5 beta2 0.999', iterations: 2, trials: 1, rounds: 1, datasetRows: 64,
    });

    expect(r.runners.map((x) => x.runner)).toEqual([...RUNNERS]);
    for (const x of r.runners) {
      expect(x.ok, `${x.runner} failed: ${x.error}`).toBe(true);
      expect(x.error).toBeUndefined();
      for (const field of ['msPerIteration', 'samplesPerSecond', 'gflops', 'finalGLoss'] as const) {
        expect(finite(x[field]), `${x.runner}.${field} = ${x[field]}`).toBe(true);
      }
      expect(x.msPerIteration).toBeGreaterThan(0);
      expect(x.samplesPerSecond).toBeCloseTo((8 * 1000) / x.msPerIteration!, 6);
      expect(x.gflops).toBeCloseTo(r.spec.gflopPerIteration / (x.msPerIteration! / 1000), 6);
      expect(x.floatPrecision, `${x.runner} computes in float${x.floatPrecision}`).toBe(32);
      expect(x.trialsMs).toHaveLength(1);
      expect(x.trialsMs!.every(finite)).toBe(true);
      // TF.js disposes what each iteration makes: no live tensor is added from one batch to the next
      if (x.runner !== 'engine') expect(x.tensorGrowth, `${x.runner} leaks tensors`).toBe(0);
    }

    const engineMs = r.runners[0].msPerIteration!;
    expect(r.ratios.map((x) => x.versus)).toEqual(RUNNERS.slice(1));
    for (const ratio of r.ratios) {
      const other = r.runners.find((x) => x.runner === ratio.versus)!;
      expect(ratio.engineSpeedup).toBeCloseTo(other.msPerIteration! / engineMs, 9);
    }
    const fastest = Math.min(...r.ratios.map((x) => x.engineSpeedup));
    expect(r.fastestTfjs?.engineSpeedup).toBe(fastest);
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});
