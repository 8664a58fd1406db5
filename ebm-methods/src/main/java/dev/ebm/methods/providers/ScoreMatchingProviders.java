package dev.ebm.methods.providers;

import dev.ebm.core.autodiff.ProbeDistribution;
import dev.ebm.core.config.Options;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.methods.ScoreMatching;
import java.util.Locale;

/**
 * The providers of the three score-matching estimators; the sliced ones take {@code probes}
 * (default 1) and {@code distribution} ({@code rademacher} or {@code gaussian}).
 */
public abstract class ScoreMatchingProviders implements TrainingMethodProvider {

  private final ScoreMatching.Estimator estimator;
  private final String description;
  private final String defaultProbes;

  private ScoreMatchingProviders(
      ScoreMatching.Estimator estimator, String description, String defaultProbes) {
    this.estimator = estimator;
    this.description = description;
    this.defaultProbes = defaultProbes;
  }

  @Override
  public String name() {
    return estimator.methodName();
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public TrainingMethod create(Options options) {
    ScoreMatching method =
        estimator == ScoreMatching.Estimator.EXACT
            ? ScoreMatching.exact()
            : new ScoreMatching(
                estimator,
                ProbeDistribution.valueOf(
                    options
                        .choice("distribution", defaultProbes, "rademacher", "gaussian")
                        .toUpperCase(Locale.ROOT)),
                options.integer("probes", 1));
    options.requireAllKnown();
    return method;
  }

  /** {@code esm}: no options. */
  public static final class Exact extends ScoreMatchingProviders {
    public Exact() {
      super(
          ScoreMatching.Estimator.EXACT,
          "exact score matching, Hyvarinen 2005: mean(0.5|grad E|^2 - tr Hess E), one backward pass per dimension",
          "rademacher");
    }
  }

  /** {@code ssm}: Gaussian probes by default, as in the paper. */
  public static final class Sliced extends ScoreMatchingProviders {
    public Sliced() {
      super(
          ScoreMatching.Estimator.SLICED,
          "sliced score matching, Song et al. 2019: mean(0.5(v.grad E)^2 - v.Hess E.v) (probes=1, distribution=gaussian)",
          "gaussian");
    }
  }

  /** {@code ssm-vr}: Rademacher probes by default. */
  public static final class SlicedVarianceReduced extends ScoreMatchingProviders {
    public SlicedVarianceReduced() {
      super(
          ScoreMatching.Estimator.SLICED_VARIANCE_REDUCED,
          "sliced score matching, variance reduced: mean(0.5|grad E|^2 - v.Hess E.v) (probes=1, distribution=rademacher)",
          "rademacher");
    }
  }
}
