package dev.ebm.core.train;

/**
 * Tiles up to n images {@code [B, H, W, C]} into one {@code rows × cols} grid with a one-pixel
 * border, mapping values in {@code [low, high]} to bytes {@code [0, 255]} (clipped).
 *
 * @param pixels row-major {@code [height, width, channels]}
 * @param height grid height
 * @param width grid width
 * @param channels channels
 */
public record ImageGrid(byte[] pixels, int height, int width, int channels) {

  /** The grid of the first {@code max} images of {@code samples}. */
  public static ImageGrid of(double[] samples, long[] shape, int max, double low, double high) {
    int n = (int) Math.min(max, shape[0]);
    int h = (int) shape[1];
    int w = (int) shape[2];
    int c = (int) shape[3];
    int cols = (int) Math.ceil(Math.sqrt(n));
    int rows = (int) Math.ceil(n / (double) cols);
    int gridH = rows * (h + 1) + 1;
    int gridW = cols * (w + 1) + 1;
    byte[] pixels = new byte[gridH * gridW * c];
    for (int k = 0; k < n; k++) {
      int top = 1 + (k / cols) * (h + 1);
      int left = 1 + (k % cols) * (w + 1);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int ch = 0; ch < c; ch++) {
            double v = samples[((k * h + y) * w + x) * c + ch];
            int byteValue = (int) Math.round(255 * (v - low) / (high - low));
            pixels[((top + y) * gridW + left + x) * c + ch] =
                (byte) Math.max(0, Math.min(255, byteValue));
          }
        }
      }
    }
    return new ImageGrid(pixels, gridH, gridW, c);
  }
}
