// Every kernel case, and the whole-trainer cases, run the same way on Dawn in Node and in headless Chromium. The
// linear and trainer cases run once per variant family of the linear kernels (src/gpu/kernels.ts, `variants`): as
// the kernels run by default (the register-blocked 'blocked' family), and again with each other family forced (the
// linear cases of the kernels that family has a member for: split-K reruns the weight gradient's); the conv and
// DCGAN cases run again as GEMMs (the 'gemm' family: im2col around the linear kernels, src/gpu/conv-gemm.ts; and the
// 'planar' family: the images read and written in place by the blocked matmul), and in Dawn the conv cases once
// more as GEMMs on the tiled matmul ('gemm,tiled').
import { batchNormCases } from './batch-norm-cases';
import { convCases } from './conv-cases';
import { dcganCases } from './dcgan-cases';
import { linearCases } from './linear-cases';
import { lossCases } from './loss-cases';
import { optimCases } from './optim-cases';
import { parzenCases } from './parzen-cases';
import { rngDataCases } from './rng-data-cases';
import { softmaxCases } from './softmax-cases';
import { spectralCases } from './spectral-cases';
import { penaltyCases } from './penalty-cases';
import { projectionCases } from './projection-cases';
import { acganCases } from './acgan-cases';
import { trainerCases } from './trainer-cases';
import { kernelSpecs, type KernelSpec } from '../../src/gpu/kernels';
import { variantFamilies } from '../../src/gpu/registry';
import type { KernelCase } from './context';

/** The kernels that have a member of `family` (the kernel itself, or one of its variants). */
function kernelsWithMember(family: string): Set<string> {
  const specs = kernelSpecs as readonly KernelSpec[];
  const families = family.split(','); // 'gemm,tiled': members of any listed family
  const members = new Set(specs.filter((s) => s.family !== undefined && families.includes(s.family)).map((s) => s.name));
  return new Set(specs.filter((s) => [s.name, ...(s.variants ?? [])].some((v) => members.has(v))).map((s) => s.name));
}

/** The cases again with every kernel that has a member of `family` running that member: those about such a kernel,
 * and those about no kernel in particular (the whole trainer). */
function forcing(family: string, cases: KernelCase[]): KernelCase[] {
  const affected = kernelsWithMember(family);
  return cases.filter((c) => !c.kernels || c.kernels.some((k) => affected.has(k))).map((c) => ({
    kernels: c.kernels,
    name: `${c.name} [${family}]`,
    async run(ctx) {
      ctx.kernels.variants.force = family;
      try {
        return await c.run(ctx);
      } finally {
        ctx.kernels.variants.force = undefined;
      }
    },
  }));
}

/** The linear kernels' other families (the MLP trainer runs no conv kernel, so the conv families are left out of its
 * reruns). */
const convFamilies = ['gemm', 'planar'];
const otherFamilies = variantFamilies().filter((f) => f !== 'blocked' && !convFamilies.includes(f));

/** Every case once, each kernel as it runs by default: what Chromium runs (tests/browser/kernels.test.ts). */
export const defaultCases: KernelCase[] = [
  ...linearCases, ...convCases, ...batchNormCases, ...lossCases, ...softmaxCases, ...spectralCases, ...penaltyCases, ...projectionCases, ...acganCases, ...optimCases, ...rngDataCases, ...parzenCases,
  ...trainerCases, ...dcganCases,
];

/** Those, and the linear and trainer cases again under every other variant family: what Dawn runs
 * (tests/gpu-node/kernels.test.ts). Chromium's WebGPU runs the same WGSL through the same Dawn and Tint on the same
 * SwiftShader here, so the families' reruns there would add minutes and no new path. */
export const kernelCases: KernelCase[] = [
  ...linearCases, ...otherFamilies.flatMap((f) => forcing(f, linearCases)),
  ...convCases, ...convFamilies.flatMap((f) => forcing(f, convCases)), ...forcing('gemm,tiled', convCases), ...batchNormCases, ...lossCases, ...softmaxCases, ...spectralCases, ...penaltyCases, ...projectionCases, ...acganCases, ...optimCases, ...rngDataCases, ...parzenCases,
  ...trainerCases, ...otherFamilies.flatMap((f) => forcing(f, trainerCases)), ...dcganCases, ...convFamilies.flatMap((f) => forcing(f, dcganCases)),
];
export { runCase } from './context';
export type { KernelCase } from './context';
