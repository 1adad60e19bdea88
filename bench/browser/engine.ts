// The engine's runner: createGan on the browser's WebGPU device, timed batch by batch; each batch is gan.train(N)
// with one chunk of N, so one compute pass, one submit and one metrics read-back per batch.
import { adapterName, createGan, requestBrowserDevice } from '../../src/index';
import type { BenchSpec } from './spec';
import { timeBatches, type RoundTiming } from './time';

export interface EngineRound extends RoundTiming { floatPrecision: number; adapter: string }

export async function runEngine(spec: BenchSpec, rows: Float32Array): Promise<EngineRound> {
  const { device, description } = await requestBrowserDevice();
  try {
    const gan = await createGan(device, spec.config, { rows, dims: spec.dims });
    try {
      const timing = await timeBatches(spec, async (n) => {
        // snapshotEvery 0: no state read-backs in the timed batches (TF.js takes none either)
        const metrics = await gan.train(n, { chunk: n, snapshotEvery: 0 });
        return metrics[metrics.length - 1].gLoss;
      });
      return { ...timing, floatPrecision: 32, adapter: adapterName(description) };
    } finally {
      gan.destroy();
    }
  } finally {
    device.destroy();
  }
}
