// GPU errors made into exceptions that say what was being done.

export class GpuError extends Error {
  constructor(readonly kind: 'validation' | 'out-of-memory' | 'internal', readonly what: string, message: string) {
    const hint = kind === 'out-of-memory' ? ' (try a smaller batch size or narrower layers)' : '';
    super(`WebGPU ${kind} error while ${what}: ${message}${hint}`);
    this.name = 'GpuError';
  }
}

/** Runs `work` inside validation, out-of-memory and internal error scopes; throws the first error they caught. */
export async function withErrorScopes<T>(device: GPUDevice, what: string, work: () => T | Promise<T>): Promise<T> {
  device.pushErrorScope('internal');
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let result: T;
  try {
    result = await work();
  } finally {
    const validation = await device.popErrorScope();
    const oom = await device.popErrorScope();
    const internal = await device.popErrorScope();
    if (validation) throw new GpuError('validation', what, validation.message);
    if (oom) throw new GpuError('out-of-memory', what, oom.message);
    if (internal) throw new GpuError('internal', what, internal.message);
  }
  return result;
}

/** Runs synchronous GPU work (buffer creation, encoding, submits) inside validation, out-of-memory and internal error
 * scopes pushed and popped around it with no await in between, so that work of other async flows (a train() in
 * flight) can neither land in these scopes nor pop them; rejects with a GpuError for the first error caught. */
export function runScoped<T>(device: GPUDevice, what: string, work: () => T): Promise<T> {
  device.pushErrorScope('internal');
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let result: T | undefined;
  let thrown: unknown;
  try {
    result = work();
  } catch (e) {
    thrown = e;
  }
  const pops = [device.popErrorScope(), device.popErrorScope(), device.popErrorScope()];
  return Promise.all(pops).then(([validation, oom, internal]) => {
    if (thrown !== undefined) throw thrown;
    if (validation) throw new GpuError('validation', what, validation.message);
    if (oom) throw new GpuError('out-of-memory', what, oom.message);
    if (internal) throw new GpuError('internal', what, internal.message);
    return result as T;
  });
}
