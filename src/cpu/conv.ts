// The CPU mirror of shaders/conv.wgsl: 2-D convolution and transposed convolution over NCHW rows, written from
// their definitions (torch.nn.Conv2d, torch.nn.ConvTranspose2d) as plain f64 loops. The GPU gathers each output from
// its inputs; here the transposed forms scatter each input to its outputs, so the two are written differently.
import { activate, activationGrad, type CpuActivation } from './activations.js';

/** A convolution from the layer's point of view: input (inChannels, inH, inW), output (outChannels, outH, outW). */
export interface ConvShape {
  batch: number;
  inChannels: number;
  inH: number;
  inW: number;
  outChannels: number;
  outH: number;
  outW: number;
  kernel: number;
  stride: number;
  padding: number;
}
type Vec = ArrayLike<number>;

const at = (c: number, y: number, x: number, n: number, C: number, H: number, W: number) => ((n * C + c) * H + y) * W + x;

/** Visits every (input position, output position, tap) of a convolution whose small side is `in`: conv2d reads
 * input (n, ci, o*s - p + k) for output o; a transposed conv writes output (n, co, i*s - p + k) for input i. */
function eachTap(
  s: ConvShape, transposed: boolean,
  visit: (n: number, ci: number, co: number, inIndex: number, outIndex: number, wIndex: number) => void,
): void {
  const K = s.kernel;
  // the strided side: conv2d's output, a transposed conv's input
  const [gH, gW] = transposed ? [s.inH, s.inW] : [s.outH, s.outW];
  const [tH, tW] = transposed ? [s.outH, s.outW] : [s.inH, s.inW];
  for (let n = 0; n < s.batch; n++) {
    for (let co = 0; co < s.outChannels; co++) {
      for (let ci = 0; ci < s.inChannels; ci++) {
        for (let gy = 0; gy < gH; gy++) {
          for (let gx = 0; gx < gW; gx++) {
            for (let ky = 0; ky < K; ky++) {
              const ty = gy * s.stride - s.padding + ky;
              if (ty < 0 || ty >= tH) continue;
              for (let kx = 0; kx < K; kx++) {
                const tx = gx * s.stride - s.padding + kx;
                if (tx < 0 || tx >= tW) continue;
                const inIndex = transposed ? at(ci, gy, gx, n, s.inChannels, s.inH, s.inW) : at(ci, ty, tx, n, s.inChannels, s.inH, s.inW);
                const outIndex = transposed ? at(co, ty, tx, n, s.outChannels, s.outH, s.outW) : at(co, gy, gx, n, s.outChannels, s.outH, s.outW);
                // conv2d's weight is (out, in, K, K); a transposed conv's (in, out, K, K)
                const wIndex = ((transposed ? ci * s.outChannels + co : co * s.inChannels + ci) * K + ky) * K + kx;
                visit(n, ci, co, inIndex, outIndex, wIndex);
              }
            }
          }
        }
      }
    }
  }
}

function forward(transposed: boolean, out: Float64Array, x: Vec, w: Vec, b: Vec, s: ConvShape, act: CpuActivation, alpha: number): void {
  const plane = s.outH * s.outW;
  for (let i = 0; i < out.length; i++) out[i] = b[Math.floor(i / plane) % s.outChannels];
  eachTap(s, transposed, (_n, _ci, _co, xi, oi, wi) => { out[oi] += x[xi] * w[wi]; });
  for (let i = 0; i < out.length; i++) out[i] = activate(act, out[i], alpha);
}

/** dx = (dpre through the taps) * actIn'(x): x is the layer's input, the output of actIn. */
function backwardInput(transposed: boolean, dx: Float64Array, dpre: Vec, w: Vec, x: Vec, s: ConvShape, actIn: CpuActivation, alphaIn: number): void {
  dx.fill(0);
  eachTap(s, transposed, (_n, _ci, _co, xi, oi, wi) => { dx[xi] += dpre[oi] * w[wi]; });
  for (let i = 0; i < dx.length; i++) dx[i] *= activationGrad(actIn, x[i], alphaIn);
}

/** dw [+]= the taps' products, db [+]= dpre summed over rows and positions. */
function backwardWeight(transposed: boolean, dw: Float64Array, db: Float64Array, x: Vec, dpre: Vec, s: ConvShape, accumulate: boolean): void {
  if (!accumulate) { dw.fill(0); db.fill(0); }
  eachTap(s, transposed, (_n, _ci, _co, xi, oi, wi) => { dw[wi] += x[xi] * dpre[oi]; });
  const plane = s.outH * s.outW;
  for (let i = 0; i < s.batch * s.outChannels * plane; i++) db[Math.floor(i / plane) % s.outChannels] += dpre[i];
}

/** out (B, Cout, OH, OW) = act(conv2d(x (B, Cin, H, W), w (Cout, Cin, K, K)) + b) */
export function conv2d_forward(out: Float64Array, x: Vec, w: Vec, b: Vec, s: ConvShape, act: CpuActivation = 'identity', alpha = 0.2): void {
  forward(false, out, x, w, b, s, act, alpha);
}
export function conv2d_backward_input(dx: Float64Array, dpre: Vec, w: Vec, x: Vec, s: ConvShape, actIn: CpuActivation = 'identity', alphaIn = 0.2): void {
  backwardInput(false, dx, dpre, w, x, s, actIn, alphaIn);
}
export function conv2d_backward_weight(dw: Float64Array, db: Float64Array, x: Vec, dpre: Vec, s: ConvShape, accumulate = false): void {
  backwardWeight(false, dw, db, x, dpre, s, accumulate);
}

/** out (B, Cout, OH, OW) = act(conv_transpose2d(x (B, Cin, H, W), w (Cin, Cout, K, K)) + b), OH = (H - 1) s - 2p + K */
export function conv_transpose2d_forward(out: Float64Array, x: Vec, w: Vec, b: Vec, s: ConvShape, act: CpuActivation = 'identity', alpha = 0.2): void {
  forward(true, out, x, w, b, s, act, alpha);
}
export function conv_transpose2d_backward_input(dx: Float64Array, dpre: Vec, w: Vec, x: Vec, s: ConvShape, actIn: CpuActivation = 'identity', alphaIn = 0.2): void {
  backwardInput(true, dx, dpre, w, x, s, actIn, alphaIn);
}
export function conv_transpose2d_backward_weight(dw: Float64Array, db: Float64Array, x: Vec, dpre: Vec, s: ConvShape, accumulate = false): void {
  backwardWeight(true, dw, db, x, dpre, s, accumulate);
}
