/**
 * Markov chains on the graph: Langevin dynamics ({@link dev.ebm.core.sampling.LangevinSampler}),
 * annealed Langevin dynamics over a noise schedule ({@link
 * dev.ebm.core.sampling.AnnealedLangevinSampler}), and the replay buffer of persistent chains
 * ({@link dev.ebm.core.sampling.ReplayBuffer}). Every chain runs its K steps inside one {@code
 * Session.run}, as a TensorFlow while loop.
 *
 * <p>Our convention for one Langevin step on {@code p ∝ exp(−E)} is {@code x ← x − (ε²/2)∇ₓE(x) +
 * τ·ε·z}, {@code z ~ N(0, I)}: step size ε, noise scale τ (τ = 1 samples {@code exp(−E)}; τ &lt; 1
 * samples the sharper {@code exp(−E/τ²)}). {@link dev.ebm.core.sampling.LangevinStep} converts the
 * papers' other parametrisations to it.
 */
package dev.ebm.core.sampling;
