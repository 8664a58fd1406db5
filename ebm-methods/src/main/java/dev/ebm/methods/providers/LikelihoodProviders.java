package dev.ebm.methods.providers;

import dev.ebm.core.config.Options;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.methods.ChainSettings;
import dev.ebm.methods.ChainSource;
import dev.ebm.methods.ImprovedContrastiveDivergence;
import dev.ebm.methods.MaximumLikelihood;
import dev.ebm.methods.NoiseContrastiveEstimation;

/** The providers of the likelihood-based methods. */
public final class LikelihoodProviders {

  private LikelihoodProviders() {}

  /** {@code nce}: {@code nu} (1), {@code noise_scale} (1). */
  public static final class Nce implements TrainingMethodProvider {
    @Override
    public String name() {
      return "nce";
    }

    @Override
    public String description() {
      return "noise contrastive estimation, Gutmann & Hyvarinen 2010, learned log Z, Gaussian noise fitted to the data (nu=1)";
    }

    @Override
    public TrainingMethod create(Options options) {
      NoiseContrastiveEstimation method =
          new NoiseContrastiveEstimation(
              options.integer("nu", 1), options.number("noise_scale", 1.0));
      options.requireAllKnown();
      return method;
    }
  }

  /**
   * {@code ml}: the chain options of {@link ChainOptions} (default chains=replay) and {@code alpha}
   * (0).
   */
  public static final class Ml implements TrainingMethodProvider {
    @Override
    public String name() {
      return "ml";
    }

    @Override
    public String description() {
      return "maximum likelihood with Langevin MCMC: CD-k, persistent, replay buffer or short-run (chains=replay, steps=20, epsilon=0.1 x data std, chains start over the data range)";
    }

    @Override
    public TrainingMethod create(Options options) {
      ChainSettings chains = ChainOptions.parse(options, ChainSource.REPLAY);
      MaximumLikelihood method = new MaximumLikelihood(chains, options.number("alpha", 0));
      options.requireAllKnown();
      return method;
    }
  }

  /**
   * {@code improved-cd}: the {@code ml} options plus {@code kl_weight} (1), {@code entropy_weight}
   * (1), {@code entropy_references} (1 000).
   */
  public static final class ImprovedCd implements TrainingMethodProvider {
    @Override
    public String name() {
      return "improved-cd";
    }

    @Override
    public String description() {
      return "improved contrastive divergence, Du et al. 2020: ml plus the KL term through the last Langevin step and a nearest-neighbour entropy";
    }

    @Override
    public TrainingMethod create(Options options) {
      ChainSettings chains = ChainOptions.parse(options, ChainSource.REPLAY);
      ImprovedContrastiveDivergence method =
          new ImprovedContrastiveDivergence(
              chains,
              options.number("alpha", 0),
              options.number("kl_weight", 1),
              options.number("entropy_weight", 1),
              options.integer("entropy_references", 1000));
      options.requireAllKnown();
      return method;
    }
  }
}
