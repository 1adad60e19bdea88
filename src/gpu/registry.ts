// Pipelines, cached by kernel name + specialisation, and prepared dispatches: a kernel bound to its buffers and
// its (static) params, ready to be encoded any number of times into a compute pass.
import { shaderSources, type ShaderModuleName } from './shaders.js';
import { BufferUsage } from './usage.js';
import {
  grid1d, kernelSpecs, type BindingsOf, type BufferArg, type KernelName, type KernelSpec, type ParamsOf, type Workgroups,
} from './kernels.js';

export type Overrides = Record<string, number>;

export interface Dispatch {
  readonly label: string;
  /** The kernel's name (= WGSL entry point = registry key). */
  readonly kernel: string;
  /** The workgroups of its (first) dispatch. */
  readonly workgroups: Workgroups;
  /** GPU dispatches it encodes: 1, or a two-pass variant's 2 (split-K's partial products, then their sum). */
  readonly passes: number;
  encode(pass: GPUComputePassEncoder): void;
  /** Rewrites some of the params in the dispatch's uniform (e.g. a learning rate between chunks). Only params that
   * do not change the grid or the bind group may change: the workgroup count was fixed when it was prepared. */
  setParams(changes: Record<string, number>): void;
  destroy(): void;
}

const specsByName = new Map<string, KernelSpec>(kernelSpecs.map((s) => [s.name, s as KernelSpec]));

export function kernelSpec(name: string): KernelSpec {
  const spec = specsByName.get(name);
  if (!spec) throw new Error(`unknown kernel '${name}'; known kernels: ${[...specsByName.keys()].join(', ')}`);
  return spec;
}

/** Checks that the TypeScript field list matches the WGSL struct, so params can never be packed out of order. */
export function checkParamsStruct(spec: KernelSpec, source: string): void {
  if (!spec.params) return;
  const match = new RegExp(`struct\\s+${spec.params.struct}\\s*\\{([^}]*)\\}`).exec(source);
  if (!match) throw new Error(`kernel '${spec.name}': struct ${spec.params.struct} not found in ${spec.module}.wgsl`);
  const declared = match[1]
    .split('\n').map((line) => line.replace(/\/\/.*$/, '').trim()).filter(Boolean)
    .flatMap((line) => line.split(',')).map((f) => f.trim()).filter(Boolean)
    .map((f) => f.replace(/\s+/g, ''));
  const expected = spec.params.fields.map(([n, t]) => `${n}:${t}`);
  if (declared.join(',') !== expected.join(',')) {
    throw new Error(`kernel '${spec.name}': params [${expected}] do not match WGSL struct ${spec.params.struct} [${declared}]`);
  }
}

export function packParams(spec: KernelSpec, values: Record<string, number>): ArrayBuffer {
  if (!spec.params) {
    if (Object.keys(values).length) throw new Error(`kernel '${spec.name}' takes no params`);
    return new ArrayBuffer(0);
  }
  const bytes = Math.ceil((spec.params.fields.length * 4) / 16) * 16;
  const buffer = new ArrayBuffer(bytes);
  const view = new DataView(buffer);
  const known = new Set(spec.params.fields.map(([n]) => n));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) throw new Error(`kernel '${spec.name}': unknown param '${key}'`);
  }
  spec.params.fields.forEach(([field, type], i) => {
    const v = values[field] ?? 0;
    if (!Number.isFinite(v)) throw new Error(`kernel '${spec.name}': param '${field}' must be finite, got ${v}`);
    if (type === 'u32') {
      if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) {
        throw new Error(`kernel '${spec.name}': param '${field}' must be an integer in [0, 2^32), got ${v}`);
      }
      view.setUint32(i * 4, v, true);
    } else {
      view.setFloat32(i * 4, v, true);
    }
  });
  return buffer;
}

// Compiled modules and pipelines live as long as their device, shared by every Kernels on it: compiling is the
// slow part of creating a network (seconds on SwiftShader), and a second GAN on the same device should not pay it.
interface DeviceCache {
  modules: Map<ShaderModuleName, GPUShaderModule>;
  pipelines: Map<string, GPUComputePipeline>;
  checked: Set<string>;
  variants: VariantChoices;
}

/** Which variant of a kernel runs, per device: a forced family, else the tuner's choice per shape, else the kernel. */
export interface VariantChoices {
  /** A family, or several in order of preference ('gemm,tiled': the conv kernels' GEMM forms, their products tiled):
   * each kernel runs its member of the first listed family it has one in. */
  force?: string;
  /** `${kernel}:${shapeKey}` -> the variant's name (src/gpu/tuner.ts fills it). */
  chosen: Map<string, string>;
}

