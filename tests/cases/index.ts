// Every kernel case, and the whole-trainer cases, run the same way on Dawn in Node and in headless Chromium. The
// linear and trainer cases run once per variant family of the linear kernels (src/gpu/kernels.ts, `variants`): as
// the kernels run by default (the register-blocked 'blocked' family), and again with each other family forced.
import { linearCases } from './linear-cases';
import { lossCases } from './loss-cases';
import { optimCases } from './optim-cases';
import { parzenCases } from './parzen-cases';
import { rngDataCases } from './rng-data-cases';
import { trainerCases } from './trainer-cases';
import { variantFamilies } from '../../src/gpu/registry';
import type { KernelCase } from './context';

/** The cases again with every kernel that has a member of `family` running that member. */
function forcing(family: string, cases: KernelCase[]): KernelCase[] {
  return cases.map((c) => ({
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

const otherFamilies = variantFamilies().filter((f) => f !== 'blocked');

export const kernelCases: KernelCase[] = [
  ...linearCases, ...otherFamilies.flatMap((f) => forcing(f, linearCases)),
  ...lossCases, ...optimCases, ...rngDataCases, ...parzenCases,
  ...trainerCases, ...otherFamilies.flatMap((f) => forcing(f, trainerCases)),
];
export { runCase } from './context';
export type { KernelCase } from './context';
