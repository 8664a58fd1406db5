package dev.ebm.api;

import dev.ebm.core.config.InvalidSettingException;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.evaluation.ReferenceDensity;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * What to measure of a {@link TrainedEnergy}, immutable. By default: in up to three dimensions
 * {@code log Z} on a grid over the data, and KL and total variation against the exact density when
 * the data is a 2-D toy density; the distance of a learned {@code log Z} from the grid's; and the
 * MMD² between the training data and {@value #DEFAULT_MMD_CHAINS} samples drawn with the energy's
 * {@link Sampling#defaults() default sampler}. Add held-out points for their negative
 * log-likelihood, a tabulated reference density for KL and TV against it, given samples for the
 * MMD, or annealed importance sampling for {@code log Z} in any dimension.
 */
public final class Evaluation {

  /** The default number of chains drawn for the MMD. */
  public static final int DEFAULT_MMD_CHAINS = 1000;

  /** The default number of Langevin steps of those chains. */
  public static final int DEFAULT_MMD_STEPS = 1000;

  /** The default number of AIS chains. */
  public static final int DEFAULT_AIS_CHAINS = 500;

  /** The default number of AIS intermediate distributions. */
  public static final int DEFAULT_AIS_LEVELS = 1000;

  /** When {@code log Z} is estimated by annealed importance sampling. */
  public enum Ais {
    /** Where no grid applies: above three dimensions. */
    AUTO,
    /** Always. */
    ON,
    /** Never. */
    OFF
  }

  // Set only on a fresh copy (with(…)), so that an evaluation never changes once made.
  private Optional<ReferenceDensity> reference = Optional.empty();
  private Optional<Dataset> test = Optional.empty();
  private Optional<Dataset> samples = Optional.empty();
  private int mmdChains = DEFAULT_MMD_CHAINS;
  private int mmdSteps = DEFAULT_MMD_STEPS;
  private Ais ais = Ais.AUTO;
  private int aisChains = DEFAULT_AIS_CHAINS;
  private int aisLevels = DEFAULT_AIS_LEVELS;
  private OptionalDouble noiseLevel = OptionalDouble.empty();

  private Evaluation() {}

  /** A copy of this evaluation with {@code change} applied to it. */
  private Evaluation with(Consumer<Evaluation> change) {
    Evaluation copy = new Evaluation();
    copy.reference = reference;
    copy.test = test;
    copy.samples = samples;
    copy.mmdChains = mmdChains;
    copy.mmdSteps = mmdSteps;
    copy.ais = ais;
    copy.aisChains = aisChains;
    copy.aisLevels = aisLevels;
    copy.noiseLevel = noiseLevel;
    change.accept(copy);
    return copy;
  }

  /** The default measurements (see the class comment). */
  public static Evaluation standard() {
    return new Evaluation();
  }

  /** KL and total variation against a density tabulated on a grid, instead of a toy's. */
  public Evaluation against(ReferenceDensity density) {
    return with(e -> e.reference = Optional.of(density));
  }

  /** The negative log-likelihood of these held-out points. */
  public Evaluation withTest(Dataset points) {
    return with(e -> e.test = Optional.of(points));
  }

  /** The MMD² of these model samples against the training data (none are drawn). */
  public Evaluation withSamples(Dataset drawn) {
    return with(e -> e.samples = Optional.of(drawn));
  }

  /**
   * Without given samples, draws {@code chains} chains of the default sampler ({@code steps}
   * Langevin steps where that is fitted Langevin) for the MMD; 0 chains for no MMD.
   */
  public Evaluation drawing(int chains, int steps) {
    if (chains < 0 || steps < 1) {
      throw new InvalidSettingException(
          "mmdChains",
          "must be 0 or more with at least 1 step, got "
              + chains
              + " chains of "
              + steps
              + " steps");
    }
    return with(
        e -> {
          e.mmdChains = chains;
          e.mmdSteps = steps;
        });
  }

  /** This evaluation without the MMD: no samples are drawn. */
  public Evaluation withoutMmd() {
    return with(e -> e.mmdChains = 0);
  }

  /** Annealed importance sampling of {@code log Z}: when, with how many chains and levels. */
  public Evaluation ais(Ais when, int chains, int levels) {
    if (chains < 2 || levels < 1) {
      throw new InvalidSettingException(
          "aisChains",
          "must be at least 2 with at least 1 level, got " + chains + " and " + levels);
    }
    return with(
        e -> {
          e.ais = when;
          e.aisChains = chains;
          e.aisLevels = levels;
        });
  }

  /** The noise level at which a noise-conditional energy is measured (default: its own). */
  public Evaluation atNoiseLevel(double sigma) {
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new InvalidSettingException("noiseLevel", "must be positive, got " + sigma);
    }
    return with(e -> e.noiseLevel = OptionalDouble.of(sigma));
  }

  Optional<ReferenceDensity> reference() {
    return reference;
  }

  Optional<Dataset> test() {
    return test;
  }

  Optional<Dataset> samples() {
    return samples;
  }

  int mmdChains() {
    return mmdChains;
  }

  int mmdSteps() {
    return mmdSteps;
  }

  Ais aisMode() {
    return ais;
  }

  int aisChains() {
    return aisChains;
  }

  int aisLevels() {
    return aisLevels;
  }

  OptionalDouble noiseLevel() {
    return noiseLevel;
  }
}
