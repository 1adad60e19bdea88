// A tiny raster canvas for the CLI's figures: an RGB pixel buffer with the few primitives charts need (blended
// pixels, rectangles, lines, rings, text in a built-in bitmap font). The CLI runs headless on Dawn, where no
// canvas exists, and a canvas package would be a native dependency; charts need a few hundred lines of this instead.
import { encodePng } from './png.js';

export type Rgb = readonly [number, number, number];

export const WHITE: Rgb = [255, 255, 255];
export const BLACK: Rgb = [0, 0, 0];

// A 5x7 font (descenders reach two rows lower), written for this file. Each entry is the character, then its rows
// top to bottom as base-32 digits, bit 4 the leftmost pixel; trailing empty rows are left off.
const FONT_TABLE =
  '0ehjlphe 14c4444e 2eh1248v 3v2421he 426aiv22 5vgu11he 668guhhe 7v124888 8ehhehhe 9ehhf12c Aehhvhhh Buhhuhhu ' +
  'Cehggghe Duhhhhhu Evgguggv Fvgguggg Gehgnhhf Hhhhvhhh Ie44444e J72222ic Khikokih Lggggggv Mhrllhhh Nhhpljhh ' +
  'Oehhhhhe Puhhuggg Qehhhlid Ruhhukih Sfgge11u Tv444444 Uhhhhhhe Vhhhhha4 Whhhllla Xhha4ahh Yhha4444 Zv1248gv ' +
  'a00e1fhf bggmphhu c00egghe d11djhhf e00ehvge f698s888 g00fhhf1he hggmphhh i40c444e j2062222ic kggikoki ' +
  'lc44444e m00qllll n00mphhh o00ehhhe p00uhhhugg q00fhhhf11 r00mpggg s00fge1u t88s8896 u00hhhjd v00hhha4 ' +
  'w00hhlla x00ha4ah y00hhhhf1e z00v248v .00000cc ,00000c48 :0cc0cc -000e +044v44 =00v0v /11248gg (2488842 ' +
  ')8422248 [e88888e ]e22222e %op248j3 _000000v \'448 <248g842 >8421248 !4444404 ?eh12404 *04lel4 |4444444';

const GLYPHS = new Map<string, number[]>(
  FONT_TABLE.split(' ').map((g) => [g[0], Array.from(g.slice(1), (d) => parseInt(d, 32))]),
);

/** Glyph cell: 5 columns plus one of spacing; 7 rows above the baseline plus 2 for descenders. */
export const GLYPH_ADVANCE = 6;
export const GLYPH_HEIGHT = 7;

export interface TextOptions {
  scale?: number;
  align?: 'left' | 'center' | 'right';
  /** Rotated a quarter turn counter-clockwise, reading upwards (y-axis labels); (x, y) is then the start's
   * bottom-left corner, and align runs along the text. */
  vertical?: boolean;
}

export class Raster {
  readonly rgb: Uint8Array;
  /** Pixels outside this rectangle are left alone: charts clip data to their plot area, so a point or curve out of
   * range stops at the frame instead of running over the tick labels. */
  clip = { x0: 0, y0: 0, x1: 0, y1: 0 };

  constructor(readonly width: number, readonly height: number, background: Rgb = WHITE) {
    this.rgb = new Uint8Array(width * height * 3);
    // one pixel, then doubling copies: a per-pixel loop costs tens of milliseconds a figure
    this.rgb.set(background, 0);
    for (let n = 3; n < this.rgb.length; n *= 2) this.rgb.copyWithin(n, 0, Math.min(n, this.rgb.length - n));
    this.unclip();
  }

  setClip(x: number, y: number, w: number, h: number): void {
    this.clip = { x0: Math.max(0, x), y0: Math.max(0, y), x1: Math.min(this.width, x + w), y1: Math.min(this.height, y + h) };
  }

  unclip(): void {
    this.clip = { x0: 0, y0: 0, x1: this.width, y1: this.height };
  }

  /** Blends `color` over the pixel with opacity `alpha`: overlapping translucent dots read as density. */
  pixel(x: number, y: number, color: Rgb, alpha = 1): void {
    x = Math.round(x); y = Math.round(y);
    const c = this.clip;
    if (!(x >= c.x0 && y >= c.y0 && x < c.x1 && y < c.y1)) return; // NaN lands here too
    const i = (y * this.width + x) * 3;
    if (alpha >= 1) { this.rgb[i] = color[0]; this.rgb[i + 1] = color[1]; this.rgb[i + 2] = color[2]; return; }
    for (let k = 0; k < 3; k++) this.rgb[i + k] = Math.round(this.rgb[i + k] * (1 - alpha) + color[k] * alpha);
  }

  get(x: number, y: number): Rgb {
    const i = (y * this.width + x) * 3;
    return [this.rgb[i], this.rgb[i + 1], this.rgb[i + 2]];
  }

  fillRect(x: number, y: number, w: number, h: number, color: Rgb, alpha = 1): void {
    const c = this.clip; // loop over the visible part only: a rectangle may reach far off the image
    const u0 = Math.max(c.x0, Math.round(x)), u1 = Math.min(c.x1, Math.round(x + w));
    const v0 = Math.max(c.y0, Math.round(y)), v1 = Math.min(c.y1, Math.round(y + h));
    for (let v = v0; v < v1; v++) for (let u = u0; u < u1; u++) this.pixel(u, v, color, alpha);
  }

  strokeRect(x: number, y: number, w: number, h: number, color: Rgb): void {
    this.line(x, y, x + w - 1, y, color);
    this.line(x, y + h - 1, x + w - 1, y + h - 1, color);
    this.line(x, y, x, y + h - 1, color);
    this.line(x + w - 1, y, x + w - 1, y + h - 1, color);
  }

