// The WGSL sources, inlined at build time by Vite (and by Vitest), so the library ships as one ESM bundle.
import linear from '../../shaders/linear.wgsl?raw';
import loss from '../../shaders/loss.wgsl?raw';
import optim from '../../shaders/optim.wgsl?raw';
import rng from '../../shaders/rng.wgsl?raw';
import data from '../../shaders/data.wgsl?raw';

export const shaderSources = { linear, loss, optim, rng, data } as const;
export type ShaderModuleName = keyof typeof shaderSources;
