package dev.ebm.methods.providers;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.methods.ImprovedContrastiveDivergence;
import dev.ebm.methods.MaximumLikelihood;
import dev.ebm.methods.NoiseContrastiveEstimation;
import java.util.List;
import java.util.OptionalDouble;

/** The providers of the likelihood-based methods. */
public final class LikelihoodProviders {

  /**
   * The default weight of the energy-magnitude regulariser of {@code ml} and {@code improved-cd}
   * (Du &amp; Mordatch 2019). Without it, maximum likelihood on 8gaussians (modes 0.1 wide)
   * diverged in every run measured — chains run away and the energies with them, to 10⁶ and beyond
   * — while with 0.1 it trains (grid KL 0.077 after 10 000 steps); on the broad data of {@code
   * defaults-check} it costs little (ml 0.045 → 0.082 nats, improved CD 0.081 → 0.049). It biases
   * the maximum-likelihood fixed point slightly: set {@code alpha=0} for the exact estimator.
   */
  public static final double DEFAULT_ALPHA = 0.1;

  private LikelihoodProviders() {}

  /** {@code nce}: the noise ratio {@code nu} and the noise's {@code noise_scale}. */
  public static final class Nce implements TrainingMethodProvider {
    private static final OptionSchema SCHEMA =
        OptionSchema.of(
            "nce",
            OptionSpec.integer(
                "nu",
                4,
                "noise samples per data sample ν (4: on curved and three-mode data c came within"
                    + " 0.014 of log Z, against 0.057 with 1, for 17 % more time per step)"),
            OptionSpec.number(
                "noise_scale", 1.0, "scale of the noise Gaussian's covariance, fitted to the data"),
            OptionSpec.choice(
                "noise",
                "gaussian: the fitted Gaussian; kernels: half that Gaussian, half Gaussian kernels"
                    + " on half of each batch (the other half is contrasted with it), which puts"
                    + " noise where the data's mass is and makes c a closer log Z",
                "gaussian",
                "kernels"),
            OptionSpec.number(
                    "bandwidth", 0.2, "the kernels' standard deviation, in the data's RMS std")
                .when("noise", "kernels"));

    @Override
    public String name() {
      return "nce";
    }

    @Override
    public String description() {
      return "noise contrastive estimation, Gutmann & Hyvarinen 2010, learned log Z, Gaussian noise fitted to the data";
    }

    @Override
    public OptionSchema options() {
      return SCHEMA;
    }

    @Override
    public TrainingMethod create(Options options) {
      Options o = SCHEMA.resolve(options);
      return new NoiseContrastiveEstimation(
          o.integer("nu"),
          o.number("noise_scale"),
          o.string("noise").equals("kernels")
              ? OptionalDouble.of(o.number("bandwidth"))
              : OptionalDouble.empty());
    }
  }

  /** {@code ml}: the chain options of {@link ChainOptions} and {@code alpha}. */
  public static final class Ml implements TrainingMethodProvider {
    private static final OptionSchema SCHEMA =
        ChainOptions.SCHEMA.with(
            "ml",
            List.of(
                OptionSpec.number(
                    "alpha",
                    DEFAULT_ALPHA,
                    "weight α of the energy regulariser α(E⁺² + E⁻²); 0 for exact maximum likelihood")));

    @Override
    public String name() {
      return "ml";
    }

    @Override
    public String description() {
      return "maximum likelihood with Langevin MCMC: CD-k, persistent, replay buffer or short-run";
    }

    @Override
    public OptionSchema options() {
      return SCHEMA;
    }

    @Override
    public TrainingMethod create(Options options) {
      ChainOptions.Parsed parsed = ChainOptions.parse(SCHEMA, options);
      return new MaximumLikelihood(parsed.chains(), parsed.own().number("alpha"));
    }
  }

  /**
   * {@code improved-cd}: the {@code ml} options and the weights of its KL and entropy terms, with
   * the defaults of Du et al.'s code: the entropy weighted 0.3 against 100 buffer samples, acting
   * once the buffer has received more than 1 000 chains, and 0.1 % of replayed chains restarted.
   */
  public static final class ImprovedCd implements TrainingMethodProvider {
    private static final OptionSchema SCHEMA =
        ChainOptions.SCHEMA
            .withDefault("reinit", "0.001")
            .with(
                "improved-cd",
                List.of(
                    OptionSpec.number(
                        "alpha",
                        DEFAULT_ALPHA,
                        "weight α of the energy regulariser α(E⁺² + E⁻²); 0 for exact maximum"
                            + " likelihood"),
                    OptionSpec.number(
                        "kl_weight",
                        1,
                        "weight of the KL term's energy part, through the last step"),
                    OptionSpec.number(
                        "entropy_weight",
                        0.3,
                        "weight of the KL term's nearest-neighbour entropy part (Du et al.'s code)"),
                    OptionSpec.integer(
                        "entropy_references",
                        100,
                        "buffer samples the entropy is measured against (Du et al.'s code)"),
                    OptionSpec.integer(
                        "entropy_after",
                        1000,
                        "the entropy acts once the buffer has received more than this many"
                            + " chains (Du et al.'s code: before that the buffer holds mostly its"
                            + " initial noise); 0: from the first step")));

    @Override
    public String name() {
      return "improved-cd";
    }

    @Override
    public String description() {
      return "improved contrastive divergence, Du et al. 2020: ml plus the KL term through the last Langevin step and a nearest-neighbour entropy";
    }

    @Override
    public OptionSchema options() {
      return SCHEMA;
    }

    @Override
    public TrainingMethod create(Options options) {
      ChainOptions.Parsed parsed = ChainOptions.parse(SCHEMA, options);
      Options own = parsed.own();
      return new ImprovedContrastiveDivergence(
          parsed.chains(),
          own.number("alpha"),
          own.number("kl_weight"),
          own.number("entropy_weight"),
          own.integer("entropy_references"),
          own.integer("entropy_after"));
    }
  }
}
