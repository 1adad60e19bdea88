// Drives the benchmark page from Node: a Vite server on 127.0.0.1 serving bench/browser/, the system Chromium with
// WebGPU (the launcher and server the browser tests use), and the page's result once it is there. Used by
// `npm run bench:browser` and by the browser test of the smoke mode.
import type { Page } from 'puppeteer-core';
import { launchBrowser, recordErrors, startServer } from '../../tests/support/browser';
import type { BenchResult } from './spec';

export interface DriveOptions {
  smoke?: boolean;
  iterations?: number;
  trials?: number;
  rounds?: number;
  /** How long the page may take, all runners together. */
  timeoutMs?: number;
  /** Each progress line the page logs. */
  onProgress?: (line: string) => void;
}

// TF.js pulls in CommonJS modules (long, seedrandom): Vite must pre-bundle it for the browser to load it.
const PREBUNDLE = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu'];

/** Polls from Node rather than with waitForFunction: a full run lasts minutes, longer than one protocol call may. */
async function waitForResult(page: Page, timeoutMs: number): Promise<BenchResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = (await page.evaluate('({ result: window.benchResult, error: window.benchError })')) as { result?: BenchResult; error?: string };
    if (state.error !== undefined) throw new Error(`the benchmark page failed: ${state.error}`);
    if (state.result) return state.result;
    if (Date.now() > deadline) throw new Error(`the benchmark page gave no result in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function driveBenchPage(options: DriveOptions = {}): Promise<{ result: BenchResult; pageErrors: string[]; url: string }> {
  const query = new URLSearchParams();
  if (options.smoke) query.set('smoke', '1');
  if (options.iterations !== undefined) query.set('iterations', String(options.iterations));
  if (options.trials !== undefined) query.set('trials', String(options.trials));
  if (options.rounds !== undefined) query.set('rounds', String(options.rounds));
  const { server, url } = await startServer({ prebundle: PREBUNDLE });
  try {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const pageErrors = recordErrors(page);
      page.on('console', (m) => {
        if (m.text().startsWith('bench: ')) options.onProgress?.(m.text().slice('bench: '.length));
      });
      const pageUrl = `${url}/bench/browser/index.html${query.size ? `?${query}` : ''}`;
      await page.goto(pageUrl);
      const result = await waitForResult(page, options.timeoutMs ?? 30 * 60_000);
      return { result, pageErrors, url: pageUrl };
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
}
