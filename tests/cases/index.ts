// Every kernel case, run the same way on Dawn in Node and in headless Chromium.
import { linearCases } from './linear-cases';
import { lossCases } from './loss-cases';
import { optimCases } from './optim-cases';
import { rngDataCases } from './rng-data-cases';
import type { KernelCase } from './context';

export const kernelCases: KernelCase[] = [...linearCases, ...lossCases, ...optimCases, ...rngDataCases];
export { runCase } from './context';
export type { KernelCase } from './context';