  /** Bresenham from (x0, y0) to (x1, y1); `thickness` paints a square brush, `dash` [on, off] in pixels. */
  line(x0: number, y0: number, x1: number, y1: number, color: Rgb, options: { thickness?: number; dash?: [number, number]; alpha?: number } = {}): void {
    const { thickness = 1, dash, alpha = 1 } = options;
    // cut the segment to the clip rectangle first (Liang-Barsky), so a wild value (a loss spike of 1e30) costs
    // nothing instead of a walk of 1e30 pixels. The coordinate of the edge that cuts is set exactly (x0 + t dx
    // cancels catastrophically at 1e30) and the other clamped, which keeps the walk short whatever the rounding.
    const c = this.clip, lim = [c.x0 - thickness, c.x1 + thickness, c.y0 - thickness, c.y1 + thickness];
    const ddx = x1 - x0, ddy = y1 - y0, ends = [[x0, y0], [x1, y1]];
    let t0 = 0, t1 = 1;
    for (const [p, q, axis, edge] of [[-ddx, x0 - lim[0], 0, lim[0]], [ddx, lim[1] - x0, 0, lim[1]], [-ddy, y0 - lim[2], 1, lim[2]], [ddy, lim[3] - y0, 1, lim[3]]]) {
      if (!Number.isFinite(p) || !Number.isFinite(q)) return;
      if (p === 0) { if (q < 0) return; continue; }
      const t = q / p;
      if (p < 0 && t > t0) { t0 = t; ends[0] = [x0 + t * ddx, y0 + t * ddy]; ends[0][axis] = edge; }
      if (p > 0 && t < t1) { t1 = t; ends[1] = [x0 + t * ddx, y0 + t * ddy]; ends[1][axis] = edge; }
    }
    if (t0 > t1) return;
    const clampX = (v: number) => Math.min(lim[1], Math.max(lim[0], v)), clampY = (v: number) => Math.min(lim[3], Math.max(lim[2], v));
    [x0, y0, x1, y1] = [clampX(ends[0][0]), clampY(ends[0][1]), clampX(ends[1][0]), clampY(ends[1][1])];
    x0 = Math.round(x0); y0 = Math.round(y0); x1 = Math.round(x1); y1 = Math.round(y1);
    const dx = Math.abs(x1 - x0), dy = -Math.abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    const lo = -Math.floor((thickness - 1) / 2), hi = lo + thickness;
    let err = dx + dy, step = 0;
    for (;;) {
      if (!dash || step % (dash[0] + dash[1]) < dash[0]) {
        for (let v = lo; v < hi; v++) for (let u = lo; u < hi; u++) this.pixel(x0 + u, y0 + v, color, alpha);
      }
      if (x0 === x1 && y0 === y1) return;
      const e2 = 2 * err;
      if (e2 >= dy) { err += dy; x0 += sx; }
      if (e2 <= dx) { err += dx; y0 += sy; }
      step++;
    }
  }

  /** A circle's outline (midpoint algorithm), for marking points such as a mixture's mode centres. */
  ring(cx: number, cy: number, r: number, color: Rgb): void {
    cx = Math.round(cx); cy = Math.round(cy); r = Math.max(1, Math.round(r));
    let x = r, y = 0, err = 1 - r;
    while (x >= y) {
      for (const [u, v] of [[x, y], [y, x], [-y, x], [-x, y], [-x, -y], [-y, -x], [y, -x], [x, -y]]) this.pixel(cx + u, cy + v, color);
      y++;
      if (err < 0) err += 2 * y + 1;
      else { x--; err += 2 * (y - x) + 1; }
    }
  }

  /** A filled disc, for scatter points and legend swatches. */
  disc(cx: number, cy: number, r: number, color: Rgb, alpha = 1): void {
    const R = Math.ceil(r);
    for (let v = -R; v <= R; v++) for (let u = -R; u <= R; u++) if (u * u + v * v <= r * r + r) this.pixel(cx + u, cy + v, color, alpha);
  }

  textWidth(text: string, scale = 1): number {
    return text.length === 0 ? 0 : (text.length * GLYPH_ADVANCE - 1) * scale;
  }

  /** Draws `text` with its top-left at (x, y) (before alignment). Characters the font lacks draw as a box, so a
   * missing glyph shows instead of silently vanishing; lower-case letters the font lacks fall back to capitals. */
  text(text: string, x: number, y: number, color: Rgb, options: TextOptions = {}): void {
    const { scale = 1, align = 'left', vertical = false } = options;
    const shift = align === 'left' ? 0 : align === 'center' ? this.textWidth(text, scale) / 2 : this.textWidth(text, scale);
    let pen = Math.round(-shift);
    for (const ch of text) {
      const rows = GLYPHS.get(ch) ?? GLYPHS.get(ch.toUpperCase()) ?? (ch === ' ' ? [] : [31, 17, 17, 17, 17, 17, 31]);
      rows.forEach((bits, row) => {
        for (let col = 0; col < 5; col++) {
          if (!(bits & (16 >> col))) continue;
          // glyph pixel (col, row) at pen offset; vertical text turns the glyph so its top faces left
          const gx = pen + col * scale, gy = row * scale;
          for (let b = 0; b < scale; b++) for (let a = 0; a < scale; a++) {
            if (vertical) this.pixel(x + gy + b, y - gx - a, color);
            else this.pixel(x + gx + a, y + gy + b, color);
          }
        }
      });
      pen += GLYPH_ADVANCE * scale;
    }
  }

  png(): Buffer {
    return encodePng(this.width, this.height, this.rgb);
  }
}
