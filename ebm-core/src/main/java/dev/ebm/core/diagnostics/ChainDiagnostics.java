package dev.ebm.core.diagnostics;

/**
 * Convergence diagnostics of {@code M} Markov chains of one scalar, {@code chains[m][n]} (Vehtari,
 * Gelman, Simpson, Carpenter &amp; Bürkner 2021, without the rank normalisation). With chain means
 * {@code θ̄_m}, within-chain variance {@code W} (mean of the chains' unbiased variances), between-
 * chain variance {@code B/N} (variance of the chain means) and
 *
 * <pre>
 *   var⁺ = (N − 1)/N · W + B/N
 * </pre>
 *
 * <ul>
 *   <li>split R̂ = √(var⁺ / W) computed on the chains cut in halves (1 when the chains agree);
 *   <li>effective sample size {@code ESS = M N / τ}, {@code τ = −1 + 2 Σ_k P_k}, with the
 *       autocorrelations {@code ρ̂_t = 1 − (W − γ̄_t) / var⁺} ({@code γ̄_t} the chains' mean
 *       autocovariance at lag t) summed in pairs {@code P_k = ρ̂_{2k} + ρ̂_{2k+1}} while positive
 *       and made monotone (Geyer's initial monotone sequence).
 * </ul>
 */
public final class ChainDiagnostics {

  /** The fewest draws per chain the diagnostics are computed from. */
  public static final int MIN_DRAWS = 4;

  private ChainDiagnostics() {}

  /** The effective sample size of all draws together. */
  public static double effectiveSampleSize(double[][] chains) {
    int m = chains.length;
    int n = draws(chains);
    double[] means = new double[m];
    double within = 0;
    for (int c = 0; c < m; c++) {
      means[c] = mean(chains[c]);
      within += autocovariance(chains[c], means[c], 0) * n / (n - 1);
    }
    within /= m;
    double varPlus = (n - 1.0) / n * within + (m > 1 ? variance(means) : 0);
    if (!(varPlus > 0)) {
      return Double.NaN;
    }
    double tau = -1;
    double previousPair = Double.POSITIVE_INFINITY;
    for (int t = 0; t + 1 < n; t += 2) {
      double pair =
          rho(chains, means, within, varPlus, t) + rho(chains, means, within, varPlus, t + 1);
      if (!(pair > 0)) {
        break;
      }
      pair = Math.min(pair, previousPair);
      tau += 2 * pair;
      previousPair = pair;
    }
    return (double) m * n / Math.max(tau, 1.0 / Math.log10((double) m * n));
  }

  /** Split R̂: {@code √(var⁺ / W)} of the chains cut in halves. */
  public static double splitRHat(double[][] chains) {
    int n = draws(chains) / 2;
    double[][] halves = new double[2 * chains.length][];
    for (int c = 0; c < chains.length; c++) {
      halves[2 * c] = java.util.Arrays.copyOfRange(chains[c], 0, n);
      halves[2 * c + 1] =
          java.util.Arrays.copyOfRange(chains[c], chains[c].length - n, chains[c].length);
    }
    double[] means = new double[halves.length];
    double within = 0;
    for (int c = 0; c < halves.length; c++) {
      means[c] = mean(halves[c]);
      within += autocovariance(halves[c], means[c], 0) * n / (n - 1);
    }
    within /= halves.length;
    double varPlus = (n - 1.0) / n * within + variance(means);
    return within > 0 ? Math.sqrt(varPlus / within) : Double.NaN;
  }

  private static int draws(double[][] chains) {
    if (chains.length == 0) {
      throw new IllegalArgumentException("no chains");
    }
    int n = chains[0].length;
    for (double[] chain : chains) {
      if (chain.length != n) {
        throw new IllegalArgumentException(
            "chains must have equal lengths, got " + n + " and " + chain.length);
      }
    }
    if (n < MIN_DRAWS) {
      throw new IllegalArgumentException(
          "chain diagnostics need at least " + MIN_DRAWS + " draws per chain, got " + n);
    }
    return n;
  }

  private static double rho(
      double[][] chains, double[] means, double within, double varPlus, int lag) {
    double meanAutocovariance = 0;
    for (int c = 0; c < chains.length; c++) {
      meanAutocovariance += autocovariance(chains[c], means[c], lag);
    }
    meanAutocovariance /= chains.length;
    return lag == 0 ? 1 : 1 - (within - meanAutocovariance) / varPlus;
  }

  /** {@code (1/N) Σ_{n < N − t} (x_n − x̄)(x_{n+t} − x̄)}. */
  private static double autocovariance(double[] x, double mean, int lag) {
    double sum = 0;
    for (int i = 0; i + lag < x.length; i++) {
      sum += (x[i] - mean) * (x[i + lag] - mean);
    }
    return sum / x.length;
  }

  private static double mean(double[] x) {
    double sum = 0;
    for (double v : x) {
      sum += v;
    }
    return sum / x.length;
  }

  /** The unbiased variance. */
  private static double variance(double[] x) {
    double mean = mean(x);
    double sum = 0;
    for (double v : x) {
      sum += (v - mean) * (v - mean);
    }
    return sum / (x.length - 1);
  }
}
