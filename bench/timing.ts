// Timing on the GPU queue: warm up, then submit `reps` encodings in one command buffer and wait for the queue.
export async function timeOnQueue(device: GPUDevice, encode: (pass: GPUComputePassEncoder) => void, reps: number): Promise<number> {
  const encoder = device.createCommandEncoder({ label: 'bench' });
  const pass = encoder.beginComputePass({ label: 'bench' });
  for (let i = 0; i < reps; i++) encode(pass);
  pass.end();
  const start = performance.now();
  device.queue.submit([encoder.finish()]);
  await device.queue.onSubmittedWorkDone();
  return performance.now() - start;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median ms per repetition over `trials`, with the repetition count chosen so a trial lasts about `targetMs`. */
export async function measure(
  device: GPUDevice, encode: (pass: GPUComputePassEncoder) => void, opts: { trials?: number; targetMs?: number } = {},
): Promise<{ msPerRep: number; reps: number }> {
  const trials = opts.trials ?? 5;
  const targetMs = opts.targetMs ?? 400;
  const once = await timeOnQueue(device, encode, 1); // warm-up: pipeline and first-use costs
  const probe = await timeOnQueue(device, encode, 1);
  const reps = Math.max(1, Math.min(1000, Math.round(targetMs / Math.max(probe, 0.01))));
  void once;
  const samples: number[] = [];
  for (let t = 0; t < trials; t++) samples.push((await timeOnQueue(device, encode, reps)) / reps);
  return { msPerRep: median(samples), reps };
}