/** The families a kernel and its variants belong to, in order ('blocked', 'tiled', ...). */
export function variantFamilies(): string[] {
  return [...new Set(kernelSpecs.filter((s) => 'family' in s).map((s) => (s as KernelSpec).family!))];
}

/** A kernel and its variants (just the kernel when it has none). */
export function variantsOf(name: string): string[] {
  return [name, ...(kernelSpec(name).variants ?? [])];
}

export const choiceKey = (name: string, params: Record<string, number>): string =>
  `${name}:${kernelSpec(name).shapeKey?.(params) ?? ''}`;
const caches = new WeakMap<GPUDevice, DeviceCache>();

export class Kernels {
  private readonly modules: Map<ShaderModuleName, GPUShaderModule>;
  private readonly pipelines: Map<string, GPUComputePipeline>;
  private readonly checked: Set<string>;

  constructor(readonly device: GPUDevice) {
    let cache = caches.get(device);
    if (!cache) caches.set(device, (cache = { modules: new Map(), pipelines: new Map(), checked: new Set(), variants: { chosen: new Map() } }));
    ({ modules: this.modules, pipelines: this.pipelines, checked: this.checked, variants: this.variants } = cache);
  }

  /** The device's variant choices (shared by every Kernels on it). */
  readonly variants: VariantChoices;

  /** The entry that runs for `name` with these params: the forced family's member, else the tuner's choice for the
   * shape, else `name` itself. */
  variantFor(name: string, params: Record<string, number>): string {
    const all = variantsOf(name);
    if (all.length === 1) return name;
    const runnable = (v: string | undefined) => v !== undefined && (kernelSpec(v).fits?.(params, this.device.limits) ?? true);
    const wanted = this.variants.force
      ? this.variants.force.split(',').map((family) => all.find((v) => kernelSpec(v).family === family)).find((v) => v !== undefined)
      : this.variants.chosen.get(choiceKey(name, params));
    return runnable(wanted) ? wanted! : name;
  }

  /** GPU dispatches the variant that runs for these params encodes: 1, or a two-pass variant's 2. */
  passesFor(name: string, params: Record<string, number>): number {
    return kernelSpec(this.variantFor(name, params)).passes?.length ?? 1;
  }

  private module(name: ShaderModuleName): GPUShaderModule {
    let module = this.modules.get(name);
    if (!module) {
      module = this.device.createShaderModule({ label: `${name}.wgsl`, code: shaderSources[name] });
      this.modules.set(name, module);
    }
    return module;
  }

  /** The compute pipeline of a kernel (or of one of its passes: `entry`) with these overrides, cached per device. */
  pipeline(name: KernelName, overrides: Overrides = {}, entry: string = name): GPUComputePipeline {
    const spec = kernelSpec(name);
    for (const [key, value] of Object.entries(overrides)) {
      if (!spec.overrides.includes(key)) throw new Error(`kernel '${name}': unknown override '${key}'`);
      if (!Number.isFinite(value)) throw new Error(`kernel '${name}': override '${key}' must be a finite number`);
    }
    const specialisation = Object.keys(overrides).sort().map((k) => `${k}=${overrides[k]}`).join(',');
    const key = `${entry}{${specialisation}}`;
    let pipeline = this.pipelines.get(key);
    if (!pipeline) {
      if (!this.checked.has(name)) {
        checkParamsStruct(spec, shaderSources[spec.module]);
        this.checked.add(name);
      }
      pipeline = this.device.createComputePipeline({
        label: key,
        layout: 'auto',
        compute: { module: this.module(spec.module), entryPoint: entry, constants: overrides },
      });
      this.pipelines.set(key, pipeline);
    }
    return pipeline;
  }

  /** Binds a kernel (or the variant of it that runs for these params: variantFor) to buffers and static params. The
   * params uniform is owned by the dispatch. */
  prepare<N extends KernelName>(
    name: N, buffers: BindingsOf<N>, params: ParamsOf<N>, overrides: Overrides = {}, label = name as string,
  ): Dispatch {
    const runs = this.variantFor(name, params as Record<string, number>);
    if (runs === name) return this.prepareExactly(name, buffers, params, overrides, label);
    // a variant takes the same buffers and params; of the overrides, those it knows (ACT, not LANES_X, say)
    const known = kernelSpec(runs).overrides;
    const kept = Object.fromEntries(Object.entries(overrides).filter(([key]) => known.includes(key)));
    return this.prepareExactly(runs as KernelName, buffers as never, params as never, kept, label);
  }

