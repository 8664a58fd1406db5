package dev.ebm.methods;

/** Where the Langevin chains of maximum-likelihood training start each step. */
public enum ChainSource {
  /** From the data batch: contrastive divergence CD-k (Hinton 2002). */
  DATA,
  /**
   * From a fixed set of B chains that each step continues (persistent CD, Tieleman 2008): a replay
   * buffer of capacity B that never restarts a chain.
   */
  PERSISTENT,
  /**
   * From a replay buffer of past samples, each restarted from noise with a small probability (Du
   * &amp; Mordatch 2019).
   */
  REPLAY,
  /** From fresh noise every step: short-run MCMC (Nijkamp et al. 2019). */
  NOISE
}
