package dev.ebm.core.sampling;

/**
 * The box {@code [low, high]} (every coordinate) that chains are clipped to after each step, e.g.
 * the data range of images.
 *
 * @param low the lower bound
 * @param high the upper bound
 */
public record ClampRange(double low, double high) {
  public ClampRange {
    if (!(high > low)) {
      throw new IllegalArgumentException("clamp range needs high > low, got " + low + ", " + high);
    }
  }
}
