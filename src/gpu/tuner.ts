// Autotuning: which variant of a kernel runs on this adapter for a given shape is chosen by timing the variants there
// (as TVM and Triton's autotune do), not by a table of vendors: what is fast on SwiftShader (register blocking, no
// barriers) is slow on a GPU (which wants workgroup tiles), and the engine cannot try every GPU its users have.
// Choices are cached per adapter (a file in Node, localStorage in a browser) and never trusted blindly: an entry that
// names no variant of its kernel is dropped with a warning and measured again.
import { createStorage } from './buffers.js';
import { kernelSpecs, type KernelName } from './kernels.js';
import { shaderSources } from './shaders.js';
import { choiceKey, kernelSpec, Kernels, variantFamilies, variantsOf, type Dispatch, type Overrides } from './registry.js';

/** Where choices persist between runs: `${kernel}:${shape}` -> variant, for one adapter. */
export interface TuningStore {
  load(): Record<string, string> | undefined;
  save(choices: Record<string, string>): void;
}

export interface TuningOptions {
  /** 'measure' (default): time the variants of each new shape; 'off': run every kernel as it is, never measure. */
  mode?: 'measure' | 'off';
  /** A variant family to run everywhere it exists ('blocked', 'tiled'), without measuring; undefined clears it. */
  force?: string;
  store?: TuningStore;
  /** Shapes under this many flops run the default kernel unmeasured: too small for the choice to matter, and timing
   * them would be mostly noise. Default 2^21 (a 128 x 128 x 64 matmul). */
  minFlops?: number;
  /** Milliseconds one tune() call may spend timing variants (default: no limit). Shapes it leaves run their default
   * kernel and are measured by a later call: a page on a slow adapter (SwiftShader times a DCGAN's variants for
   * minutes) starts training at once and tunes a little more each time it builds a network. */
  budgetMs?: number;
}

interface Tuning {
  mode: 'measure' | 'off';
  store?: TuningStore;
  minFlops: number;
  budgetMs: number;
  loaded: boolean;
  /** Milliseconds per dispatch of each variant, per key, as measured in this process. */
  timings: Record<string, Record<string, number>>;
}

const tunings = new WeakMap<GPUDevice, Tuning>();

function tuningOf(device: GPUDevice): Tuning {
  let t = tunings.get(device);
  if (!t) tunings.set(device, (t = { mode: 'measure', minFlops: 2 ** 21, budgetMs: Infinity, loaded: false, timings: {} }));
  return t;
}

/** Sets how kernel variants are chosen on this device (see TuningOptions). */
export function configureTuning(device: GPUDevice, options: TuningOptions): void {
  const t = tuningOf(device);
  if (options.mode !== undefined) {
    if (options.mode !== 'measure' && options.mode !== 'off') throw new Error(`tuning mode must be 'measure' or 'off', got ${JSON.stringify(options.mode)}`);
    t.mode = options.mode;
  }
  if (options.store) {
    t.store = options.store;
    t.loaded = false;
  }
  if (options.minFlops !== undefined) t.minFlops = options.minFlops;
  if (options.budgetMs !== undefined) {
    if (!(options.budgetMs >= 0)) throw new Error(`tuning budgetMs must be a non-negative number, got ${options.budgetMs}`);
    t.budgetMs = options.budgetMs;
  }
  if ('force' in options) {
    const kernels = new Kernels(device);
    if (options.force !== undefined && !options.force.split(',').every((family) => kernelFamilies().includes(family))) {
      throw new Error(`no kernel variant family '${options.force}' (families: ${kernelFamilies().join(', ')})`);
    }
    kernels.variants.force = options.force;
  }
}

const kernelFamilies = variantFamilies;

/** What runs where: the forced family, every choice by shape, and the timings measured in this process. */
export function tuningReport(device: GPUDevice): { mode: string; force?: string; choices: Record<string, string>; timings: Tuning['timings'] } {
  const t = tuningOf(device);
  const variants = new Kernels(device).variants;
  return { mode: t.mode, force: variants.force, choices: Object.fromEntries(variants.chosen), timings: t.timings };
}

/** The store's entry that names the kernels its choices were measured with. */
export const SOURCE_KEY = '@kernels';

/** A fingerprint (32-bit FNV-1a, hex) of the WGSL of every module with kernel variants: a cache whose choices were
 * timed on other kernels (another version of this engine) is measured anew, not trusted. */
