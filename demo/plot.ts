// Figure 1 of Goodfellow et al. (2014) on one axis: p_data, p_g, the trained D(x) and the analytic D*(x).
import type { Density } from '../src/index';

export interface Curve {
  f: Density;
  color: string;
  dashed?: boolean;
  /** densities share one vertical scale, probabilities another (0..1) */
  kind: 'density' | 'probability';
}

export function drawCurves(canvas: HTMLCanvasElement, curves: Curve[], lo: number, hi: number): void {
  const ctx = canvas.getContext('2d')!;
  const { width, height } = canvas;
  const pad = 50;
  ctx.clearRect(0, 0, width, height);
  const xs = Array.from({ length: 400 }, (_, i) => lo + ((hi - lo) * i) / 399);
  const maxDensity = Math.max(...curves.filter((c) => c.kind === 'density').flatMap((c) => xs.map(c.f)), 1e-9);
  const px = (x: number) => pad + ((x - lo) / (hi - lo)) * (width - 2 * pad);
  const py = (y: number) => height - pad - y * (height - 2 * pad);
  ctx.strokeStyle = '#999';
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 6]);
  ctx.beginPath(); ctx.moveTo(px(lo), py(0.5)); ctx.lineTo(px(hi), py(0.5)); ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = '#555';
  ctx.font = '22px system-ui';
  for (let t = Math.ceil(lo); t <= hi; t++) ctx.fillText(String(t), px(t) - 6, height - pad + 28);
  ctx.fillText('1', 14, py(1) + 8); ctx.fillText('½', 14, py(0.5) + 8); ctx.fillText('0', 14, py(0) + 8);
  for (const c of curves) {
    ctx.strokeStyle = c.color;
    ctx.lineWidth = 4;
    ctx.setLineDash(c.dashed ? [14, 10] : []);
    ctx.beginPath();
    xs.forEach((x, i) => {
      const y = c.kind === 'density' ? (0.9 * c.f(x)) / maxDensity : c.f(x);
      if (i === 0) ctx.moveTo(px(x), py(y)); else ctx.lineTo(px(x), py(y));
    });
    ctx.stroke();
  }
  ctx.setLineDash([]);
}
