// The Node face's device: Dawn through the `webgpu` package. On a machine with no GPU driver, Dawn finds no
// adapter; we then point Vulkan at Chromium's SwiftShader (a CPU implementation of Vulkan) and try again.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { adapterName, requestDeviceFrom, WebGpuUnavailableError, type AcquiredDevice } from '../gpu/device.js';
import { configureTuning } from '../gpu/tuner.js';
import { fileTuningStore } from './tuning-store.js';

export const swiftShaderIcdCandidates = [
  '/usr/lib/chromium/vk_swiftshader_icd.json',
  '/usr/lib64/chromium/vk_swiftshader_icd.json',
  '/usr/lib/chromium-browser/vk_swiftshader_icd.json',
  '/opt/google/chrome/vk_swiftshader_icd.json',
];

type DawnModule = { create(options: string[]): GPU; globals: Record<string, unknown> };

let dawn: DawnModule | undefined;
// Dawn's GPU objects must outlive their devices, or the process can crash at exit: keep them all.
const instances: GPU[] = [];

async function loadDawn(): Promise<DawnModule> {
  if (!dawn) {
    try {
      dawn = (await import('webgpu')) as unknown as DawnModule;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw e;
      throw new WebGpuUnavailableError("the Node face needs Dawn's Node bindings, the 'webgpu' package (a peer dependency " +
        "of webgpu-gan), and it is not installed: run `npm install webgpu`");
    }
    // GPUBufferUsage, GPUMapMode, ... as globals, as in a browser.
    Object.assign(globalThis, dawn.globals);
  }
  return dawn;
}

/** Where the Vulkan loader looks for driver manifests on Linux (besides VK_ICD_FILENAMES / VK_DRIVER_FILES). */
function systemIcdFolders(): string[] {
  const split = (v: string | undefined, fallback: string) => (v || fallback).split(':').filter(Boolean);
  const home = process.env.HOME ? [join(process.env.HOME, '.local/share')] : [];
  return [...split(process.env.XDG_CONFIG_DIRS, '/etc/xdg'), '/etc', ...home,
    ...split(process.env.XDG_DATA_DIRS, '/usr/local/share:/usr/share')].map((d) => join(d, 'vulkan/icd.d'));
}

/** Whether any Vulkan driver is installed where the loader looks. With none, asking Dawn for the system's drivers
 * only makes the loader print "vkCreateInstance: Found no drivers!", so we go straight to SwiftShader. */
function hasSystemVulkanDriver(): boolean {
  return systemIcdFolders().some((dir) => {
    try {
      return readdirSync(dir).some((f) => f.endsWith('.json'));
    } catch {
      return false;
    }
  });
}

/** Kernel variants chosen on this adapter persist in a file (src/node/tuning-store.ts). WEBGPU_GAN_TUNING sets how
 * they are chosen: 'measure' (the default), 'off' (every kernel as it is), or a family to force ('blocked', 'tiled'). */
function withTuning(acquired: AcquiredDevice): AcquiredDevice {
  const store = fileTuningStore(adapterName(acquired.description));
  const how = process.env.WEBGPU_GAN_TUNING;
  // no time budget in Node (a browser page has 10 s per network: src/gpu/device.ts): a CLI run or a benchmark is
  // long enough that measuring every shape pays, and the cache keeps it for the next run
  const budgetMs = Infinity;
  if (!how || how === 'measure') configureTuning(acquired.device, { store, mode: 'measure', budgetMs });
  else if (how === 'off') configureTuning(acquired.device, { store, mode: 'off', budgetMs });
  else configureTuning(acquired.device, { store, force: how, budgetMs }); // names the families if there is no such one
  return acquired;
}

/** Dawn toggles the Node face turns on. disable_workgroup_init: WebGPU zero-fills a kernel's workgroup variables
 * before it runs, so that no kernel can read another's leftovers; every kernel here writes its workgroup memory
 * before it reads it (the reductions' partial sums, the tiled matmul's tiles: each invocation stores its slot
 * before the barrier that precedes the first read), so the fill is pure cost, and on SwiftShader a dear one: the
 * code Dawn adds for it made each such kernel's pipeline take 0.3-1 s to compile instead of 20-50 ms (most of a
 * short CLI run's start). Chromium takes the same toggle as --enable-dawn-features=disable_workgroup_init. */
export const DAWN_TOGGLES = ['disable_workgroup_init'];

/** The caller's Dawn options with DAWN_TOGGLES added to its enable-dawn-features list (one list: Dawn reads one). */
export function withDawnToggles(options: readonly string[]): string[] {
  const key = 'enable-dawn-features=';
  const given = options.find((o) => o.startsWith(key));
  const toggles = [...new Set([...(given ? given.slice(key.length).split(',').filter(Boolean) : []), ...DAWN_TOGGLES])];
  return [...options.filter((o) => !o.startsWith(key)), key + toggles.join(',')];
}

export async function requestNodeDevice(dawnOptions: string[] = []): Promise<AcquiredDevice> {
  const { create } = await loadDawn();
  const options = withDawnToggles(dawnOptions);
  const tried: string[] = [];
  const attempt = async (what: string): Promise<AcquiredDevice | undefined> => {
    const gpu = create(options);
    instances.push(gpu);
    try {
      return withTuning(await requestDeviceFrom(gpu, `Dawn (${what})`));
    } catch (e) {
      tried.push(`${what}: ${(e as Error).message}`);
      return undefined;
    }
  };
  const icdFromEnv = process.env.VK_ICD_FILENAMES || process.env.VK_DRIVER_FILES;
  if (icdFromEnv || hasSystemVulkanDriver()) {
    const first = await attempt(icdFromEnv ? `VK_ICD_FILENAMES=${icdFromEnv}` : 'system Vulkan drivers');
    if (first) return first;
  } else {
    tried.push(`system Vulkan drivers: none installed (no manifest in ${systemIcdFolders().join(', ')})`);
  }
  if (!icdFromEnv) {
    for (const icd of swiftShaderIcdCandidates) {
      if (!existsSync(icd)) {
        tried.push(`${icd}: not present`);
        continue;
      }
      process.env.VK_ICD_FILENAMES = icd;
      const found = await attempt(`SwiftShader via VK_ICD_FILENAMES=${icd}`);
      if (found) return found;
    }
  }
  throw new WebGpuUnavailableError(
    `no adapter found in Node. Tried:\n  - ${tried.join('\n  - ')}\n` +
      'On a machine without a GPU, install Chromium (it ships SwiftShader) and the Vulkan loader ' +
      '(Debian: apt-get install chromium libvulkan1), or set VK_ICD_FILENAMES to a Vulkan driver manifest.',
  );
}
