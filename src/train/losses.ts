// The GAN losses a config can name, each as the loss kernel and modes that D's and G's steps dispatch, and the CPU
// mirror's names for the same modes. Adding a loss: a mode in shaders/loss.wgsl and its CPU term, and a row here.
import type { CpuBceMode, CpuGanLossMode } from '../cpu/loss.js';
import { bceModes, ganLossModes } from '../gpu/kernels.js';

export const GAN_LOSSES = ['non-saturating', 'minimax', 'least-squares', 'hinge', 'wasserstein'] as const;
/** The GAN's loss: 'minimax' and 'non-saturating' are Goodfellow et al.'s (D's BCE on sigmoid(D); G minimises
 * log(1 - D(G(z))) or maximises log D(G(z))); 'least-squares' is LSGAN (Mao et al. 2017; targets 0 and realLabel
 * for D, 1 for G, on D's raw output); 'hinge' (Lim & Ye 2017, Miyato et al. 2018) and 'wasserstein' (Arjovsky et al.
 * 2017; D a critic, meant with a Lipschitz constraint: spectral normalisation or a gradient penalty) score D's raw
 * output, G maximising it. */
export type GanLoss = (typeof GAN_LOSSES)[number];

export interface LossPlan {
  kernel: 'sigmoid_bce_forward_backward' | 'gan_loss_forward_backward';
  discriminator: number; // the kernel's mode for D's batch (fakes then reals)
  generator: number; // its mode for G's step
  /** The CPU mirror: its function's modes, and whether the reported means are of sigmoid(D) or of D itself. */
  cpu: { family: 'bce'; discriminator: CpuBceMode; generator: CpuBceMode }
    | { family: 'raw'; discriminator: CpuGanLossMode; generator: CpuGanLossMode };
  /** The means D(x), D(G(z)) the metrics report are probabilities (sigmoid) or raw critic values. */
  meansOf: 'sigmoid' | 'identity';
  /** Soft real labels make sense for the loss (a target value); for the critic losses realLabel must stay 1. */
  usesRealLabel: boolean;
}

const bce = (generator: 'minimax_generator' | 'non_saturating_generator'): LossPlan => ({
  kernel: 'sigmoid_bce_forward_backward', discriminator: bceModes.bce, generator: bceModes[generator],
  cpu: { family: 'bce', discriminator: 'bce', generator }, meansOf: 'sigmoid', usesRealLabel: true,
});
const raw = (discriminator: CpuGanLossMode, generator: CpuGanLossMode, usesRealLabel: boolean): LossPlan => ({
  kernel: 'gan_loss_forward_backward', discriminator: ganLossModes[discriminator], generator: ganLossModes[generator],
  cpu: { family: 'raw', discriminator, generator }, meansOf: 'identity', usesRealLabel,
});

const PLANS: Record<GanLoss, LossPlan> = {
  'non-saturating': bce('non_saturating_generator'),
  minimax: bce('minimax_generator'),
  'least-squares': raw('least_squares_discriminator', 'least_squares_generator', true),
  hinge: raw('hinge_discriminator', 'critic_generator', false),
  wasserstein: raw('wasserstein_discriminator', 'critic_generator', false),
};

export function lossPlan(loss: GanLoss): LossPlan {
  return PLANS[loss];
}

export function isGanLoss(value: unknown): value is GanLoss {
  return (GAN_LOSSES as readonly unknown[]).includes(value);
}
