// Every layer kind, by its config `type`. A new kind: its file in src/nn/ (and its mirror in src/cpu/), one line here.
import { batchNormKind } from './batch-norm.js';
import { conv2dKind, convTranspose2dKind } from './conv.js';
import type { LayerKind } from './layer.js';
import { linearKind } from './linear.js';
import { projectionKind } from './projection.js';
import { flattenKind, reshapeKind } from './reshape.js';

export const layerKinds: Record<string, LayerKind> = Object.fromEntries(
  [linearKind, conv2dKind, convTranspose2dKind, batchNormKind, reshapeKind, flattenKind, projectionKind].map((k) => [k.type, k]),
);

export type { LinearSpec } from './linear.js';
export type { ConvSpec } from './conv.js';
export type { BatchNormSpec } from './batch-norm.js';
export type { ReshapeSpec, FlattenSpec } from './reshape.js';
export type { ProjectionSpec } from './projection.js';
