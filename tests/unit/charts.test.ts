// The CLI's figures, on the CPU: the bitmap font draws, the charts put data (not just axes) in their plot areas and
// round numbers on their ticks, long histories are bucketed to the plot's width quickly, and the PNGs decode back to
// the pixels drawn.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bucket, curvesChart, histogramChart, niceRange, scatterChart, tickLabel, type CurvePoint } from '../../src/node/charts';
import { Raster, type Rgb } from '../../src/node/raster';
import { ring8 } from '../../src/data/toy';

const close = (a: Rgb, b: Rgb, tol = 40) => a.every((v, i) => Math.abs(v - b[i]) <= tol);

/** Pixels in the rectangle whose colour is within `tol` of `color` (or, with no colour, that are not white). */
function count(r: Raster, x0: number, y0: number, x1: number, y1: number, color?: Rgb, tol = 40): number {
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
    const p = r.get(x, y);
    if (color ? close(p, color, tol) : !close(p, [255, 255, 255], 0)) n++;
  }
  return n;
}

function history(n: number): CurvePoint[] {
  return Array.from({ length: n }, (_, i) => ({
    iteration: i + 1, dLoss: 1.4 + 0.1 * Math.sin(i), gLoss: 0.7 + 0.1 * Math.cos(i), dReal: 0.6 + 0.05 * Math.sin(i), dFake: 0.4,
  }));
}

describe('raster and font', () => {
  it('draws text inside its measured box, capitals and digits alike, and marks missing glyphs', () => {
    const r = new Raster(120, 40);
    r.text('Ab1 -0.5', 10, 10, [0, 0, 0]);
    const w = r.textWidth('Ab1 -0.5');
    expect(w).toBe(8 * 6 - 1);
    expect(count(r, 10, 10, 10 + w, 19)).toBeGreaterThan(40);
    expect(count(r, 0, 0, 120, 40) - count(r, 10, 10, 10 + w, 19)).toBe(0);
    // each glyph differs: '0' and '8' and 'O' are not the same bitmap
    const glyph = (c: string) => { const g = new Raster(6, 7); g.text(c, 0, 0, [0, 0, 0]); return Array.from(g.rgb).join(); };
    expect(new Set(['0', '8', 'O', 'o', 'D', '6', '9', 'g', 'q'].map(glyph)).size).toBe(9);
    const box = new Raster(6, 7);
    box.text('\u00b5', 0, 0, [0, 0, 0]);
    expect(count(box, 0, 0, 6, 7)).toBe(20); // a 5x7 outline
    const scaled = new Raster(40, 40);
    scaled.text('1', 20, 30, [0, 0, 0], { scale: 2, vertical: true });
    expect(count(scaled, 20, 20, 34, 31)).toBeGreaterThan(10); // turned a quarter: wider than tall, above (x, y)
  });

  it('clips lines and rectangles to the image, so wild or missing values cost nothing', () => {
    const r = new Raster(50, 50);
    const t = performance.now();
    r.line(10, -1e30, 10, 1e30, [0, 0, 0]);
    r.line(Number.NaN, 0, 20, 20, [0, 0, 0]);
    r.fillRect(30, -1e12, 2, 2e12, [0, 0, 0]);
    r.line(-100, -100, 149, 149, [0, 0, 0], { thickness: 2 });
    expect(performance.now() - t).toBeLessThan(50);
    expect(count(r, 10, 0, 11, 50)).toBe(50);
    expect(count(r, 30, 0, 32, 50)).toBe(100);
    for (let i = 0; i < 50; i++) expect(r.get(i, i)).toEqual([0, 0, 0]);
    const spiky = history(500).map((p, i) => (i === 100 ? { ...p, dLoss: 1e30 } : i === 200 ? { ...p, gLoss: Number.NaN } : p));
    expect(count(curvesChart(spiky), 64, 42, 780, 270, [31, 119, 180])).toBeGreaterThan(300);
  });

  it('encodes a PNG that inflates back to the drawn pixels', () => {
    const r = new Raster(7, 5);
    r.line(0, 0, 6, 4, [200, 10, 20]);
    const png = r.png();
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([7, 5]);
    const idat = png.indexOf('IDAT');
    const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    const rows = Array.from({ length: 5 }, (_, y) => raw.subarray(y * 22 + 1, (y + 1) * 22));
    expect(Buffer.concat(rows)).toEqual(Buffer.from(r.rgb));
  });
});

describe('ticks', () => {
  it('picks round steps and labels them without repeats', () => {
    expect(niceRange(0, 5.1, 5)).toEqual({ lo: 0, hi: 6, step: 2 });
    expect(niceRange(-3, 3, 6).step).toBe(1);
    expect([0, 0.25, 0.5, 0.75, 1].map((v) => tickLabel(v, 0.25, 1))).toEqual(['0.00', '0.25', '0.50', '0.75', '1.00']);
    expect([0, 2e6, 2.5e6].map((v) => tickLabel(v, 5e5, 1e7))).toEqual(['0', '2M', '2.5M']);
    expect(tickLabel(40_000, 10_000, 50_000)).toBe('40k');
    expect(tickLabel(-0.0001, 0.5, 1)).toBe('0.0');
  });
});

