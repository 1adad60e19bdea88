import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { TEST_MS } from './tests/support/timeouts.ts';

/** The test files that run for minutes start first. Without a timing cache (a clean clone, as in CI) Vitest orders
 * files by size, which put the ring-of-8 run (5 to 8 minutes) last, where the whole suite waited on it alone. */
const LONGEST_FIRST = ['tests/gpu-node/ring8-learning.test.ts', 'tests/browser/demo.test.ts'];
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const at = LONGEST_FIRST.findIndex((name) => f.moduleId.replaceAll('\\', '/').endsWith(name));
      return at < 0 ? LONGEST_FIRST.length : at;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b)); // stable: the rest keep Vitest's order
  }
}

// One config for the demo (vite dev/build) and the three test suites (vitest projects).
export default defineConfig(({ isSsrBuild }) => ({
  server: { host: '127.0.0.1' },
  // `npm run build`: the library as ESM (dist/webgpu-gan.js for browsers, dist/kernels.js the kernel registry,
  // dist/node.js for Node with Dawn);
  // the WGSL is inlined, so the bundle needs nothing else at run time. Types come from tsconfig.build.json.
  // (`vite build --ssr FILE`, used by `npm run bench` and `npm run cli`, builds just that Node script instead.)
  build: isSsrBuild ? {} : {
    lib: { entry: { 'webgpu-gan': 'src/index.ts', kernels: 'src/kernels.ts', node: 'src/node/index.ts', cli: 'src/node/cli-main.ts' }, formats: ['es'] },
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: { external: ['webgpu', 'mnist', /^node:/] },
  },
  test: {
    // two test files at a time, also on a 2-core machine (Vitest's default there is one): most files wait on
    // SwiftShader or on processes they start, and the suite's time halves; every timeout is a hang guard sized for a
    // machine several times slower (tests/support/timeouts.ts), and no test depends on speed
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        // a hang guard, as the others' (Vitest's own 5 s fails a finite-difference check on a loaded machine)
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: TEST_MS },
      },
      {
        extends: true,
        test: {
          name: 'gpu-node',
          include: ['tests/gpu-node/**/*.test.ts'],
          environment: 'node',
          // Dawn's Vulkan loader reads VK_ICD_FILENAMES from the real process environment:
          // a forked process sees what we set at run time, a worker thread does not.
          pool: 'forks',
          testTimeout: TEST_MS,
          hookTimeout: TEST_MS,
          // every kernel as it is (no timing-dependent variant choice), so runs are reproducible; the tuner's own
          // tests turn it on, and the kernel cases force each variant family in turn
          env: { WEBGPU_GAN_TUNING: 'off' },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          testTimeout: TEST_MS,
          hookTimeout: TEST_MS,
        },
      },
    ],
  },
}));
