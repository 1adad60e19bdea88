// The Node face's device: Dawn through the `webgpu` package. On a machine with no GPU driver, Dawn finds no
// adapter; we then point Vulkan at Chromium's SwiftShader (a CPU implementation of Vulkan) and try again.
import { existsSync } from 'node:fs';
import { requestDeviceFrom, WebGpuUnavailableError, type AcquiredDevice } from '../gpu/device';

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
    dawn = (await import('webgpu')) as unknown as DawnModule;
    // GPUBufferUsage, GPUMapMode, ... as globals, as in a browser.
    Object.assign(globalThis, dawn.globals);
  }
  return dawn;
}

export async function requestNodeDevice(dawnOptions: string[] = []): Promise<AcquiredDevice> {
  const { create } = await loadDawn();
  const tried: string[] = [];
  const attempt = async (what: string): Promise<AcquiredDevice | undefined> => {
    const gpu = create(dawnOptions);
    instances.push(gpu);
    try {
      return await requestDeviceFrom(gpu, `Dawn (${what})`);
    } catch (e) {
      tried.push(`${what}: ${(e as Error).message}`);
      return undefined;
    }
  };
  const icdFromEnv = process.env.VK_ICD_FILENAMES;
  const first = await attempt(icdFromEnv ? `VK_ICD_FILENAMES=${icdFromEnv}` : 'system Vulkan drivers');
  if (first) return first;
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
