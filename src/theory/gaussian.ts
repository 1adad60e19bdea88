// The theory of Goodfellow et al. (2014) for one-dimensional densities known in closed form: the optimal
// discriminator D*(x) = p_data / (p_data + p_g), the value of the game, and the Jensen-Shannon divergence, with
// V(G, D*) = -log 4 + 2 JSD(p_data || p_g).

export type Density = (x: number) => number;

export interface Gaussian1d {
  mean: number;
  std: number;
}

export function gaussianPdf({ mean, std }: Gaussian1d): Density {
  const norm = 1 / (std * Math.sqrt(2 * Math.PI));
  return (x) => norm * Math.exp(-0.5 * ((x - mean) / std) ** 2);
}

export function optimalDiscriminator(pData: Density, pG: Density): Density {
  return (x) => {
    const d = pData(x), g = pG(x);
    return d + g === 0 ? 0.5 : d / (d + g);
  };
}

/** Composite Simpson's rule on [lo, hi] with an even number of intervals. */
export function integrate(f: Density, lo: number, hi: number, intervals = 4000): number {
  const n = intervals + (intervals % 2);
  const h = (hi - lo) / n;
  let sum = f(lo) + f(hi);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(lo + i * h);
  return (sum * h) / 3;
}

const xlogy = (x: number, y: number) => (x === 0 ? 0 : x * Math.log(y));

/** JSD(p || q) in nats, by quadrature over [lo, hi] (which should hold nearly all of both masses). */
export function jensenShannon(p: Density, q: Density, lo: number, hi: number): number {
  return integrate((x) => {
    const a = p(x), b = q(x), m = (a + b) / 2;
    return 0.5 * (xlogy(a, a / m) + xlogy(b, b / m));
  }, lo, hi);
}

/** V(G, D) = E_{x ~ p_data} log D(x) + E_{x ~ p_g} log(1 - D(x)), by quadrature. */
export function valueOfGame(pData: Density, pG: Density, d: Density, lo: number, hi: number): number {
  return integrate((x) => xlogy(pData(x), d(x)) + xlogy(pG(x), 1 - d(x)), lo, hi);
}

/** The interval holding all but a negligible mass of both Gaussians. */
export function coveringInterval(a: Gaussian1d, b: Gaussian1d, sigmas = 10): [number, number] {
  return [Math.min(a.mean - sigmas * a.std, b.mean - sigmas * b.std), Math.max(a.mean + sigmas * a.std, b.mean + sigmas * b.std)];
}