  /** Binds exactly this entry, whatever the variant choices (the tuner times each variant with it). */
  prepareExactly<N extends KernelName>(
    name: N, buffers: BindingsOf<N>, params: ParamsOf<N>, overrides: Overrides = {}, label = name as string,
  ): Dispatch {
    const spec = kernelSpec(name);
    if (spec.composite) {
      const given = buffers as Record<string, BufferArg | undefined>;
      for (const binding of Object.keys(spec.bindings)) {
        if (!given[binding]) throw new Error(`kernel '${name}': missing buffer '${binding}'`);
      }
      return spec.composite(this, given as Record<string, BufferArg>, params as Record<string, number>, overrides, label);
    }
    const values: Record<string, number> = { ...(params as Record<string, number>) };
    Object.assign(values, spec.derivedParams?.(values));
    const grid = spec.grid && grid1d(spec.grid.items(values), spec.grid.perGroup);
    if (grid) values.row_width = grid.rowWidth;
    const chosen = { ...(spec.defaultOverrides?.(values) ?? {}), ...overrides };
    const data = packParams(spec, values);
    let uniform: GPUBuffer | undefined;
    if (data.byteLength > 0) {
      uniform = this.device.createBuffer({
        label: `${label}.params`, size: data.byteLength, usage: BufferUsage.UNIFORM | BufferUsage.COPY_DST,
      });
      this.device.queue.writeBuffer(uniform, 0, data);
    }
    const given = buffers as Record<string, BufferArg | undefined>;
    for (const binding of Object.keys(spec.bindings)) {
      if (!given[binding]) throw new Error(`kernel '${name}': missing buffer '${binding}'`);
    }
    // a two-pass variant's scratch buffer belongs to the dispatch
    const scratch = spec.scratch && this.device.createBuffer({
      label: `${label}.scratch`, size: Math.max(16, Math.ceil(spec.scratch.floats(values)) * 4), usage: BufferUsage.STORAGE,
    });
    const bind = (entry: string, uses: readonly string[]) => {
      const pipeline = this.pipeline(name, chosen, entry);
      const entries: GPUBindGroupEntry[] = uniform ? [{ binding: 0, resource: { buffer: uniform } }] : [];
      for (const binding of uses) {
        const numbers = spec.bindings[binding];
        const arg = given[binding]!;
        for (const index of typeof numbers === 'number' ? [numbers] : numbers) {
          entries.push({ binding: index, resource: 'buffer' in arg ? arg : { buffer: arg } });
        }
      }
      if (scratch) entries.push({ binding: spec.scratch!.binding, resource: { buffer: scratch } });
      return { pipeline, bindGroup: this.device.createBindGroup({ label, layout: pipeline.getBindGroupLayout(0), entries }) };
    };
    const passes = spec.passes
      ? spec.passes.map((pass) => ({ ...bind(pass.entry, pass.uses), groups: pass.dispatch(values) }))
      : [{ ...bind(spec.name, Object.keys(spec.bindings)), groups: grid ? grid.groups : spec.dispatch!(values, chosen) }];
    const workgroups = passes[0].groups;
    const device = this.device;
    return {
      label,
      kernel: name,
      workgroups,
      passes: passes.length,
      setParams(changes) {
        const next = { ...values, ...changes };
        Object.assign(next, spec.derivedParams?.(next));
        const regrid = spec.grid && grid1d(spec.grid.items(next), spec.grid.perGroup);
        if (regrid) next.row_width = regrid.rowWidth;
        const groups = spec.passes ? spec.passes.map((pass) => pass.dispatch(next)) : [regrid ? regrid.groups : spec.dispatch!(next, chosen)];
        if (groups.some((g, p) => g.some((count, i) => count !== passes[p].groups[i]))) {
          throw new Error(`kernel '${name}': these params change the workgroup count; prepare a new dispatch instead`);
        }
        const data = packParams(spec, next); // checks names and values
        if (uniform) device.queue.writeBuffer(uniform, 0, data);
        Object.assign(values, next);
      },
      encode(pass) {
        for (const p of passes) {
          pass.setPipeline(p.pipeline);
          pass.setBindGroup(0, p.bindGroup);
          pass.dispatchWorkgroups(p.groups[0], p.groups[1], p.groups[2]);
        }
      },
      destroy() {
        uniform?.destroy();
        scratch?.destroy();
      },
    };
  }

  /** Encodes dispatches in order into one compute pass and submits them in one command buffer. */
  run(dispatches: readonly Dispatch[], label = 'kernels'): void {
    const encoder = this.device.createCommandEncoder({ label });
    const pass = encoder.beginComputePass({ label });
    for (const d of dispatches) d.encode(pass);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
  }
}
