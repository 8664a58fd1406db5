package dev.ebm.api;

import dev.ebm.core.config.InvalidSettingException;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.evaluation.ReferenceDensity;
import java.util.Optional;
import java.util.OptionalDouble;

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

  private final Optional<ReferenceDensity> reference;
  private final Optional<Dataset> test;
  private final Optional<Dataset> samples;
  private final int mmdChains;
  private final int mmdSteps;
  private final Ais ais;
  private final int aisChains;
  private final int aisLevels;
  private final OptionalDouble noiseLevel;

  private Evaluation(
      Optional<ReferenceDensity> reference,
      Optional<Dataset> test,
      Optional<Dataset> samples,
      int mmdChains,
      int mmdSteps,
      Ais ais,
      int aisChains,
      int aisLevels,
      OptionalDouble noiseLevel) {
    this.reference = reference;
    this.test = test;
    this.samples = samples;
    this.mmdChains = mmdChains;
    this.mmdSteps = mmdSteps;
    this.ais = ais;
    this.aisChains = aisChains;
    this.aisLevels = aisLevels;
    this.noiseLevel = noiseLevel;
  }

  /** The default measurements (see the class comment). */
  public static Evaluation standard() {
    return new Evaluation(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        DEFAULT_MMD_CHAINS,
        DEFAULT_MMD_STEPS,
        Ais.AUTO,
        DEFAULT_AIS_CHAINS,
        DEFAULT_AIS_LEVELS,
        OptionalDouble.empty());
  }

  /** KL and total variation against a density tabulated on a grid, instead of a toy's. */
  public Evaluation against(ReferenceDensity density) {
    return new Evaluation(
        Optional.of(density),
        test,
        samples,
        mmdChains,
        mmdSteps,
        ais,
        aisChains,
        aisLevels,
        noiseLevel);
  }

  /** The negative log-likelihood of these held-out points. */
  public Evaluation withTest(Dataset points) {
    return new Evaluation(
        reference,
        Optional.of(points),
        samples,
        mmdChains,
        mmdSteps,
        ais,
        aisChains,
        aisLevels,
        noiseLevel);
  }

  /** The MMD² of these model samples against the training data (none are drawn). */
  public Evaluation withSamples(Dataset drawn) {
    return new Evaluation(
        reference,
        test,
        Optional.of(drawn),
        mmdChains,
        mmdSteps,
        ais,
        aisChains,
        aisLevels,
        noiseLevel);
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
    return new Evaluation(
        reference, test, samples, chains, steps, ais, aisChains, aisLevels, noiseLevel);
  }

  /** This evaluation without the MMD: no samples are drawn. */
  public Evaluation withoutMmd() {
    return new Evaluation(
        reference, test, samples, 0, mmdSteps, ais, aisChains, aisLevels, noiseLevel);
  }

  /** Annealed importance sampling of {@code log Z}: when, with how many chains and levels. */
  public Evaluation ais(Ais when, int chains, int levels) {
    if (chains < 2 || levels < 1) {
      throw new InvalidSettingException(
          "aisChains",
          "must be at least 2 with at least 1 level, got " + chains + " and " + levels);
    }
    return new Evaluation(
        reference, test, samples, mmdChains, mmdSteps, when, chains, levels, noiseLevel);
  }

  /** The noise level at which a noise-conditional energy is measured (default: its own). */
  public Evaluation atNoiseLevel(double sigma) {
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new InvalidSettingException("noiseLevel", "must be positive, got " + sigma);
    }
    return new Evaluation(
        reference,
        test,
        samples,
        mmdChains,
        mmdSteps,
        ais,
        aisChains,
        aisLevels,
        OptionalDouble.of(sigma));
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
