// Runs every kernel case on the browser's WebGPU device and leaves the results on window for puppeteer.
import { adapterName, requestBrowserDevice } from '../../src/gpu/device';
import { defaultCases as kernelCases, runCase } from '../cases';
import type { Check } from '../support/compare';

export interface PageResults {
  adapter?: string;
  error?: string;
  cases: Record<string, Check[]>;
  done: boolean;
}

const results: PageResults = { cases: {}, done: false };
(window as unknown as { kernelResults: PageResults }).kernelResults = results;
const log = document.getElementById('log')!;

try {
  const { device, description } = await requestBrowserDevice();
  results.adapter = adapterName(description);
  log.textContent = `adapter: ${results.adapter}\n`;
  for (const c of kernelCases) {
    results.cases[c.name] = await runCase(device, c);
    log.textContent += `${results.cases[c.name].every((k) => k.ok) ? 'ok  ' : 'FAIL'} ${c.name}\n`;
  }
  device.destroy();
} catch (e) {
  results.error = String((e as Error).message ?? e);
  log.textContent = results.error;
}
results.done = true;
