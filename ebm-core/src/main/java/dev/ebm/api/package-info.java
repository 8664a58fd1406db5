/**
 * The front door: train an energy-based model, use what it learned, and measure it, from any JVM
 * program with ebm-core, ebm-methods and ebm-models on the class path.
 *
 * <ul>
 *   <li>{@link dev.ebm.api.Training} — a configured run: {@link dev.ebm.api.TrainingData data},
 *       model and method (by name through their providers, or as Java objects), optimiser,
 *       schedule, steps, batch, moving average, seed, device or cluster, listeners, and an optional
 *       run directory for checkpoints and resumption. {@code run()} returns a {@link
 *       dev.ebm.api.TrainedEnergy}.
 *   <li>{@link dev.ebm.api.TrainedEnergy} — immutable and closeable; loads from a run directory, a
 *       composition or a SavedModel; gives {@code E(x)}, the score {@code −∇ₓE(x)}, {@code log p(x)
 *       = −E(x) − log Z} where {@code log Z} is known ({@link dev.ebm.api.LogPartition}); draws
 *       {@link dev.ebm.api.Samples} as a {@link dev.ebm.api.Sampling} asks; measures itself ({@link
 *       dev.ebm.api.Evaluation} → {@link dev.ebm.api.Measurements}); exports a SavedModel; and
 *       carries its {@link dev.ebm.api.Provenance}.
 * </ul>
 *
 * <pre>{@code
 * Training training =
 *     Training.on(TrainingData.toy("8gaussians")).method("dsm").steps(2000).build();
 * try (TrainedEnergy energy = training.run()) {
 *   Samples samples = energy.sample(Sampling.defaults().chains(500));
 *   double[] logP = energy.logDensity(samples.points());
 *   energy.export(Path.of("exports/dsm"));
 * }
 * }</pre>
 *
 * <p>Conventions: {@code p(x) ∝ exp(−E(x))}; points are rows {@code double[n][d]}; bad settings
 * throw {@link dev.ebm.core.config.InvalidSettingException} naming the setting.
 */
package dev.ebm.api;
