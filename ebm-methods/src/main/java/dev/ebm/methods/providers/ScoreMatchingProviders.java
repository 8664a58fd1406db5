package dev.ebm.methods.providers;

import dev.ebm.core.autodiff.ProbeDistribution;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
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
  private final OptionSchema schema;

  private ScoreMatchingProviders(
      ScoreMatching.Estimator estimator, String description, String defaultProbes) {
    this.estimator = estimator;
    this.description = description;
    this.schema =
        estimator == ScoreMatching.Estimator.EXACT
            ? OptionSchema.none(estimator.methodName())
            : OptionSchema.of(
                estimator.methodName(),
                OptionSpec.integer("probes", 1, "projections v per sample"),
                OptionSpec.choice(
                        "distribution",
                        "the distribution of the projections v",
                        "rademacher",
                        "gaussian")
                    .withDefault(defaultProbes));
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
  public OptionSchema options() {
    return schema;
  }

  @Override
  public TrainingMethod create(Options options) {
    Options o = schema.resolve(options);
    return estimator == ScoreMatching.Estimator.EXACT
        ? ScoreMatching.exact()
        : new ScoreMatching(
            estimator,
            ProbeDistribution.valueOf(o.string("distribution").toUpperCase(Locale.ROOT)),
            o.integer("probes"));
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
          "sliced score matching, Song et al. 2019: mean(0.5(v.grad E)^2 - v.Hess E.v)",
          "gaussian");
    }
  }

  /** {@code ssm-vr}: Rademacher probes by default. */
  public static final class SlicedVarianceReduced extends ScoreMatchingProviders {
    public SlicedVarianceReduced() {
      super(
          ScoreMatching.Estimator.SLICED_VARIANCE_REDUCED,
          "sliced score matching, variance reduced: mean(0.5|grad E|^2 - v.Hess E.v)",
          "rademacher");
    }
  }
}
