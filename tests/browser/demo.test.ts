// The built demo page in headless Chromium: the GAN lab trains on the GPU, shows the adapter and finite losses, its
// charts' legends show the latest values, the schedule box applies a learning-rate schedule (and refuses a bad one),
// it pauses, switches dataset and loss, trains the DCGAN on MNIST and on uploaded images, shows the 1-D optimal
// discriminator, and says plainly when WebGPU is missing; all of it under a strict Content-Security-Policy.
// Screenshots go to test-artifacts/ each run.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, recordErrors } from '../support/browser';
import { serveBuiltDemo } from '../support/built-demo';
import { WAIT_MS } from '../support/timeouts';
import { encodePng } from '../../src/node/png';
import { storedZip } from '../support/zip';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' blob:; object-src 'none'; base-uri 'none'";
type Violations = { violations: string[] };

const stepsShown = (page: Page) => page.$eval('#stats', (e) => Number((e as HTMLElement).dataset.steps ?? 0));
const waitForSteps = (page: Page, atLeast: number) => page.waitForFunction(
  (n) => Number((document.getElementById('stats') as HTMLElement).dataset.steps ?? 0) >= n, { timeout: WAIT_MS, polling: 250 }, atLeast);
const choose = (page: Page, id: string, value: string) => page.select(`#${id}`, value);
/** The values in a uPlot chart's legend (the x series first), as the page shows them. */
const legendValues = (page: Page, chart: string) =>
  page.$$eval(`#${chart} .u-legend .u-value`, (cells) => cells.map((c) => c.textContent ?? ''));
/** Types a schedule into the lab's box and commits it, as leaving the field or pressing Enter does. */
const setSchedule = (page: Page, text: string) => page.$eval('#schedule', (e, t) => {
  (e as HTMLInputElement).value = t;
  e.dispatchEvent(new Event('change'));
}, text);
const scheduleMessage = (page: Page) =>
  page.$eval('#schedule-msg', (e) => ({ state: (e as HTMLElement).dataset.state, text: e.textContent ?? '' }));
const ratesShown = (page: Page) => page.$eval('#lr-now', (e) => e.textContent ?? '');

