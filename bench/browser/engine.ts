// The engine's runner: createGan on the browser's WebGPU device, timed batch by batch; each batch is gan.train(N)
// with one chunk of N, so one compute pass, one submit and one metrics read-back per batch.
import { adapterName, createGan, requestBrowserDevice } from '../../src/index';
import type { BenchSpec, RunnerResult } from './spec';
import { timeBatches } from './time';

export async function runEngine(spec: BenchSpec, rows: Float32Array): Promise<{ result: RunnerResult; adapter: string }> {
  const { device, description } = await requestBrowserDevice();
  try {
    const gan = await createGan(device, spec.config, { rows, dims: spec.dims });
    try {
      const timing = await timeBatches(spec, async (n) => {
        // snapshotEvery 0: no state read-backs in the timed batches (TF.js takes none either)
        const metrics = await gan.train(n, { chunk: n, snapshotEvery: 0 });
        return metrics[metrics.length - 1].gLoss;
      });
      return { result: { runner: 'engine', ok: true, ...timing }, adapter: adapterName(description) };
    } finally {
      gan.destroy();
    }
  } finally {
    device.destroy();
  }
}
