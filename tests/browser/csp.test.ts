// The built demo under a strict Content-Security-Policy (script-src 'self', no unsafe-eval), with no cross-origin
// isolation: it loads and trains, and the browser reports no CSP violation.
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, recordErrors } from '../support/browser';
import { serveBuiltDemo } from '../support/built-demo';
import { WAIT_MS } from '../support/timeouts';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' blob:; object-src 'none'; base-uri 'none'";

describe('the built demo under a strict CSP', () => {
  let demo: { url: string; close(): Promise<void> };
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    demo = await serveBuiltDemo({ 'Content-Security-Policy': CSP });
    url = demo.url;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('loads and trains with no CSP violation and no console error', async () => {
    const page = await browser.newPage();
    const errors = recordErrors(page);
    await page.evaluateOnNewDocument(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective}: ${e.blockedURI}`);
      });
    });
    const response = await page.goto(`${url}/index.html`);
    expect(response?.headers()['content-security-policy']).toBe(CSP);
    await page.waitForFunction(() => Number((document.getElementById('stats') as HTMLElement).dataset.steps ?? 0) >= 20, { timeout: WAIT_MS, polling: 250 });
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(false);
    expect(errors, errors.join('\n')).toEqual([]);
    // and the policy is really in force: an inline script is refused and reported
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.appendChild(script);
    });
    await page.waitForFunction(() => (window as unknown as { violations: string[] }).violations.length > 0, { timeout: 5000 });
    expect((await page.evaluate(() => (window as unknown as { violations: string[] }).violations))[0]).toMatch(/script-src/);
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
  });
});
