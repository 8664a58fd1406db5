/**
 * A trained energy held outside its training graph ({@link dev.ebm.core.trained.TrainedModel}) and
 * what uses it: evaluating {@code E(x)} and the score {@code −∇ₓE(x)} in batches, from a graph of
 * its own or an exported SavedModel ({@link dev.ebm.core.trained.EnergyFunction}); drawing samples
 * with Langevin plans outside the graph ({@link dev.ebm.core.trained.ChainRunner}) or with any
 * {@link dev.ebm.core.sampling.Sampler} inside one ({@link dev.ebm.core.trained.GraphSampling});
 * and the chains' diagnostics. The front door to all of it is {@code dev.ebm.api.TrainedEnergy}.
 */
package dev.ebm.core.trained;
