package dev.ebm.methods.providers;

import dev.ebm.core.autodiff.ProbeDistribution;
import dev.ebm.core.config.Options;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.methods.ScoreMatching;
import java.util.Locale;

/** The providers of the three score-matching estimators. */
public final class ScoreMatchingProviders {

  private ScoreMatchingProviders() {}

  private static TrainingMethod create(ScoreMatching.Estimator estimator, Options options, String defaultProbes) {
    ScoreMatching method =
        estimator == ScoreMatching.Estimator.EXACT
            ? ScoreMatching.exact()
            : new ScoreMatching(
                estimator,
                ProbeDistribution.valueOf(options.choice("distribution", defaultProbes, "rademacher", "gaussian").toUpperCase(Locale.ROOT)),
                options.integer("probes", 1));
    options.requireAllKnown();
    return method;
  }

  /** {@code esm}: no options. */
  public static final class Exact implements TrainingMethodProvider {
    @Override
    public String name() {
      return "esm";
    }

    @Override
    public String description() {
      return "exact score matching, Hyvarinen 2005: mean(0.5|grad E|^2 - tr Hess E), one backward pass per dimension";
    }

    @Override
    public TrainingMethod create(Options options) {
      return ScoreMatchingProviders.create(ScoreMatching.Estimator.EXACT, options, "rademacher");
    }
  }

  /** {@code ssm}: {@code probes} (1), {@code distribution} (gaussian, as in the paper; or rademacher). */
  public static final class Sliced implements TrainingMethodProvider {
    @Override
    public String name() {
      return "ssm";
    }

    @Override
    public String description() {
      return "sliced score matching, Song et al. 2019: mean(0.5(v.grad E)^2 - v.Hess E.v) (probes=1, distribution=gaussian)";
    }

    @Override
    public TrainingMethod create(Options options) {
      return ScoreMatchingProviders.create(ScoreMatching.Estimator.SLICED, options, "gaussian");
    }
  }

  /** {@code ssm-vr}: {@code probes} (1), {@code distribution} (rademacher or gaussian). */
  public static final class SlicedVarianceReduced implements TrainingMethodProvider {
    @Override
    public String name() {
      return "ssm-vr";
    }

    @Override
    public String description() {
      return "sliced score matching, variance reduced: mean(0.5|grad E|^2 - v.Hess E.v) (probes=1, distribution=rademacher)";
    }

    @Override
    public TrainingMethod create(Options options) {
      return ScoreMatchingProviders.create(ScoreMatching.Estimator.SLICED_VARIANCE_REDUCED, options, "rademacher");
    }
  }
}
