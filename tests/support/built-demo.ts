// The demo built by Vite (as a deployment would serve it) and a static server for it on 127.0.0.1, optionally with
// response headers such as a Content-Security-Policy.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';

const types: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json',
};

export async function serveBuiltDemo(headers: Record<string, string> = {}): Promise<{ url: string; close(): Promise<void> }> {
  // one folder per build: test files may build at the same time
  const outDir = resolve(`.build/demo-${process.pid}-${Date.now()}`);
  await build({ root: 'demo', configFile: false, base: './', logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server: Server = createServer((req, res) => {
    const path = normalize(join(outDir, decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/\/$/, '/index.html')));
    if (!path.startsWith(outDir) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream', ...headers });
    res.end(readFileSync(path));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((r) => server.close(() => { rmSync(outDir, { recursive: true, force: true }); r(); })),
  };
}
