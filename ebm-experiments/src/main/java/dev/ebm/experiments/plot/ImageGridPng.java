package dev.ebm.experiments.plot;

import dev.ebm.core.train.ImageGrid;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes an {@link ImageGrid} of samples as a PNG: grey for one channel, RGB for three. */
public final class ImageGridPng {

  private ImageGridPng() {}

  /**
   * Writes the grid of the first {@code max} images of {@code samples} ({@code shape} [B, H, W, C],
   * values in [low, high]) into {@code file}.
   */
  public static void write(
      double[] samples, long[] shape, int max, double low, double high, Path file)
      throws IOException {
    ImageGrid grid = ImageGrid.of(samples, shape, max, low, high);
    int type = grid.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
    BufferedImage image = new BufferedImage(grid.width(), grid.height(), type);
    for (int y = 0; y < grid.height(); y++) {
      for (int x = 0; x < grid.width(); x++) {
        int base = (y * grid.width() + x) * grid.channels();
        int r = grid.pixels()[base] & 0xff;
        int g = grid.channels() == 3 ? grid.pixels()[base + 1] & 0xff : r;
        int b = grid.channels() == 3 ? grid.pixels()[base + 2] & 0xff : r;
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
  }
}
