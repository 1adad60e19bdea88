// The demo page in headless Chromium: it trains on the GPU, shows the adapter and finite losses, pauses, and says
// plainly when WebGPU is missing. A screenshot is written to test-artifacts/ each run.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, recordErrors, startServer } from '../support/browser';

const stepsShown = (page: Page) => page.$eval('#stats', (e) => Number((e as HTMLElement).dataset.steps ?? 0));

describe('the demo page', () => {
  let server: ViteDevServer;
  let url: string;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    ({ server, url } = await startServer());
  });
  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close()));
    await server?.close();
  });

  it('trains live: the adapter is shown, steps advance, the loss is finite, pause stops the counter', async () => {
    const browser = await launchBrowser();
    browsers.push(browser);
    const page = await browser.newPage();
    const errors = recordErrors(page);
    await page.setViewport({ width: 1000, height: 900 });
    await page.goto(`${url}/demo/index.html`);
    await page.waitForFunction(() => Number((document.getElementById('stats') as HTMLElement).dataset.steps ?? 0) >= 200,
      { timeout: 90_000, polling: 250 });
    expect(await page.$eval('#adapter', (e) => e.textContent)).toMatch(/^adapter: .+/);
    const loss = await page.$eval('#stats', (e) => Number((e as HTMLElement).dataset.loss));
    expect(Number.isFinite(loss)).toBe(true);
    expect(loss).toBeGreaterThan(0);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/demo.png' });

    await page.click('#pause');
    await new Promise((r) => setTimeout(r, 500)); // a frame in flight may still land
    const paused = await stepsShown(page);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await stepsShown(page)).toBe(paused);
    await page.click('#pause');
    await page.waitForFunction((n) => Number((document.getElementById('stats') as HTMLElement).dataset.steps) > n,
      { timeout: 30_000 }, paused);
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('says plainly that WebGPU is unavailable, and how to get it, when it is', async () => {
    const browser = await launchBrowser({ webgpu: false });
    browsers.push(browser);
    const page = await browser.newPage();
    await page.goto(`${url}/demo/index.html`);
    await page.waitForFunction(() => getComputedStyle(document.getElementById('unavailable')!).display !== 'none', { timeout: 30_000 });
    const text = await page.$eval('#unavailable', (e) => e.textContent ?? '');
    expect(text).toMatch(/WebGPU is not available/);
    expect(text).toMatch(/enable-unsafe-webgpu/);
  });
});
