package dev.ebm.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What in a data set of vectors the defaults cannot serve, as one-line warnings that name the fix:
 *
 * <ul>
 *   <li>a constant coordinate (its standard deviation 0): the density has no width along it;
 *   <li>repeated rows, more than {@value #REPEATED_SHARE_PERCENT} % of them: the data looks
 *       discrete or quantised, which a density of continuous data fits as spikes;
 *   <li>unstandardised data far from unit scale ({@link Standardization#farFromUnitScale}): models
 *       and their fitted steps learn best near unit scale.
 * </ul>
 *
 * Images, whose pixel convention is their own, are not checked.
 */
public final class DataWarnings {

  /** The share of repeated rows, in percent, above which they are worth a warning. */
  static final double REPEATED_SHARE_PERCENT = 1;

  private DataWarnings() {}

  /**
   * The warnings for {@code data}, of statistics {@code stats}, which the model trains on
   * standardised or not.
   */
  public static List<String> of(Dataset data, DataStatistics stats, boolean standardized) {
    List<String> warnings = new ArrayList<>();
    if (data.sampleShape().numDimensions() != 1 || data.size() == 0) {
      return warnings;
    }
    double[] mean = stats.mean();
    double[] std = Arrays.stream(stats.variance()).map(Math::sqrt).toArray();
    for (int i = 0; i < std.length; i++) {
      if (std[i] == 0) {
        warnings.add(
            String.format(
                Locale.ROOT,
                "coordinate %d is constant (every value is %s): the density has no width along"
                    + " it; drop that column",
                i,
                mean[i]));
      }
    }
    int repeated = repeatedRows(data);
    if (100.0 * repeated / data.size() > REPEATED_SHARE_PERCENT) {
      warnings.add(
          String.format(
              Locale.ROOT,
              "%d of %d rows (%.1f %%) repeat an earlier row: the data looks discrete or"
                  + " quantised, which a density of continuous data fits as spikes; add noise of"
                  + " the quantisation step to each value (dequantise) or remove the repeats",
              repeated,
              data.size(),
              100.0 * repeated / data.size()));
    }
    double largestMean = Arrays.stream(mean).map(Math::abs).max().orElse(0);
    double largestStd = Arrays.stream(std).max().orElse(0);
    double smallestStd = Arrays.stream(std).filter(s -> s > 0).min().orElse(1);
    if (!standardized && Standardization.farFromUnitScale(stats)) {
      warnings.add(
          String.format(
              Locale.ROOT,
              "the data is far from unit scale (means up to ±%.3g, standard deviations %.3g to"
                  + " %.3g) and trains unstandardised: models learn best near unit scale;"
                  + " standardise it (the default for such data)",
              largestMean,
              smallestStd,
              largestStd));
    }
    return warnings;
  }

  /**
   * The number of rows equal to an earlier row, counted by a 64-bit hash of each row's values (a
   * collision among distinct rows, about n²/2⁶⁵, is neglected).
   */
  private static int repeatedRows(Dataset data) {
    float[] row = new float[data.sampleSize()];
    long[] hashes = new long[data.size()];
    for (int s = 0; s < data.size(); s++) {
      data.copySample(s, row, 0);
      long h = 1125899906842597L;
      for (float v : row) {
        h = 31 * h + Float.floatToIntBits(v);
        h ^= h >>> 29;
        h *= 0xbf58476d1ce4e5b9L;
      }
      hashes[s] = h;
    }
    Arrays.sort(hashes);
    int repeated = 0;
    for (int s = 1; s < hashes.length; s++) {
      if (hashes[s] == hashes[s - 1]) {
        repeated++;
      }
    }
    return repeated;
  }
}
