package dev.ebm.experiments;

import dev.ebm.core.sampling.AnnealedLangevinSampler;
import dev.ebm.core.sampling.NoiseSchedule;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code ebm sample}'s options of annealed Langevin dynamics (Song &amp; Ermon 2019): each
 * overrides the corresponding setting of the energy's own annealed sampler.
 */
final class AnnealedOptions {

  @Option(
      names = "--sigma-max",
      description = "annealed: largest noise level (default: the run's ncsn setting, else 1)")
  Double sigmaMax;

  @Option(
      names = "--sigma-min",
      description = "annealed: smallest noise level (default: the run's, else 0.01)")
  Double sigmaMin;

  @Option(
      names = "--levels",
      description = "annealed: number of levels (default: the run's, else 10)")
  Integer levels;

  @Option(
      names = "--steps-per-level",
      description = "annealed: steps per level T (default: the run's, else 100)")
  Integer stepsPerLevel;

  @Option(
      names = "--epsilon",
      description =
          "annealed: NCSN's step epsilon at the smallest level (default: the run's, else 2e-5)")
  Double epsilon;

  @Option(
      names = "--annealed-convention",
      description = "annealed: image or toy (default: the run's, else image)")
  String convention;

  @Option(names = "--denoise", description = "annealed: finish with x <- x + sigma_min^2 score(x)")
  boolean denoise;

  /** Whether any of these options was given. */
  boolean given() {
    return sigmaMax != null
        || sigmaMin != null
        || levels != null
        || stepsPerLevel != null
        || epsilon != null
        || convention != null
        || denoise;
  }

  /** {@code base} with every setting given here replaced. */
  AnnealedLangevinSampler applyTo(AnnealedLangevinSampler base) {
    NoiseSchedule schedule =
        NoiseSchedule.geometric(
            sigmaMax != null ? sigmaMax : base.schedule().largest(),
            sigmaMin != null ? sigmaMin : base.schedule().smallest(),
            levels != null ? levels : base.schedule().levels());
    AnnealedLangevinSampler.Convention step =
        convention == null
            ? base.convention()
            : switch (convention) {
              case "image" -> AnnealedLangevinSampler.Convention.NCSN_IMAGE;
              case "toy" -> AnnealedLangevinSampler.Convention.NCSN_TOY;
              default ->
                  throw new IllegalArgumentException(
                      "--annealed-convention must be image or toy, got '" + convention + "'");
            };
    return new AnnealedLangevinSampler(
        schedule,
        stepsPerLevel != null ? stepsPerLevel : base.stepsPerLevel(),
        epsilon != null ? epsilon : base.epsilon(),
        step,
        denoise || base.denoise(),
        Optional.empty());
  }
}
