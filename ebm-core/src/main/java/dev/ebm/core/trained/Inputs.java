package dev.ebm.core.trained;

/** Checks on the points and noise levels handed to an {@link EnergyFunction}. */
final class Inputs {

  private Inputs() {}

  /**
   * The number of points in {@code points} of {@code sampleSize} values each.
   *
   * @throws IllegalArgumentException if the length is not a multiple of the sample size
   */
  static int pointCount(double[] points, int sampleSize) {
    if (points.length % sampleSize != 0) {
      throw new IllegalArgumentException(
          points.length + " values are not a whole number of points of " + sampleSize + " values");
    }
    return points.length / sampleSize;
  }

  /**
   * Returns normally if a noise-conditional energy has one noise level per point.
   *
   * @throws IllegalArgumentException naming what is missing
   */
  static void requireSigmas(boolean noiseConditional, double[] sigmas, int points) {
    if (!noiseConditional) {
      return;
    }
    if (sigmas == null || sigmas.length != points) {
      throw new IllegalArgumentException(
          "a noise-conditional energy needs one noise level per point ("
              + points
              + "), got "
              + (sigmas == null ? "none" : sigmas.length)
              + "; give the noise level at which to evaluate it");
    }
  }
}
