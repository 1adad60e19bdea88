// The README's embedding example, run against the built library bundle in headless Chromium: it trains on its own
// Float32Array and produces samples that have moved towards its data (a circle of radius 1.5).
import type { Browser } from 'puppeteer-core';
import { build, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, recordErrors, startServer } from '../support/browser';
import { WAIT_MS } from '../support/timeouts';

describe('embedding the library', () => {
  let server: ViteDevServer;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    await build({ configFile: 'vite.config.ts', logLevel: 'error' }); // dist/webgpu-gan.js, as `npm run build` makes it
    ({ server, url } = await startServer());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('trains on a user array with the built bundle and draws samples', async () => {
    const page = await browser.newPage();
    const errors = recordErrors(page);
    await page.goto(`${url}/examples/embed/index.html`);
    await page.waitForFunction('window.embedResult !== undefined', { timeout: WAIT_MS, polling: 250 });
    const result = (await page.evaluate('window.embedResult')) as { iterations: number; samples: number; finite: boolean; radius: number };
    console.log(`embedded example: mean sample radius ${result.radius.toFixed(3)} after ${result.iterations} iterations`);
    expect(result.iterations).toBe(300);
    expect(result.samples).toBe(500);
    expect(result.finite).toBe(true);
    // seen here: 1.36, moving from a blob near the origin towards the circle of radius 1.5
    expect(result.radius).toBeGreaterThan(1.1);
    expect(result.radius).toBeLessThan(1.9);
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
