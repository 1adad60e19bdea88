// What a kernel case needs from a device, and the clean-up after it: every buffer and dispatch a case makes is
// destroyed when it ends.
import { createStorage, readFloats, readUints } from '../../src/gpu/buffers';
import type { Dispatch } from '../../src/gpu/registry';
import { Kernels } from '../../src/gpu/registry';
import type { Check } from '../support/compare';

export class CaseContext {
  readonly kernels: Kernels;
  private readonly owned: { destroy(): void }[] = [];

  constructor(readonly device: GPUDevice) {
    this.kernels = new Kernels(device); // compiled pipelines are shared per device by the registry itself
  }

  upload(label: string, data: Float32Array | Uint32Array): GPUBuffer {
    const b = createStorage(this.device, label, data);
    this.owned.push(b);
    return b;
  }

  zeros(label: string, elements: number): GPUBuffer {
    const b = createStorage(this.device, label, elements);
    this.owned.push(b);
    return b;
  }

  own(d: Dispatch): Dispatch {
    this.owned.push(d);
    return d;
  }

  run(...dispatches: Dispatch[]): void {
    dispatches.forEach((d) => this.own(d));
    this.kernels.run(dispatches);
  }

  readF32(b: GPUBuffer, n: number): Promise<Float32Array> { return readFloats(this.device, b, n); }
  readU32(b: GPUBuffer, n: number): Promise<Uint32Array> { return readUints(this.device, b, n); }

  destroy(): void {
    for (const o of this.owned) o.destroy();
    this.owned.length = 0;
  }
}

export interface KernelCase {
  /** `<kernel name> <what>`: the kernel name first, so one grep finds the kernel, its mirror and its cases. */
  name: string;
  /** The registry kernels the case runs, where it is about some in particular: a forced variant family reruns only
   * the cases of kernels that have a member in it (tests/cases/index.ts). Unset: every family reruns it. */
  kernels?: string[];
  run(ctx: CaseContext): Promise<Check[]>;
}

/** Runs one case inside a validation scope that must come back empty; destroys what the case made. */
export async function runCase(device: GPUDevice, c: KernelCase): Promise<Check[]> {
  const ctx = new CaseContext(device);
  device.pushErrorScope('validation');
  let checks: Check[] = [];
  let thrown: unknown;
  try {
    checks = await c.run(ctx);
  } catch (e) {
    thrown = e;
  } finally {
    ctx.destroy();
  }
  const error = await device.popErrorScope();
  if (error) checks.push({ what: 'validation scope', ok: false, count: 0, maxError: NaN, report: `validation error: ${error.message}` });
  if (thrown) checks.push({ what: 'exception', ok: false, count: 0, maxError: NaN, report: String((thrown as Error).stack ?? thrown) });
  if (checks.length === 0) checks.push({ what: 'checks', ok: false, count: 0, maxError: NaN, report: 'the case made no checks' });
  return checks;
}
