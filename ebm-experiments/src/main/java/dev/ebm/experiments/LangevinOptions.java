package dev.ebm.experiments;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.core.sampling.LangevinStep;
import picocli.CommandLine.Option;

/**
 * {@code ebm sample}'s options of plain Langevin: the step in any of the papers' conventions, and
 * the noise scale of ours.
 */
final class LangevinOptions {

  @Option(
      names = "--convention",
      defaultValue = "ours",
      description =
          "how --step-size is meant: ours (x <- x - (e^2/2) grad E + tau e z), ncsn-image (x <- x +"
              + " a s + sqrt(2a) z), ncsn-toy (x <- x + (a/2) s + sqrt(a) z) or anatomy (x <- x -"
              + " grad E + e_a z) (default: ${DEFAULT-VALUE})")
  String convention;

  @Option(
      names = "--step-size",
      description =
          "the convention's step parameter (default for ours: 0.1 x the data's standard deviation)")
  Double stepSize;

  @Option(
      names = "--tau",
      defaultValue = "1",
      description = "noise scale tau, convention ours (default: ${DEFAULT-VALUE})")
  double tau;

  /** Whether any of these options was set away from its default. */
  boolean given() {
    return stepSize != null || !convention.equals("ours") || tau != 1;
  }

  /** The step these options name, for convention ours fitted to the energy's data by default. */
  LangevinStep step(TrainedEnergy energy) {
    double size;
    if (stepSize != null) {
      size = stepSize;
    } else if (convention.equals("ours") && energy.fittedLangevinStep().isPresent()) {
      size = energy.fittedLangevinStep().get().epsilon();
    } else {
      throw new IllegalArgumentException(
          "give --step-size (the step parameter of convention " + convention + ")");
    }
    if (!(size > 0)) {
      throw new IllegalArgumentException("--step-size must be positive, got " + size);
    }
    return switch (convention) {
      case "ours" -> new LangevinStep(size, tau);
      case "ncsn-image" -> LangevinStep.fromNcsnImage(size);
      case "ncsn-toy" -> LangevinStep.fromNcsnToy(size);
      case "anatomy" -> LangevinStep.fromAnatomy(size);
      default ->
          throw new IllegalArgumentException(
              "unknown --convention '"
                  + convention
                  + "'; use ours, ncsn-image, ncsn-toy or anatomy");
    };
  }
}
