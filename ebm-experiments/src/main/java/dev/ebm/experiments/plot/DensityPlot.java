package dev.ebm.experiments.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A row of 2-D densities as heat maps, written as a PNG: each panel is a log density on a regular
 * grid ({@code nx × ny} values, x fastest, y upwards), shown as {@code exp(log p − max)} from white
 * (0) to dark blue (the panel's maximum), so that panels with different normalisers compare by
 * shape.
 */
public final class DensityPlot {

  private static final int PANEL = 320;
  private static final int TITLE = 28;

  private record Panel(String title, double[] logDensity, int nx, int ny) {}

  private final List<Panel> panels = new ArrayList<>();

  /** Adds a panel of {@code nx × ny} log densities, x fastest, the first row at the bottom. */
  public DensityPlot panel(String title, double[] logDensity, int nx, int ny) {
    if (logDensity.length != nx * ny) {
      throw new IllegalArgumentException(
          "a " + nx + " x " + ny + " panel needs " + nx * ny + " values, got " + logDensity.length);
    }
    panels.add(new Panel(title, logDensity.clone(), nx, ny));
    return this;
  }

  /** Draws the panels side by side into {@code file}. */
  public void write(Path file) throws IOException {
    BufferedImage image =
        new BufferedImage(PANEL * panels.size(), PANEL + TITLE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int p = 0; p < panels.size(); p++) {
      Panel panel = panels.get(p);
      int left = p * PANEL;
      g.setColor(Color.DARK_GRAY);
      g.drawString(panel.title(), left + 8, 18);
      double max = Double.NEGATIVE_INFINITY;
      for (double v : panel.logDensity()) {
        max = Math.max(max, v);
      }
      int side = PANEL - 8;
      for (int py = 0; py < side; py++) {
        int iy = (int) ((long) (side - 1 - py) * panel.ny() / side);
        for (int px = 0; px < side; px++) {
          int ix = (int) ((long) px * panel.nx() / side);
          double share = Math.exp(panel.logDensity()[iy * panel.nx() + ix] - max);
          image.setRGB(left + 4 + px, TITLE + py, shade(Double.isNaN(share) ? 0 : share));
        }
      }
    }
    g.dispose();
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  /** White at 0 to dark blue at 1. */
  private static int shade(double share) {
    double t = Math.sqrt(Math.max(0, Math.min(1, share)));
    int r = (int) Math.round(255 + t * (8 - 255));
    int gr = (int) Math.round(255 + t * (48 - 255));
    int b = (int) Math.round(255 + t * (107 - 255));
    return (r << 16) | (gr << 8) | b;
  }
}