describe('curves', () => {
  it('puts both losses and both D outputs in their panels, with the 1/2 line', () => {
    const r = curvesChart(history(300));
    expect([r.width, r.height]).toEqual([800, 640]);
    const top = [64, 42, 780, 270] as const, bottom = [64, 362, 780, 590] as const;
    expect(count(r, ...top, [31, 119, 180])).toBeGreaterThan(300); // D loss
    expect(count(r, ...top, [255, 127, 14])).toBeGreaterThan(300); // G loss
    expect(count(r, ...bottom, [44, 160, 44])).toBeGreaterThan(300); // D(x)
    expect(count(r, ...bottom, [214, 39, 40])).toBeGreaterThan(300); // D(G(z))
    // the dashed 1/2 line: one row of the bottom panel is gray for much of its width
    const gray = Array.from({ length: 228 }, (_, i) => count(r, 64, 362 + i, 780, 363 + i, [120, 120, 120], 10));
    expect(Math.max(...gray)).toBeGreaterThan(300);
    // titles and tick labels: dark text above and left of the plot areas
    expect(count(r, 0, 0, 800, 40, [30, 30, 30], 30)).toBeGreaterThan(100);
    expect(count(r, 0, 42, 62, 270, [30, 30, 30], 30)).toBeGreaterThan(50);
  });

  it('buckets a million iterations to the plot width quickly, keeping each column\'s min, max and mean', () => {
    const points = history(1_000_000);
    let t = performance.now();
    const b = bucket(points, 0, 1_000_000, 716);
    const bucketMs = performance.now() - t;
    expect(Array.from(b.dLoss.count).reduce((a, c) => a + c, 0)).toBe(1_000_000);
    expect(b.dFake.mean.every((m) => Math.abs(m - 0.4) < 1e-6)).toBe(true);
    expect(b.dLoss.min[100]).toBeCloseTo(1.3, 3);
    expect(b.dLoss.max[100]).toBeCloseTo(1.5, 3);
    t = performance.now();
    const r = curvesChart(points);
    const chartMs = performance.now() - t;
    expect(bucketMs).toBeLessThan(1000);
    expect(chartMs).toBeLessThan(2000);
    expect(count(r, 64, 42, 780, 270, [31, 119, 180])).toBeGreaterThan(300);
  });

  it('draws something for a one-iteration run and an empty one', () => {
    expect(count(curvesChart(history(1)), 64, 42, 780, 270, [31, 119, 180])).toBeGreaterThan(3);
    expect(count(curvesChart([]), 300, 150, 600, 170)).toBeGreaterThan(20); // 'no iterations recorded'
  });
});

describe('sample charts', () => {
  it('scatter: real points, samples and a ring at every mode, on a 512-pixel square', () => {
    const d = ring8(1000, 1);
    const samples = new Float32Array(2000).fill(0.5);
    const r = scatterChart(d.rows.subarray(0, 2000), samples, -3, 3, { modes: d.modes, modeStd: d.modeStd, title: 'ring8' });
    expect([r.width, r.height]).toEqual([512, 512]);
    expect(count(r, 58, 46, 478, 466, [255, 127, 14], 60)).toBeGreaterThan(4);
    // the frame is 420 pixels over [-3, 3]: mode k sits at (58 + 419 (m + 3) / 6, 46 + 419 (3 - m) / 6)
    for (const [mx, my] of d.modes) {
      const cx = Math.round(58 + (419 * (mx + 3)) / 6), cy = Math.round(46 + (419 * (3 - my)) / 6);
      expect(count(r, cx - 7, cy - 7, cx + 8, cy + 8, [0, 0, 0], 20)).toBeGreaterThan(20); // the ring
      expect(count(r, cx - 2, cy - 2, cx + 3, cy + 3, [31, 119, 180], 90)).toBeGreaterThan(3); // real points inside
    }
  });

  it('histogram: real and generated bars and the density line, with the range following the data', () => {
    const real = Float32Array.from({ length: 1000 }, (_, i) => 4 + 0.5 * Math.sin(i));
    const samples = Float32Array.from({ length: 1000 }, (_, i) => 1 + 0.3 * Math.cos(i));
    const r = histogramChart(real, samples, { modes: [[4]], modeStd: 0.5, title: 'gaussian1d' });
    const plot = [64, 46, 620, 370] as const;
    // translucent blue and orange over white
    expect(count(r, ...plot, [143, 187, 217], 30)).toBeGreaterThan(500);
    expect(count(r, ...plot, [255, 197, 147], 30)).toBeGreaterThan(500);
    expect(count(r, ...plot, [0, 0, 0], 10)).toBeGreaterThan(200);
  });
});
