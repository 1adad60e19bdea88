// Every kernel on Dawn (Node) against the CPU reference. A missing adapter fails the suite with its reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterName, type AcquiredDevice } from '../../src/gpu/device';
import { requestNodeDevice } from '../../src/node/device';
import { kernelCases, runCase } from '../cases';

describe('kernels on Dawn', () => {
  let acquired: AcquiredDevice;
  beforeAll(async () => {
    acquired = await requestNodeDevice();
    console.log(`gpu-node adapter: ${adapterName(acquired.description)}`);
  });
  afterAll(() => acquired?.device.destroy());

  for (const c of kernelCases) {
    it(c.name, async () => {
      const checks = await runCase(acquired.device, c);
      const failures = checks.filter((k) => !k.ok).map((k) => k.report);
      expect(failures, failures.join('\n')).toEqual([]);
    });
  }
});
