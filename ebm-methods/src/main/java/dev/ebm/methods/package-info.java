/**
 * Training objectives for energy models {@code p(x) ∝ exp(−E(x))}, each a {@link
 * dev.ebm.core.method.TrainingMethod} that works on any {@link dev.ebm.core.model.EnergyModel}:
 *
 * <ul>
 *   <li>score matching, exact and sliced ({@link dev.ebm.methods.ScoreMatching}; Hyvärinen 2005,
 *       Song et al. 2019): {@code E_data[½‖∇ₓE‖² − tr ∇ₓ²E]}, the trace exact or estimated by
 *       Hutchinson's {@code vᵀ∇ₓ²E v};
 *   <li>denoising score matching at one noise level ({@link
 *       dev.ebm.methods.DenoisingScoreMatching}; Vincent 2011) and at many ({@link
 *       dev.ebm.methods.NoiseConditionalScoreMatching}; Song &amp; Ermon 2019), sharing {@link
 *       dev.ebm.methods.DenoisingLoss} {@code ½‖ε − σ∇ₓE(x + σε, σ)‖²};
 *   <li>noise contrastive estimation with a learned log Z ({@link
 *       dev.ebm.methods.NoiseContrastiveEstimation}; Gutmann &amp; Hyvärinen 2010);
 *   <li>maximum likelihood with Langevin chains ({@link dev.ebm.methods.MaximumLikelihood}: CD-k,
 *       persistent, replay buffer, short-run; Hinton 2002, Tieleman 2008, Du &amp; Mordatch 2019,
 *       Nijkamp et al. 2019) and improved contrastive divergence ({@link
 *       dev.ebm.methods.ImprovedContrastiveDivergence}; Du et al. 2020).
 * </ul>
 */
package dev.ebm.methods;
