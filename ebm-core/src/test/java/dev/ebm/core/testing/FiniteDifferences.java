package dev.ebm.core.testing;

import java.util.function.ToDoubleFunction;

/** Central finite differences, as the gradient checks use them. */
public final class FiniteDifferences {

  /** The step that balances truncation and round-off error for central differences in float64. */
  public static final double DEFAULT_STEP = 1e-5;

  private FiniteDifferences() {}

  /**
   * A central difference quotient {@code (f₊ − f₋) / 2h} with the two values it was formed from.
   *
   * @param value the quotient
   * @param plus {@code f(x + h eᵢ)}
   * @param minus {@code f(x − h eᵢ)}
   */
  public record Quotient(double value, double plus, double minus) {}

  /** The central difference quotient of {@code f} along coordinate {@code i} at {@code x}. */
  public static Quotient centralQuotient(
      ToDoubleFunction<double[]> f, double[] x, int i, double h) {
    double[] probe = x.clone();
    probe[i] = x[i] + h;
    double plus = f.applyAsDouble(probe);
    probe[i] = x[i] - h;
    double minus = f.applyAsDouble(probe);
    return new Quotient((plus - minus) / (2 * h), plus, minus);
  }

  /**
   * The standard deviation {@code σ} of the rounding noise in evaluations of {@code f} near {@code
   * x}, after Moré &amp; Wild (2011, "Estimating computational noise"): {@code f} is evaluated at
   * {@code x + jδeᵢ}, {@code j = 0…8}, with {@code δ} so small that the {@code k}-th differences of
   * the smooth part ({@code δᵏ f⁽ᵏ⁾}) vanish; what is left of them is noise of variance {@code
   * C(2k, k)·σ²}. Returns the largest estimate over {@code k = 3, 4, 5}.
   */
  public static double noise(ToDoubleFunction<double[]> f, double[] x, int i) {
    double delta = NOISE_PROBE_STEP * Math.max(1, Math.abs(x[i]));
    double[] probe = x.clone();
    double[] values = new double[9];
    for (int j = 0; j < values.length; j++) {
      probe[i] = x[i] + j * delta;
      values[j] = f.applyAsDouble(probe);
    }
    double sigma = 0;
    double[] differences = values;
    for (int k = 1; k <= 5; k++) {
      double[] next = new double[differences.length - 1];
      for (int j = 0; j < next.length; j++) {
        next[j] = differences[j + 1] - differences[j];
      }
      differences = next;
      if (k >= 3) {
        double meanSquare = 0;
        for (double d : differences) {
          meanSquare += d * d / differences.length;
        }
        sigma = Math.max(sigma, Math.sqrt(meanSquare / binomial(2 * k, k)));
      }
    }
    return sigma;
  }

  /** The probe step of {@link #noise}, relative to {@code max(1, |xᵢ|)}. */
  static final double NOISE_PROBE_STEP = 1e-8;

  private static double binomial(int n, int k) {
    double c = 1;
    for (int j = 1; j <= k; j++) {
      c = c * (n - k + j) / j;
    }
    return c;
  }
}
