// The lab's plane: D's heat map with the real and generated samples (the curves are uPlot: training-charts.ts).

export interface Plane {
  lo: number;
  hi: number;
}

/** D(x) over a grid of the plane (row-major, `side` x `side`, y from top), real and generated samples on top. */
export function drawPlane(canvas: HTMLCanvasElement, plane: Plane, heat: Float32Array | undefined, side: number,
  real: Float32Array, fake: Float32Array): void {
  const ctx = canvas.getContext('2d')!;
  const { width, height } = canvas;
  const px = (x: number) => ((x - plane.lo) / (plane.hi - plane.lo)) * width;
  const py = (y: number) => height - ((y - plane.lo) / (plane.hi - plane.lo)) * height;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  if (heat) {
    // one pixel per grid cell, scaled up smoothly: D(x) near 1 ("real") warm, near 0 ("fake") cool, 1/2 pale
    const small = document.createElement('canvas');
    small.width = side;
    small.height = side;
    const image = small.getContext('2d')!.createImageData(side, side);
    for (let i = 0; i < side * side; i++) {
      const d = heat[i];
      image.data.set([Math.round(255 * (0.55 + 0.45 * d)), Math.round(255 * (0.75 + 0.2 * (1 - Math.abs(2 * d - 1)))),
        Math.round(255 * (1 - 0.45 * d)), 255], 4 * i);
    }
    small.getContext('2d')!.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(small, 0, 0, width, height);
  }
  const dots = (xy: Float32Array, color: string, r: number) => {
    ctx.fillStyle = color;
    for (let i = 0; i + 1 < xy.length; i += 2) {
      ctx.beginPath();
      ctx.arc(px(xy[i]), py(xy[i + 1]), r, 0, 2 * Math.PI);
      ctx.fill();
    }
  };
  dots(real, 'rgba(30, 60, 160, 0.55)', 3);
  dots(fake, 'rgba(20, 150, 60, 0.75)', 3.5);
}
