// Headless Chromium with WebGPU on this machine's adapter (SwiftShader where there is no GPU), driven by
// puppeteer-core, against pages served by Vite on 127.0.0.1 (navigator.gpu exists only in a secure context).
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { createServer, type ViteDevServer } from 'vite';
import { WAIT_MS } from './timeouts';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`no Chromium found (tried ${candidates.join(', ')}); install it (apt-get install chromium) or set CHROMIUM_PATH`);
  return found;
}

export const webGpuFlags = [
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--enable-features=Vulkan',
  '--ignore-gpu-blocklist',
  // as the Node face (src/node/device.ts, DAWN_TOGGLES): no zero-fill of workgroup memory, which every kernel writes
  // before reading, and whose code made each kernel with workgroup memory 0.3-1 s slower to compile on SwiftShader
  '--enable-dawn-features=disable_workgroup_init',
];

const closedNetworkFlags = [
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-default-apps', '--disable-quic', '--no-default-browser-check',
];

export async function launchBrowser(options: { webgpu?: boolean } = {}): Promise<Browser> {
  return puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    // a waitForFunction is one protocol call that lasts as long as the wait: let it run to its own timeout (WAIT_MS)
    // instead of puppeteer's default 180 s
    protocolTimeout: WAIT_MS + 60_000,
    args: ['--no-sandbox', ...closedNetworkFlags, ...(options.webgpu === false ? ['--disable-webgpu'] : webGpuFlags)],
  });
}

/** A Vite dev server for the repository on 127.0.0.1. `prebundle` names packages that must be pre-bundled because
 * they import CommonJS modules (TF.js does); they are bundled into a cache folder of this process's own, so servers
 * started at the same time by other test files never share one. */
export async function startServer(options: { prebundle?: string[] } = {}): Promise<{ server: ViteDevServer; url: string }> {
  const prebundle = options.prebundle ?? [];
  const cacheDir = prebundle.length ? resolve(`.build/vite-deps-${process.pid}-${Date.now()}`) : undefined;
  const server = await createServer({
    configFile: false,
    root: process.cwd(),
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    optimizeDeps: { noDiscovery: true, include: prebundle },
    ...(cacheDir ? { cacheDir } : {}),
  });
  if (cacheDir) server.httpServer?.on('close', () => rmSync(cacheDir, { recursive: true, force: true }));
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the Vite server has no address');
  return { server, url: `http://127.0.0.1:${address.port}` };
}

/** Collects console errors and page errors, so a test can require there were none. */
export function recordErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${(e as Error).message}`));
  return errors;
}
