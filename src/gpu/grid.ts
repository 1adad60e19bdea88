// Launch sizes shared by the registry and the kernel specs.
export type Workgroups = [number, number, number];

const MAX_WORKGROUPS_PER_DIM = 65535;

/** A 1-D launch of `items` items, `perGroup` per workgroup, folded into 2-D when it exceeds 65535 workgroups.
 * Kernels recover the index as gid.y * row_width + gid.x; rowWidth gives that row width in items. */
export function grid1d(items: number, perGroup: number): { groups: Workgroups; rowWidth: number } {
  const groups = Math.max(1, Math.ceil(items / perGroup));
  if (groups <= MAX_WORKGROUPS_PER_DIM) return { groups: [groups, 1, 1], rowWidth: groups * perGroup };
  const y = Math.ceil(groups / MAX_WORKGROUPS_PER_DIM);
  const x = Math.ceil(groups / y);
  return { groups: [x, y, 1], rowWidth: x * perGroup };
}
