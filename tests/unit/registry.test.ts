// The kernel registry without a GPU: every spec's params match its WGSL struct, params pack as declared, launches fold.
import { describe, expect, it } from 'vitest';
import { grid1d, kernelSpecs, type KernelSpec } from '../../src/gpu/kernels';
import { checkParamsStruct, kernelSpec, packParams } from '../../src/gpu/registry';
import { shaderSources } from '../../src/gpu/shaders';

describe('kernel registry', () => {
  it('names every kernel after an entry point of its module (a two-pass variant: each pass), and its params after the WGSL struct', () => {
    const specs = kernelSpecs as readonly KernelSpec[];
    for (const spec of specs) {
      const source = shaderSources[spec.module];
      if (spec.composite) {
        // made of other kernels: it stands for one of them (a variant) and launches nothing itself
        expect(spec.dispatch ?? spec.grid ?? spec.passes, spec.name).toBeUndefined();
        expect(specs.some((s) => s.variants?.includes(spec.name)), `${spec.name} is a variant of some kernel`).toBe(true);
        continue;
      }
      for (const entry of spec.passes ? spec.passes.map((p) => p.entry) : [spec.name]) {
        expect(source, entry).toMatch(new RegExp(`@compute[^\\n]*\\n\\s*fn ${entry}\\(`));
      }
      expect(() => checkParamsStruct(spec, source)).not.toThrow();
      const launches = Number(!!spec.dispatch) + Number(!!spec.grid) + Number(!!spec.passes);
      expect(launches, `${spec.name}: exactly one of dispatch, grid and passes`).toBe(1);
      if (spec.passes) {
        for (const pass of spec.passes) for (const b of pass.uses) expect(Object.keys(spec.bindings), `${spec.name}: ${b}`).toContain(b);
      }
    }
  });

  it('rejects params that do not match the WGSL struct', () => {
    const spec = kernelSpec('linear_forward');
    const swapped = { ...spec, params: { struct: 'LinearParams', fields: [['in_features', 'u32'], ['batch', 'u32']] as const } };
    expect(() => checkParamsStruct(swapped, shaderSources.linear)).toThrow(/do not match WGSL struct LinearParams/);
  });

  it('packs u32 and f32 fields little-endian in declaration order, padded to 16 bytes', () => {
    const spec = kernelSpec('sigmoid_bce_forward_backward');
    const view = new DataView(packParams(spec, { n: 7, mode: 2, target_label: 0.9, scale: 1, loss_index: 3, mean_index: 5 }));
    expect(view.byteLength).toBe(48); // 10 fields: 40 bytes, padded
    expect(view.getUint32(36, true)).toBe(5);
    expect(view.getUint32(0, true)).toBe(7);
    expect(view.getUint32(4, true)).toBe(2);
    expect(view.getFloat32(8, true)).toBeCloseTo(0.9, 6);
    expect(view.getUint32(20, true)).toBe(3);
  });

  it('names the kernel and the field in bad params', () => {
    const spec = kernelSpec('linear_forward');
    expect(() => packParams(spec, { batch: -1 })).toThrow(/'linear_forward'.*'batch'.*integer/);
    expect(() => packParams(spec, { batch: 1.5 })).toThrow(/'batch'/);
    expect(() => packParams(spec, { batch: NaN })).toThrow(/'batch' must be finite/);
    expect(() => packParams(spec, { bogus: 1 } as Record<string, number>)).toThrow(/unknown param 'bogus'/);
    expect(() => kernelSpec('no_such_kernel')).toThrow(/unknown kernel 'no_such_kernel'/);
  });

  it('folds launches over 65535 workgroups into two dimensions that cover every item', () => {
    expect(grid1d(1000, 256)).toEqual({ groups: [4, 1, 1], rowWidth: 1024 });
    const big = grid1d(20_000_000, 256);
    expect(big.groups[0]).toBeLessThanOrEqual(65535);
    expect(big.groups[0] * big.groups[1] * 256).toBeGreaterThanOrEqual(20_000_000);
    expect(big.rowWidth).toBe(big.groups[0] * 256);
  });
});
