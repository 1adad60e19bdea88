// Every kernel case in headless Chromium, on the browser's own WebGPU, each kernel as it runs by default (the variant
// families' reruns run in Dawn: tests/cases/index.ts). A missing adapter fails every case.
import type { Browser } from 'puppeteer-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCases as kernelCases } from '../cases';
import { launchBrowser, recordErrors, startServer } from '../support/browser';
import type { PageResults } from './kernels-page';
import { WAIT_MS } from '../support/timeouts';

describe('kernels in headless Chromium', () => {
  let server: ViteDevServer;
  let browser: Browser;
  let results: PageResults;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    const started = await startServer();
    server = started.server;
    browser = await launchBrowser();
    const page = await browser.newPage();
    pageErrors = recordErrors(page);
    await page.goto(`${started.url}/tests/browser/kernels.html`);
    await page.waitForFunction('window.kernelResults && window.kernelResults.done', { timeout: WAIT_MS, polling: 500 });
    results = (await page.evaluate('window.kernelResults')) as PageResults;
    console.log(`browser adapter: ${results.adapter ?? `none (${results.error})`}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has a WebGPU adapter and no page errors', () => {
    expect(results.error, `WebGPU in Chromium: ${results.error}`).toBeUndefined();
    expect(results.adapter).toBeTruthy();
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });

  for (const c of kernelCases) {
    it(c.name, () => {
      const checks = results.cases[c.name];
      expect(checks, `case did not run: ${results.error ?? 'no result'}`).toBeDefined();
      const failures = checks.filter((k) => !k.ok).map((k) => k.report);
      expect(failures, failures.join('\n')).toEqual([]);
    });
  }
});