describe('the demo page', () => {
  let demo: { url: string; close(): Promise<void> };
  let url: string;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    // the built demo as a deployment serves it, under a strict Content-Security-Policy (script-src 'self', no
    // unsafe-eval) and with no cross-origin isolation: everything below must work under it, with no violation
    demo = await serveBuiltDemo({ 'Content-Security-Policy': CSP });
    url = demo.url;
  });
  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close()));
    await demo?.close();
  });

  it('trains the GAN live; pause, step, save and load, dataset, loss and the 1-D view all work, with no console errors', async () => {
    const browser = await launchBrowser();
    browsers.push(browser);
    const page = await browser.newPage();
    const errors = recordErrors(page);
    // WebGPU's complaint about work that uses a destroyed buffer comes as a warning: a run replaced under its frame
    page.on('console', (m) => { if (m.type() === 'warn' && /destroyed/i.test(m.text())) errors.push(`warning: ${m.text()}`); });
    await page.setViewport({ width: 1200, height: 1000 });
    await page.evaluateOnNewDocument(() => {
      (window as unknown as Violations).violations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as Violations).violations.push(`${e.violatedDirective}: ${e.blockedURI}`);
      });
    });
    const response = await page.goto(`${url}/index.html`);
    expect(response?.headers()['content-security-policy']).toBe(CSP);
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(false);
    await waitForSteps(page, 60);
    expect(await page.$eval('#adapter', (e) => e.textContent)).toMatch(/^adapter: .+/);
    const loss = await page.$eval('#stats', (e) => Number((e as HTMLElement).dataset.loss));
    expect(Number.isFinite(loss)).toBe(true);
    expect(await page.$eval('#stats', (e) => e.textContent)).toMatch(/modes \d\/8/);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/demo-lab.png' });

    // the charts' legends show the latest values (numbers, not uPlot's '--') while the pointer is off the charts,
    // and again once it has been on a chart and left
    const numeric = (v: string) => v.trim() !== '' && Number.isFinite(Number(v.replace(/,/g, '')));
    const expectLatestValues = async () => {
      for (const chart of ['curves', 'probs']) {
        const values = await legendValues(page, chart);
        expect(values.length, chart).toBeGreaterThanOrEqual(3);
        expect(values.every(numeric), `${chart}'s legend: ${values.join(' | ')}`).toBe(true);
      }
    };
    await expectLatestValues();
    await page.hover('#curves .u-over');
    await page.mouse.move(5, 5); // off the charts
    await waitForSteps(page, (await stepsShown(page)) + 5); // a few updates after the pointer left
    await expectLatestValues();

    // the schedule box: a valid schedule applies to the running run (it goes on, at the scheduled rates)...
    expect(await ratesShown(page)).toBe('learning rates now: G 0.001 · D 0.001');
    const beforeSchedule = await stepsShown(page);
    await setSchedule(page, '20:0.5');
    expect(await scheduleMessage(page)).toEqual({ state: 'applied', text: 'schedule applied: x0.5 after 20 iterations' });
    await page.waitForFunction(() => document.getElementById('lr-now')!.textContent === 'learning rates now: G 0.0005 · D 0.0005',
      { timeout: WAIT_MS, polling: 250 });
    expect(await stepsShown(page)).toBeGreaterThanOrEqual(beforeSchedule); // the same run, not a new one
    // ...and a bad one is refused with a message naming the fault, and changes nothing
    await setSchedule(page, '100:abc');
    expect(await scheduleMessage(page)).toEqual({
      state: 'refused', text: expect.stringMatching(/^schedule not applied: schedule item '100:abc' must be at:factor/),
    });
    await setSchedule(page, '300:0.5,200:0.1');
    expect(await scheduleMessage(page)).toEqual({
      state: 'refused', text: expect.stringMatching(/^schedule not applied: config\.schedule\[1\]\.at must be an integer above 300/),
    });
    const afterRefusal = await stepsShown(page);
    await waitForSteps(page, afterRefusal + 10); // the run goes on
    expect(await ratesShown(page)).toBe('learning rates now: G 0.0005 · D 0.0005');
    await setSchedule(page, ''); // back to constant rates for the rest of the test
    expect(await scheduleMessage(page)).toEqual({ state: 'applied', text: 'constant learning rates' });
    await page.waitForFunction(() => document.getElementById('lr-now')!.textContent === 'learning rates now: G 0.001 · D 0.001',
      { timeout: WAIT_MS, polling: 250 });

    await page.click('#pause');
    await new Promise((r) => setTimeout(r, 800)); // a frame in flight may still land
    const paused = await stepsShown(page);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await stepsShown(page)).toBe(paused);
    await page.click('#step');
    await waitForSteps(page, paused + 1);
    expect(await stepsShown(page)).toBe(paused + 1);

    // save, train on, load: the run is back at the saved iteration
    const saved = await stepsShown(page);
    await page.click('#save');
    await page.waitForFunction(() => (document.getElementById('download') as HTMLAnchorElement).href.startsWith('blob:'));
    const base64 = (await page.evaluate(async () => {
      const bytes = new Uint8Array(await (await fetch((document.getElementById('download') as HTMLAnchorElement).href)).arrayBuffer());
      let text = '';
      for (const b of bytes) text += String.fromCharCode(b);
      return btoa(text);
    })) as string;
    const file = join(mkdtempSync(join(tmpdir(), 'webgpu-gan-')), 'lab.safetensors');
    writeFileSync(file, Buffer.from(base64, 'base64'));
    await page.click('#pause');
    await waitForSteps(page, saved + 10);
    await page.click('#pause');
    const input = (await page.$('input#load')) as ElementHandle<HTMLInputElement> | null;
    await input!.uploadFile(file);
    await page.waitForFunction((n) => Number((document.getElementById('stats') as HTMLElement).dataset.steps) === n ||
      /could not load/.test(document.getElementById('notice')!.textContent ?? ''), { timeout: WAIT_MS }, saved);
    expect(await page.$eval('#notice', (e) => e.textContent)).toBe(''); // a failed load says why there
    expect(await stepsShown(page)).toBe(saved);
    await page.click('#pause');

    // a lost device: the lab resumes on a new one from its last snapshot and goes on training
    const before = await stepsShown(page);
    await page.click('#lose-device');
    await page.waitForFunction(() => /resumed on a new device from the snapshot at iteration \d+/.test(document.getElementById('notice')!.textContent ?? ''), { timeout: WAIT_MS });
    const from = Number(/iteration (\d+)/.exec((await page.$eval('#notice', (e) => e.textContent)) ?? '')![1]);
    expect(from).toBeLessThanOrEqual(before);
    await waitForSteps(page, from + 10);

    await choose(page, 'dataset', 'grid25');
    await choose(page, 'loss', 'minimax');
    await page.waitForFunction(() => /modes \d+\/25/.test(document.getElementById('stats')!.textContent ?? ''), { timeout: WAIT_MS });
    await waitForSteps(page, 10);

    // the losses and stabilisers since 2014: WGAN-GP (its penalty a gradient of a gradient), spectral norm and the
    // moving average of G; then a conditional run (hinge) whose class picker offers the ring's 8 modes
    await choose(page, 'dataset', 'ring8');
    await choose(page, 'loss', 'wgan-gp');
    await page.click('#spectral-norm');
    await choose(page, 'ema', '0.99');
    await page.waitForFunction(() => /modes \d+\/8/.test(document.getElementById('stats')!.textContent ?? ''), { timeout: WAIT_MS });
    await waitForSteps(page, 10);
    await choose(page, 'loss', 'hinge');
    await page.click('#conditional');
    await page.waitForFunction(() => document.querySelectorAll('#class option').length === 9, { timeout: WAIT_MS });
    await choose(page, 'class', '2');
    await waitForSteps(page, 10);
    await page.screenshot({ path: 'test-artifacts/demo-conditional.png' });
    // an ACGAN: D classifies instead of reading the label. A new run, told apart by starting paused at 0 (the toy MLP
    // trains too fast, on a loaded machine, for a dip in the count to be seen between two looks)
    await page.click('#pause');
    await choose(page, 'conditioning', 'auxiliary');
    await page.waitForFunction(() => (document.getElementById('stats') as HTMLElement).dataset.steps === '0' ||
      (document.getElementById('notice')!.textContent ?? '') !== '', { timeout: WAIT_MS, polling: 100 });
    expect(await page.$eval('#notice', (e) => e.textContent)).toBe('');
    await page.click('#pause');
    await waitForSteps(page, 10);
    expect(await page.$eval('#notice', (e) => e.textContent)).toBe(''); // every run above started

    // your own set: clicks on the plane add real points, and training goes on from where it was
    await choose(page, 'dataset', 'draw');
    await page.waitForFunction(() => /modes \d+\/3 /.test(document.getElementById('stats')!.textContent ?? ''), { timeout: WAIT_MS });
    const box = (await (await page.$('#plane'))!.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.8);
    await page.waitForFunction(() => /modes \d+\/4 /.test(document.getElementById('stats')!.textContent ?? ''), { timeout: WAIT_MS });
    // fast clicks, while the run is being rebuilt for the first: each is applied once, in order, and nothing throws
    for (let i = 0; i < 5; i++) await page.mouse.click(box.x + box.width * (0.15 + 0.1 * i), box.y + box.height * 0.3);
    await page.waitForFunction(() => /modes \d+\/9 /.test(document.getElementById('stats')!.textContent ?? ''), { timeout: WAIT_MS });

    // MNIST: the digits are fetched, a GAN trains on them, and a grid of generated digits is drawn
    await choose(page, 'dataset', 'mnist');
    await page.waitForFunction(() => /iteration [1-9]\d* · D loss/.test(document.getElementById('stats')!.textContent ?? '') &&
      !/modes/.test(document.getElementById('stats')!.textContent ?? ''), { timeout: WAIT_MS, polling: 500 });
    const ink = await page.$eval('#plane', (c) => {
      const data = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 900, 900).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 250) dark++;
      return dark / (data.length / 4);
    });
    expect(ink).toBeGreaterThan(0.05); // generated digits are drawn (not a blank canvas)
    // sample quality measured as it trains: FID and the classes of G's digits on the engine's classifier's features
    await page.waitForFunction(() => /FID [\d.]+ · classes covered \d+\/10 \(KL from uniform [\d.]+; per digit( \d+){10}\)/
      .test(document.getElementById('stats')!.textContent ?? ''), { timeout: WAIT_MS, polling: 500 });
    await page.screenshot({ path: 'test-artifacts/demo-mnist.png' }); // conditional: a row per digit
    // still conditional: the DCGAN below is too, its convolutional D reading the label by projection

    // the DCGAN on MNIST (narrow and at batch 64, for SwiftShader): it trains, and its grid is redrawn from a G that moves
    const grid = () => page.$eval('#plane', (c) => {
      const data = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 900, 900).data;
      let sum = 0;
      for (let i = 0; i < data.length; i += 4) sum = (sum * 31 + data[i]) % 1000003;
      return sum;
    });
    const dcganIteration = (n: number) => page.waitForFunction((k) => {
      const text = document.getElementById('stats')!.textContent ?? '';
      const m = /iteration (\d+) · D loss/.exec(text);
      return m !== null && Number(m[1]) >= k && /· [\d.]+ steps\/s/.test(text);
    }, { timeout: WAIT_MS, polling: 250 }, n);
    await waitForSteps(page, 20); // the MLP's run, so that the DCGAN's (a new run, from 0) is told apart by its count
    await choose(page, 'batch', '64');
    await choose(page, 'dcgan-width', '8');
    await choose(page, 'model', 'dcgan');
    await page.waitForFunction(() => Number((document.getElementById('stats') as HTMLElement).dataset.steps) < 20, { timeout: WAIT_MS, polling: 100 });
    await dcganIteration(1);
    const early = await grid();
    await dcganIteration(3);
    expect(await grid()).not.toBe(early);
    await page.screenshot({ path: 'test-artifacts/demo-dcgan-mnist.png' });

    // your images: a zip of two class folders of PNGs and a broken file, picked together; the broken one is skipped,
    // counted, with its reason, and the folders are the classes the conditional DCGAN trains on
    const pictures = mkdtempSync(join(tmpdir(), 'webgpu-gan-images-'));
    const squares = Array.from({ length: 4 }, (_, i) => ({
      name: `${i % 2 ? 'light' : 'dark'}/square-${i}.png`,
      bytes: encodePng(20, 20, Uint8Array.from({ length: 20 * 20 * 3 }, (_, j) => (Math.floor(j / 60) % 20 > 5 + i && (j / 3) % 20 > 5 ? 230 : 20))),
    }));
    writeFileSync(join(pictures, 'classes.zip'), storedZip(squares));
    writeFileSync(join(pictures, 'broken.png'), 'not an image');
    const images = (await page.$('input#images')) as ElementHandle<HTMLInputElement> | null;
    const mnistSteps = await stepsShown(page);
    await images!.uploadFile(join(pictures, 'classes.zip'), join(pictures, 'broken.png'));
    await page.waitForFunction(() => /your images: kept 4 images of 28x28x1 in 2 classes \(dark, light\); skipped 1: broken\.png \(not an image the browser can decode/
      .test(document.getElementById('notice')!.textContent ?? ''), { timeout: WAIT_MS });
    await page.waitForFunction(() => document.querySelectorAll('#class option').length === 3, { timeout: WAIT_MS }); // all, 0, 1
    expect(await page.$eval('#dataset', (e) => (e as HTMLSelectElement).value)).toBe('images');
    // the images' run, from 0: it trains
    await page.waitForFunction((n) => Number((document.getElementById('stats') as HTMLElement).dataset.steps) < n, { timeout: WAIT_MS, polling: 100 }, mnistSteps);
    await dcganIteration(1);
    await page.screenshot({ path: 'test-artifacts/demo-dcgan-images.png' });

    // Figure 1: with G fixed p_g stays put; with "train G too" it moves towards p_data = N(-1, 0.6^2)
    await choose(page, 'loss', 'non-saturating');
    await choose(page, 'dataset', 'optimal-d');
    const pgMean = () => page.$eval('#stats', (e) => Number(/p_g = N\((-?[\d.]+)/.exec(e.textContent ?? '')?.[1]));
    await page.waitForFunction(() => /p_g = N\(/.test(document.getElementById('stats')!.textContent ?? ''), { timeout: WAIT_MS });
    await waitForSteps(page, 30);
    expect(await pgMean()).toBeCloseTo(1.5, 5);
    await page.screenshot({ path: 'test-artifacts/demo-figure1-d-only.png' });
    await page.click('#train-g');
    // the run with G training (its own stats: 'G trains'), not the D-only run's last frames
    await page.waitForFunction(() => /iteration \d+ · G trains · p_g/.test(document.getElementById('stats')!.textContent ?? ''), { timeout: WAIT_MS });
    await waitForSteps(page, 60);
    expect(await page.$eval('#stats', (e) => e.textContent)).toMatch(/G trains/);
    expect(await pgMean()).toBeLessThan(1.4); // G's training moves p_g from its start at 1.5 towards -1
    await page.screenshot({ path: 'test-artifacts/demo-figure1.png' });
    expect(errors, errors.join('\n')).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as Violations).violations)).toEqual([]);
    // and the policy is really in force: an inline script is refused and reported
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.appendChild(script);
    });
    await page.waitForFunction(() => (window as unknown as Violations).violations.length > 0, { timeout: 5000 });
    expect((await page.evaluate(() => (window as unknown as Violations).violations))[0]).toMatch(/script-src/);
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
  });

  it('says plainly that WebGPU is unavailable, and how to get it, when it is', async () => {
    const browser = await launchBrowser({ webgpu: false });
    browsers.push(browser);
    const page = await browser.newPage();
    await page.goto(`${url}/index.html`);
    await page.waitForFunction(() => getComputedStyle(document.getElementById('unavailable')!).display !== 'none', { timeout: WAIT_MS });
    const text = await page.$eval('#unavailable', (e) => e.textContent ?? '');
    expect(text).toMatch(/WebGPU is not available/);
    expect(text).toMatch(/enable-unsafe-webgpu/);
  });
});
