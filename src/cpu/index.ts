// The CPU reference: every kernel in plain f64 loops, with no GPU imports, so it stays an independent oracle.
export * from './activations';
export * from './linear';
export * from './loss';
export * from './optim';
export * from './rng';
export * from './data';
export * from './mlp';
export * from './trainer';
export * from './parzen';
