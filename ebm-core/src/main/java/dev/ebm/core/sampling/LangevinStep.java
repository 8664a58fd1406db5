package dev.ebm.core.sampling;

/**
 * One Langevin update in our convention, {@code x ← x − (ε²/2)∇ₓE(x) + τ·ε·z} with {@code z ~ N(0,
 * I)}: drift coefficient {@code λ = ε²/2} and noise standard deviation {@code τ·ε}. With τ = 1 the
 * chain targets {@code p ∝ exp(−E)}; in general it targets {@code exp(−E/τ²)}.
 *
 * <p>The papers write the same update in other ways; each factory names its source and maps it
 * exactly:
 *
 * <ul>
 *   <li>{@link #fromDriftAndNoise}: any {@code x ← x − λ∇E + σ_z·z}: {@code ε = √(2λ), τ =
 *       σ_z/√(2λ)}.
 *   <li>{@link #fromNcsnImage}: Song &amp; Ermon's image sampler {@code x ← x + α·s + √(2α)·z}
 *       ({@code s = −∇E}): {@code ε = √(2α), τ = 1}.
 *   <li>{@link #fromNcsnToy}: their toy script {@code x ← x + (α/2)·s + √α·z}: {@code ε = √α, τ =
 *       1}.
 *   <li>{@link #fromAnatomy}: Nijkamp et al.'s code {@code x ← x − ∇f + ε_a·z}: {@code ε = √2, τ =
 *       ε_a/√2} (so their {@code f} is sampled at temperature {@code ε_a²/2}).
 * </ul>
 *
 * @param epsilon the step size ε
 * @param tau the noise scale τ
 */
public record LangevinStep(double epsilon, double tau) {

  public LangevinStep {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("Langevin step size ε must be positive, got " + epsilon);
    }
    if (!(tau >= 0) || Double.isInfinite(tau)) {
      throw new IllegalArgumentException("Langevin noise scale τ must be >= 0, got " + tau);
    }
  }

  /** {@code x ← x − λ∇E + σ_z·z}. */
  public static LangevinStep fromDriftAndNoise(double drift, double noiseStd) {
    if (!(drift > 0)) {
      throw new IllegalArgumentException("drift coefficient must be positive, got " + drift);
    }
    double epsilon = Math.sqrt(2 * drift);
    return new LangevinStep(epsilon, noiseStd / epsilon);
  }

  /** NCSN's image sampler, {@code x ← x + α·s + √(2α)·z}. */
  public static LangevinStep fromNcsnImage(double alpha) {
    return fromDriftAndNoise(alpha, Math.sqrt(2 * alpha));
  }

  /** NCSN's toy script, {@code x ← x + (α/2)·s + √α·z}. */
  public static LangevinStep fromNcsnToy(double alpha) {
    return fromDriftAndNoise(alpha / 2, Math.sqrt(alpha));
  }

  /** The Anatomy code, {@code x ← x − ∇f + ε_a·z}. */
  public static LangevinStep fromAnatomy(double epsilonA) {
    return fromDriftAndNoise(1.0, epsilonA);
  }

  /** The drift coefficient {@code λ = ε²/2}. */
  public double drift() {
    return epsilon * epsilon / 2;
  }

  /** The standard deviation of the injected noise, {@code τ·ε}. */
  public double noiseStd() {
    return tau * epsilon;
  }

  /** For provenance: the update written out with this step's numbers. */
  public String describe() {
    return "x <- x - "
        + compact(drift())
        + " * grad E(x) + "
        + compact(noiseStd())
        + " * z  (epsilon="
        + compact(epsilon)
        + ", tau="
        + compact(tau)
        + ")";
  }

  /** Six significant digits without trailing zeros. */
  private static String compact(double value) {
    return new java.math.BigDecimal(value)
        .round(new java.math.MathContext(6))
        .stripTrailingZeros()
        .toPlainString();
  }
}