export function kernelSourceFingerprint(): string {
  const modules = [...new Set(kernelSpecs.filter((s) => 'variants' in s || 'family' in s).map((s) => s.module))].sort();
  let hash = 0x811c9dc5;
  for (const text of modules.map((m) => shaderSources[m])) {
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Loads the store's choices once, if they were measured on these kernels, keeping only those that name a variant of
 * their kernel. */
function loadStore(t: Tuning, kernels: Kernels): void {
  if (t.loaded || !t.store) return;
  t.loaded = true;
  let saved: Record<string, string> | undefined;
  try {
    saved = t.store.load();
  } catch (e) {
    console.warn(`webgpu-gan: the kernel tuning cache could not be read (${(e as Error).message}); measuring anew`);
    return;
  }
  if (saved && saved[SOURCE_KEY] !== kernelSourceFingerprint()) {
    console.warn(`webgpu-gan: the kernel tuning cache was measured on other kernels (fingerprint ${JSON.stringify(saved[SOURCE_KEY] ?? null)}, ` +
      `these are ${kernelSourceFingerprint()}: another version of webgpu-gan); measuring anew`);
    return;
  }
  for (const [key, variant] of Object.entries(saved ?? {})) {
    if (key === SOURCE_KEY) continue;
    const name = key.split(':')[0];
    let valid = false;
    try {
      valid = typeof variant === 'string' && variantsOf(name).length > 1 && variantsOf(name).includes(variant);
    } catch {
      valid = false; // an unknown kernel: a cache from another version
    }
    if (valid) kernels.variants.chosen.set(key, variant);
    else console.warn(`webgpu-gan: ignoring the kernel tuning cache's entry ${JSON.stringify(key)} -> ${JSON.stringify(variant)}: not a variant of that kernel`);
  }
}

export interface TuningRequest {
  name: KernelName;
  params: Record<string, number>;
  overrides?: Overrides;
}

/** Chooses a variant for each request that has variants and no choice yet, by timing them on scratch buffers. */
export async function tune(device: GPUDevice, requests: TuningRequest[]): Promise<void> {
  const t = tuningOf(device);
  const kernels = new Kernels(device);
  if (t.mode === 'off' || kernels.variants.force) return;
  loadStore(t, kernels);
  let measured = false;
  const started = performance.now();
  for (const r of requests) {
    if (performance.now() - started > t.budgetMs) break; // the rest run as they are, and are measured another time
    const key = choiceKey(r.name, r.params);
    if (variantsOf(r.name).length === 1 || kernels.variants.chosen.has(key)) continue;
    if ((kernelSpec(r.name).flops?.(r.params) ?? linearFlops(r.params)) < t.minFlops) continue;
    const times: Record<string, number> = {};
    for (const variant of variantsOf(r.name)) {
      if (kernelSpec(variant).fits?.(r.params, device.limits) === false) continue;
      times[variant] = await timeVariant(kernels, variant as KernelName, r);
    }
    t.timings[key] = times;
    const best = Object.entries(times).sort((a, b) => a[1] - b[1])[0][0];
    kernels.variants.chosen.set(key, best);
    measured = true;
  }
  if (measured && t.store) {
    try {
      t.store.save({ [SOURCE_KEY]: kernelSourceFingerprint(), ...Object.fromEntries(kernels.variants.chosen) });
    } catch (e) {
      console.warn(`webgpu-gan: the kernel tuning cache could not be written (${(e as Error).message})`);
    }
  }
}

/** A linear kernel's multiply-adds times 2. */
function linearFlops(p: Record<string, number>): number {
  return 2 * (p.batch ?? 1) * (p.in_features ?? 1) * (p.out_features ?? 1);
}

/** Milliseconds per dispatch: the best of a few timed submits after a warm-up (which also compiles the pipeline),
 * each long enough (several dispatches) that the submit's own cost does not decide the choice. */
async function timeVariant(kernels: Kernels, name: KernelName, r: TuningRequest): Promise<number> {
  const device = kernels.device;
  const spec = kernelSpec(name);
  const floats = kernelSpec(r.name).bindingFloats?.(r.params) ?? {};
  const buffers: Record<string, GPUBuffer> = {};
  for (const binding of Object.keys(spec.bindings)) buffers[binding] = createStorage(device, `tuning ${binding}`, Math.max(4, floats[binding] ?? 4));
  const known = spec.overrides;
  const overrides = Object.fromEntries(Object.entries(r.overrides ?? {}).filter(([k]) => known.includes(k)));
  const dispatch: Dispatch = kernels.prepareExactly(name, buffers as never, r.params as never, overrides, `tuning ${name}`);
  try {
    kernels.run([dispatch], 'tuning warm-up');
    await device.queue.onSubmittedWorkDone();
    let repeat = 1;
    let best = Infinity;
    for (let trial = 0; trial < 3; trial++) {
      const start = performance.now();
      kernels.run(Array.from({ length: repeat }, () => dispatch), 'tuning');
      await device.queue.onSubmittedWorkDone();
      const ms = performance.now() - start;
      best = Math.min(best, ms / repeat);
      if (ms < 2) repeat = Math.min(64, repeat * 4); // too short to time well: more dispatches per submit
    }
    return best;
  } finally {
    dispatch.destroy();
    Object.values(buffers).forEach((b) => b.destroy());
  }
}

/** A store in the browser's localStorage, one entry per adapter (undefined where there is no localStorage). */
export function localStorageTuningStore(adapter: string): TuningStore | undefined {
  const storage = (globalThis as { localStorage?: Storage }).localStorage;
  if (!storage) return undefined;
  const key = `webgpu-gan.tuning.v1.${adapter}`;
  return {
    load: () => {
      const text = storage.getItem(key);
      if (text === null) return undefined;
      const parsed = JSON.parse(text) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${key} is not an object`);
      return parsed as Record<string, string>;
    },
    save: (choices) => storage.setItem(key, JSON.stringify(choices)),
  };
}
