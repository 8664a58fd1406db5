package dev.ebm.methods;

import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.toy.Normal;
import dev.ebm.core.sampling.AnnealedLangevinSampler;
import dev.ebm.core.sampling.NoiseSchedule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The noise schedule and annealed sampler of {@code ncsn} as configured: every setting given, or
 * the schedule's ends and the step left to fit the training data, resolved when its statistics are
 * known:
 *
 * <ul>
 *   <li>{@code σ₁ = 2·√(2 tr Σ)}, twice the root-mean-square distance between two data points (Song
 *       &amp; Ermon 2020, technique 1: σ₁ about as large as the largest such distance, so that the
 *       first level mixes across the whole data set);
 *   <li>{@code σ_L = 0.07·s}, {@code s} the data's root-mean-square standard deviation: small
 *       against the data's spread (smoothing a curved mixture by {@code 0.1·s} alone puts it 0.037
 *       nats from the exact density), yet trained by enough of the samples for the energy at {@code
 *       σ_L} to be the model of the data (at {@code ncsn}'s default batch of 512, {@code 0.05·s}
 *       left the uneven mixture at 0.064 nats, {@code 0.07·s} at 0.036);
 *   <li>{@code L}, the number of levels: the fewest (at least 2) whose ratio {@code γ = σᵢ₋₁/σᵢ}
 *       meets Song &amp; Ermon's 2020 technique 2, {@code Φ(√(2d)(γ − 1) + 3γ) − Φ(√(2d)(γ − 1) −
 *       3γ) ≥ ½} for data of {@code d} coordinates: neighbouring levels overlap enough for the
 *       annealed chains to pass from one to the next. In 2-D any ratio does (L = 2); for 28×28
 *       images it takes γ ≈ 1.08, about a hundred levels. Fewer levels leave more of each batch to
 *       the small ones: on the defaults-check data 10 levels gave KL 0.107, 3 levels 0.073, 2
 *       levels 0.076;
 *   <li>{@code ε = 0.2·σ_L²}: the ratio {@code α/σ² = ε/σ_L² = 0.2} of the paper's image setting
 *       ({@code ε = 2e-5} at {@code σ_L = 0.01}), at every level and any scale.
 * </ul>
 *
 * @param sigmaMax σ₁, if given
 * @param sigmaMin σ_L, if given
 * @param levels L, if given
 * @param stepsPerLevel T
 * @param epsilon ε, if given
 * @param convention how the step enters the update
 * @param denoise whether sampling ends with the denoising step
 */
public record AnnealingSettings(
    OptionalDouble sigmaMax,
    OptionalDouble sigmaMin,
    OptionalInt levels,
    int stepsPerLevel,
    OptionalDouble epsilon,
    AnnealedLangevinSampler.Convention convention,
    boolean denoise) {

  /** σ₁ per unit of the RMS distance between two data points, when fitted. */
  public static final double SIGMA_MAX_PER_PAIR_DISTANCE = 2;

  /** σ_L per unit of the data's RMS standard deviation, when fitted. */
  public static final double SIGMA_MIN_PER_DATA_STD = 0.07;

  /** The most levels the fitted rule chooses. */
  public static final int MAX_FITTED_LEVELS = 1000;

  /** ε per σ_L², when fitted: the paper's α/σ² at every level. */
  public static final double EPSILON_PER_SIGMA_MIN_SQUARED = 0.2;

  /** The settings of a sampler whose every setting is given. */
  public static AnnealingSettings given(AnnealedLangevinSampler sampler) {
    return new AnnealingSettings(
        OptionalDouble.of(sampler.schedule().largest()),
        OptionalDouble.of(sampler.schedule().smallest()),
        OptionalInt.of(sampler.schedule().levels()),
        sampler.stepsPerLevel(),
        OptionalDouble.of(sampler.epsilon()),
        sampler.convention(),
        sampler.denoise());
  }

  /** The noise levels for {@code data}. */
  public NoiseSchedule schedule(DataStatistics data) {
    double smallest = sigmaMin.orElse(SIGMA_MIN_PER_DATA_STD * data.rmsStandardDeviation());
    double fittedLargest = SIGMA_MAX_PER_PAIR_DISTANCE * data.rmsPairDistance();
    double largest = sigmaMax.orElse(fittedLargest > smallest ? fittedLargest : 10 * smallest);
    int count = levels.orElseGet(() -> fittedLevels(largest / smallest, data.dimension()));
    return NoiseSchedule.geometric(largest, smallest, count);
  }

  /**
   * The fewest levels, at least 2, whose common ratio meets technique 2 in {@code d} dimensions.
   */
  static int fittedLevels(double range, int d) {
    for (int count = 2; count < MAX_FITTED_LEVELS; count++) {
      double gamma = Math.pow(range, 1.0 / (count - 1));
      double shift = Math.sqrt(2.0 * d) * (gamma - 1);
      if (Normal.cdf(shift + 3 * gamma) - Normal.cdf(shift - 3 * gamma) >= 0.5) {
        return count;
      }
    }
    return MAX_FITTED_LEVELS;
  }

  /** The annealed sampler for {@code data}. */
  public AnnealedLangevinSampler sampler(DataStatistics data) {
    NoiseSchedule schedule = schedule(data);
    double smallest = schedule.smallest();
    return new AnnealedLangevinSampler(
        schedule,
        stepsPerLevel,
        epsilon.orElse(EPSILON_PER_SIGMA_MIN_SQUARED * smallest * smallest),
        convention,
        denoise,
        Optional.empty());
  }

  /** For provenance: the given settings, and the rules of the fitted ones. */
  Map<String, Object> describe() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put(
        "sigma_max",
        sigmaMax.isPresent()
            ? (Object) sigmaMax.getAsDouble()
            : SIGMA_MAX_PER_PAIR_DISTANCE + " x the RMS distance between data points");
    c.put(
        "sigma_min",
        sigmaMin.isPresent()
            ? (Object) sigmaMin.getAsDouble()
            : SIGMA_MIN_PER_DATA_STD + " x the data's RMS standard deviation");
    c.put(
        "levels",
        levels.isPresent()
            ? (Object) levels.getAsInt()
            : "the fewest whose ratio meets Song & Ermon 2020's technique 2");
    c.put("steps_per_level", stepsPerLevel);
    c.put(
        "epsilon",
        epsilon.isPresent()
            ? (Object) epsilon.getAsDouble()
            : EPSILON_PER_SIGMA_MIN_SQUARED + " x sigma_min^2");
    c.put("convention", convention.name().toLowerCase(java.util.Locale.ROOT));
    c.put("denoise", denoise);
    return c;
  }
}
