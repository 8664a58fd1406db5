package dev.ebm.core.trained;

import dev.ebm.core.diagnostics.ChainDiagnostics;
import dev.ebm.core.diagnostics.KernelSteinDiscrepancy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ebm sample} reports about its chains: from the states recorded over time, the
 * effective sample size and split R̂ of the energy and of every coordinate (the smallest ESS and
 * the largest R̂ over coordinates, and their medians), and the kernel Stein discrepancy of the
 * final samples against the energy's score ({@link KernelSteinDiscrepancy}, on at most {@link
 * #KSD_SAMPLES} of them).
 *
 * <p>R̂ compares each chain's own spread over the recorded stretch with the spread across chains:
 * it is near 1 only when every chain alone explores the distribution in that stretch. Many short
 * chains started apart can be in equilibrium together (their final states fine samples) with R̂
 * well above 1; a Metropolis sampler with an adapted step usually mixes each chain.
 */
public final class SampleDiagnostics {

  /** The most samples the kernel Stein discrepancy is computed on (its cost is quadratic). */
  public static final int KSD_SAMPLES = 1000;

  private SampleDiagnostics() {}

  /**
   * The chain diagnostics of {@code trace}: its recorded states in order, each {@code [B, d]}
   * row-major. An empty map when fewer than {@link ChainDiagnostics#MIN_DRAWS} were recorded.
   */
  public static Map<String, Object> ofTrace(EnergyFunction energy, List<double[]> trace) {
    Map<String, Object> out = new LinkedHashMap<>();
    int length = trace.size();
    if (length < ChainDiagnostics.MIN_DRAWS) {
      return out;
    }
    int d = energy.sampleSize();
    int chains = trace.get(0).length / d;
    double[][] energies = new double[chains][length];
    for (int r = 0; r < length; r++) {
      double[] e = energy.energies(trace.get(r), null);
      for (int c = 0; c < chains; c++) {
        energies[c][r] = e[c];
      }
    }
    out.put("trace_draws_per_chain", length);
    out.put("ess_energy", ChainDiagnostics.effectiveSampleSize(energies));
    out.put("rhat_energy", ChainDiagnostics.splitRHat(energies));
    double[] ess = new double[d];
    double[] rHat = new double[d];
    double[][] coordinate = new double[chains][length];
    for (int i = 0; i < d; i++) {
      for (int r = 0; r < length; r++) {
        double[] states = trace.get(r);
        for (int c = 0; c < chains; c++) {
          coordinate[c][r] = states[c * d + i];
        }
      }
      ess[i] = ChainDiagnostics.effectiveSampleSize(coordinate);
      rHat[i] = ChainDiagnostics.splitRHat(coordinate);
    }
    double[] sortedEss = ess.clone();
    double[] sortedRHat = rHat.clone();
    Arrays.sort(sortedEss);
    Arrays.sort(sortedRHat);
    out.put("ess_min_coordinate", sortedEss[0]);
    out.put("ess_median_coordinate", sortedEss[d / 2]);
    out.put("rhat_max_coordinate", sortedRHat[d - 1]);
    out.put("rhat_median_coordinate", sortedRHat[d / 2]);
    out.put("draws", (double) chains * length);
    return out;
  }

  /** KSD² of (up to {@link #KSD_SAMPLES} of) {@code samples} against the energy's score. */
  public static Map<String, Object> ofSamples(EnergyFunction energy, double[] samples) {
    int d = energy.sampleSize();
    int n = Math.min(samples.length / d, KSD_SAMPLES);
    double[] used = Arrays.copyOf(samples, n * d);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ksd2", KernelSteinDiscrepancy.squared(used, energy.scores(used, null), d));
    out.put("ksd_samples", n);
    return out;
  }
}
