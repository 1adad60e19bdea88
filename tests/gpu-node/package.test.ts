// The package as a user gets it: `npm pack` (whose prepack builds dist/), installed from the tarball into an empty
// folder, then README.md's "Use it" snippet run there in Node (on Dawn) and type-checked against the published
// .d.ts files under both module resolutions people use (NodeNext, and Bundler), and the `webgpu-gan` bin run.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAIT_MS } from '../support/timeouts';

const root = resolve('.');
const scratch = mkdtempSync(join(tmpdir(), 'webgpu-gan-package-'));
const copy = join(scratch, 'source'); // packed from a copy, so this test's build never races another test's dist/
const app = join(scratch, 'app');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** The first fenced code block after a README heading. */
function readmeSnippet(heading: string): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const at = readme.indexOf(`\n## ${heading}\n`);
  if (at < 0) throw new Error(`README.md has no section '## ${heading}'`);
  const block = /```(?:ts|js)\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block) throw new Error(`README.md's '${heading}' section has no code block`);
  return block[1];
}

function sh(command: string, args: string[], cwd: string, timeout = WAIT_MS) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, npm_config_yes: 'true' } });
  return { code: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

const tsconfig = (module: string, moduleResolution: string) => JSON.stringify({
  compilerOptions: {
    target: 'ES2022', module, moduleResolution, lib: ['ES2022', 'DOM'], strict: true, noEmit: true,
    skipLibCheck: false, types: [], // no ambient types: what the snippet needs must come through the package
  },
  files: ['use-it.ts'],
});

describe('the packed package, installed into an empty folder', () => {
  let tarball = '';

  beforeAll(() => {
    for (const f of ['package.json', 'package-lock.json', 'README.md', 'vite.config.ts', 'tsconfig.json', 'tsconfig.build.json']) {
      cpSync(join(root, f), join(copy, f));
    }
    for (const d of ['src', 'shaders', 'docs', 'models']) cpSync(join(root, d), join(copy, d), { recursive: true });
    cpSync(join(root, 'tests/support/timeouts.ts'), join(copy, 'tests/support/timeouts.ts')); // vite.config.ts reads it
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const packed = sh('npm', ['pack', '--pack-destination', scratch, '--silent'], copy);
    expect(packed.code, packed.out).toBe(0);
    tarball = join(scratch, readdirSync(scratch).find((f) => f.endsWith('.tgz'))!);
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  });

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('installs from the tarball with its run-time dependencies (webgpu, @webgpu/types, mnist)', () => {
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
    expect(listed).toContain('package/dist/webgpu-gan.js');
    expect(listed).toContain('package/dist/node.js');
    expect(listed).toContain('package/dist/types/index.d.ts');
    expect(listed).toContain('package/models/mnist-classifier.safetensors'); // what `webgpu-gan evaluate` measures with
    const installed = sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', tarball], app);
    expect(installed.code, installed.out).toBe(0);
    for (const dep of ['webgpu-gan', 'webgpu', '@webgpu/types', 'mnist']) {
      expect(readdirSync(join(app, 'node_modules', ...dep.split('/'))).length, `${dep} installed`).toBeGreaterThan(0);
    }
  });

  it("runs README's 'Use it' snippet in Node", () => {
    writeFileSync(join(app, 'use-it.mjs'), readmeSnippet('Use it'));
    const r = sh(process.execPath, ['use-it.mjs'], app);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/adapter: /);
    expect(r.out).toMatch(/iteration: 200/);
    expect(r.out).toMatch(/modesCovered: \d/);
  });

  for (const [module, resolution] of [['NodeNext', 'NodeNext'], ['ESNext', 'Bundler']]) {
    it(`type-checks the snippet against the published types under moduleResolution ${resolution}`, () => {
      writeFileSync(join(app, 'use-it.ts'), readmeSnippet('Use it'));
      writeFileSync(join(app, 'tsconfig.json'), tsconfig(module, resolution));
      const r = sh(process.execPath, [tsc, '-p', 'tsconfig.json'], app);
      expect(r.code, r.out).toBe(0);
    });
  }

  it('runs the webgpu-gan bin: help, and a tiny training run', () => {
    const help = sh('npx', ['--no-install', 'webgpu-gan', 'help'], app);
    expect(help.code, help.out).toBe(0);
    expect(help.out).toMatch(/usage:/);
    const train = sh('npx', ['--no-install', 'webgpu-gan', 'train', '--iterations', '5', '--batch', '16', '--out', 'run'], app);
    expect(train.code, train.out).toBe(0);
    expect(readdirSync(join(app, 'run'))).toContain('checkpoint.safetensors');
  });

  it("says what to install when Dawn's 'webgpu' package is missing (it is a peer dependency)", () => {
    rmSync(join(app, 'node_modules', 'webgpu'), { recursive: true, force: true });
    const r = sh(process.execPath, ['use-it.mjs'], app);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/the 'webgpu' package .* is not installed: run `npm install webgpu`/);
  });
});
