import { describe, expect, it } from 'vitest';
import { drawnSet, grid25, MAX_DRAWN_POINTS, modeCoverage, ring8 } from '../../src/data/toy';

describe('toy datasets', () => {
  it('ring8: every mode present, every sample near a mode, reproducible from the seed', () => {
    const d = ring8(4000, 3);
    const cov = modeCoverage(d.rows, d);
    expect(cov.modesCovered).toBe(8);
    // in 2-D, P(|noise| <= 3 std) = 1 - exp(-9/2) = 0.9889
    expect(Math.abs(cov.highQualityFraction - (1 - Math.exp(-4.5)))).toBeLessThan(0.01);
    expect(Array.from(ring8(10, 3).rows)).toEqual(Array.from(d.rows.subarray(0, 20)));
    expect(Array.from(ring8(10, 4).rows)).not.toEqual(Array.from(d.rows.subarray(0, 20)));
  });

  it('grid25 has 25 modes, and the coverage measure sees a collapsed generator as one mode', () => {
    const d = grid25(5000, 1);
    expect(modeCoverage(d.rows, d).modesCovered).toBe(25);
    const collapsed = new Float32Array(200).fill(0);
    const cov = modeCoverage(collapsed, d);
    expect(cov.modesCovered).toBe(1);
    expect(cov.highQualityFraction).toBe(1);
    expect(modeCoverage(new Float32Array(200).fill(1), d).highQualityFraction).toBe(0);
  });

  it('drawnSet takes at most MAX_DRAWN_POINTS points, and says so', () => {
    const points = Array.from({ length: MAX_DRAWN_POINTS + 1 }, (_, i) => [i / 1000, 0]);
    expect(drawnSet(points.slice(0, MAX_DRAWN_POINTS)).rows.length).toBe(2 * 64 * MAX_DRAWN_POINTS);
    expect(() => drawnSet(points)).toThrow(`drawnSet: at most ${MAX_DRAWN_POINTS} points, got ${MAX_DRAWN_POINTS + 1}`);
  });
});
