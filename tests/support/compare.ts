// Compares GPU results with the f64 reference as llm.c does: |gpu - ref| <= tolerance(i), where the tolerance is
// computed per element from the reference's own magnitudes. NaN matches only NaN, and an infinity only itself.

export interface Check {
  what: string;
  ok: boolean;
  count: number;
  maxError: number;
  /** The first few mismatches and the largest error, for the failure message. */
  report: string;
}

export type Tolerance = (i: number, ref: number) => number;

export function compareArrays(what: string, gpu: ArrayLike<number>, ref: ArrayLike<number>, tolerance: Tolerance): Check {
  const lines: string[] = [];
  let bad = 0;
  let maxError = 0;
  let worst = -1;
  if (gpu.length < ref.length) {
    return { what, ok: false, count: ref.length, maxError: Infinity, report: `${what}: ${gpu.length} values, expected ${ref.length}` };
  }
  for (let i = 0; i < ref.length; i++) {
    const g = gpu[i];
    const r = ref[i];
    let ok: boolean;
    let err: number;
    if (Number.isNaN(r) || Number.isNaN(g)) {
      ok = Number.isNaN(r) && Number.isNaN(g);
      err = ok ? 0 : Infinity;
    } else if (!Number.isFinite(r) || !Number.isFinite(g)) {
      ok = g === r;
      err = ok ? 0 : Infinity;
    } else {
      err = Math.abs(g - r);
      ok = err <= tolerance(i, r);
    }
    if (err > maxError || worst < 0) { maxError = Math.max(maxError, err); worst = i; }
    if (!ok) {
      bad++;
      if (lines.length < 5) lines.push(`  [${i}] gpu ${g} ref ${r} |diff| ${err.toExponential(3)} tol ${tolerance(i, r).toExponential(3)}`);
    }
  }
  const summary = `${what}: ${bad} of ${ref.length} outside tolerance; largest error ${maxError.toExponential(3)} at [${worst}]`;
  return { what, ok: bad === 0, count: ref.length, maxError, report: [summary, ...lines].join('\n') };
}

/** The exact-match check for integer outputs. */
export function compareExact(what: string, gpu: ArrayLike<number>, ref: ArrayLike<number>): Check {
  return compareArrays(what, gpu, ref, () => 0);
}

export const F32_EPS = 2 ** -24;
export const elementwise: Tolerance = (_i, r) => 1e-6 + 1e-6 * Math.abs(r);
/** exp/log/tanh/sigmoid/BCE of an argument x. */
export const transcendental = (x: number) => 2e-6 + 2e-7 * (Math.abs(x) + 1);
/** A dot product of K terms whose absolute values sum to sumAbs. */
export const dotProduct = (k: number, sumAbs: number) => 2 * k * F32_EPS * sumAbs;
