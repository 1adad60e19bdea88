// Every kernel case, and the whole-trainer cases, run the same way on Dawn in Node and in headless Chromium.
import { linearCases } from './linear-cases';
import { lossCases } from './loss-cases';
import { optimCases } from './optim-cases';
import { parzenCases } from './parzen-cases';
import { rngDataCases } from './rng-data-cases';
import { trainerCases } from './trainer-cases';
import type { KernelCase } from './context';

export const kernelCases: KernelCase[] = [...linearCases, ...lossCases, ...optimCases, ...rngDataCases, ...parzenCases, ...trainerCases];
export { runCase } from './context';
export type { KernelCase } from './context';
