// The CPU reference: every kernel in plain f64 loops, with no GPU imports, so it stays an independent oracle.
export * from './activations.js';
export * from './linear.js';
export * from './loss.js';
export * from './optim.js';
export * from './rng.js';
export * from './data.js';
export * from './step.js';
export * from './network.js';
export * from './conv.js';
export * from './batch-norm.js';
export * from './trainer.js';
export * from './parzen.js';
export * from './spectral.js';
export * from './penalty.js';
export * from './projection.js';
