/// <reference types="@webgpu/types" preserve="true" />
// Device acquisition in a browser, and what is reportable about an adapter anywhere. (The reference above carries
// WebGPU's types into the published .d.ts files, so a user's project needs no "types" entry for GPUDevice.)

/** There is no WebGPU here: no `navigator.gpu` (not a secure context, or a browser without WebGPU), no adapter, or,
 * in Node, no `webgpu` package (Dawn) or no adapter Dawn could open. The message says which, and what to do. */
import { configureTuning, localStorageTuningStore } from './tuner.js';

export class WebGpuUnavailableError extends Error {
  constructor(reason: string) {
    super(`WebGPU is unavailable: ${reason}`);
    this.name = 'WebGpuUnavailableError';
  }
}

/** What the adapter reports about itself (GPUAdapterInfo); any field may be empty. */
export interface AdapterDescription {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

/** The adapter's vendor, architecture, device and description. */
export function describeAdapter(adapter: GPUAdapter): AdapterDescription {
  const info = adapter.info;
  return {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
  };
}

/** A one-line name for the adapter: its description, then its vendor and architecture in parentheses. */
export function adapterName(d: AdapterDescription): string {
  return [d.description, d.vendor && `(${d.vendor}${d.architecture ? ' ' + d.architecture : ''})`]
    .filter(Boolean).join(' ') || 'unnamed adapter';
}

/** The limits this engine asks for: as much buffer space and as many storage buffers as the adapter offers. */
export function requiredLimits(adapter: GPUAdapter): Record<string, number> {
  const l = adapter.limits;
  return {
    maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
    maxBufferSize: l.maxBufferSize,
    maxStorageBuffersPerShaderStage: l.maxStorageBuffersPerShaderStage,
    maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
  };
}

/** Optional features the engine asks for where the adapter has them: 'timestamp-query', for the dispatch profile
 * (`npm run bench`), which then reads GPU time instead of timing the queue from the CPU. */
export const OPTIONAL_FEATURES: readonly GPUFeatureName[] = ['timestamp-query'];

export function wantedFeatures(adapter: GPUAdapter): GPUFeatureName[] {
  return OPTIONAL_FEATURES.filter((f) => adapter.features.has(f));
}

/** A device, the adapter it came from, and the adapter's description. */
export interface AcquiredDevice {
  device: GPUDevice;
  adapter: GPUAdapter;
  description: AdapterDescription;
}

/** A device from a GPU object (navigator.gpu, or Dawn's), with the limits the engine needs; `where` names the
 * environment in the error. Throws a WebGpuUnavailableError when there is no GPU object or no adapter. */
export async function requestDeviceFrom(gpu: GPU | undefined, where: string): Promise<AcquiredDevice> {
  if (!gpu) {
    throw new WebGpuUnavailableError(
      `${where} has no navigator.gpu (WebGPU needs a secure context, https or localhost, and a browser with WebGPU ` +
        'enabled: Chrome/Edge 113+, Firefox 141+, Safari 26+; in Chromium on Linux start with --enable-unsafe-webgpu)',
    );
  }
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new WebGpuUnavailableError(`${where}: requestAdapter() returned no adapter`);
  const device = await adapter.requestDevice({
    label: 'webgpu-gan', requiredLimits: requiredLimits(adapter), requiredFeatures: wantedFeatures(adapter),
  });
  const description = describeAdapter(adapter);
  // kernel variants chosen on this adapter persist in the page's localStorage (in Node, src/node/device.ts uses a file)
  const store = localStorageTuningStore(adapterName(description));
  // and a page spends at most 10 s timing them per network it builds (the rest on later builds), so that a slow
  // adapter starts training at once instead of after minutes of measuring
  configureTuning(device, { ...(store ? { store } : {}), budgetMs: 10_000 });
  return { device, adapter, description };
}

/** In a browser (or a worker): a device from navigator.gpu, on the high-performance adapter. Throws a
 * WebGpuUnavailableError, whose message says what to do, when the browser has no WebGPU. */
export function requestBrowserDevice(): Promise<AcquiredDevice> {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  return requestDeviceFrom(nav?.gpu, 'this browser');
}
