package dev.ebm.experiments.plot;

import java.awt.BasicStroke;
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
 * A row of 2-D vector fields on a shared square window, written as a PNG: each panel draws an arrow
 * at every given point, scaled so that the panel's longest vector spans one grid cell, over an
 * optional grey shading (e.g. the data density) — how Song &amp; Ermon's Fig. 2 shows scores.
 */
public final class QuiverPlot {

  private static final int PANEL = 360;
  private static final int TITLE = 28;

  private record Panel(String title, double[] points, double[] vectors, double cell) {}

  private final double halfWidth;
  private final List<Panel> panels = new ArrayList<>();

  /** Panels showing {@code [−halfWidth, halfWidth]²}. */
  public QuiverPlot(double halfWidth) {
    this.halfWidth = halfWidth;
  }

  /**
   * Adds a panel of vectors {@code (u₀, v₀, …)} at points {@code (x₀, y₀, …)}; {@code cell} is the
   * spacing of the points, the length the longest vector is drawn with.
   */
  public QuiverPlot panel(String title, double[] points, double[] vectors, double cell) {
    if (points.length != vectors.length) {
      throw new IllegalArgumentException(
          "one vector per point: " + points.length / 2 + " points, " + vectors.length / 2);
    }
    panels.add(new Panel(title, points.clone(), vectors.clone(), cell));
    return this;
  }

  /** Draws the panels side by side into {@code file}. */
  public void write(Path file) throws IOException {
    BufferedImage image =
        new BufferedImage(PANEL * panels.size(), PANEL + TITLE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int p = 0; p < panels.size(); p++) {
      Panel panel = panels.get(p);
      int left = p * PANEL;
      g.setColor(Color.DARK_GRAY);
      g.drawString(panel.title(), left + 8, 18);
      g.drawRect(left + 4, TITLE, PANEL - 8, PANEL - 4);
      double longest = 0;
      for (int i = 0; i < panel.vectors().length; i += 2) {
        longest = Math.max(longest, Math.hypot(panel.vectors()[i], panel.vectors()[i + 1]));
      }
      double pixelsPerUnit = (PANEL - 8) / (2 * halfWidth);
      double scale = longest > 0 ? panel.cell() / longest * pixelsPerUnit : 0;
      g.setColor(new Color(31, 119, 180));
      g.setStroke(new BasicStroke(1.2f));
      for (int i = 0; i < panel.points().length; i += 2) {
        double x0 = left + 4 + (panel.points()[i] + halfWidth) * pixelsPerUnit;
        double y0 = TITLE + (halfWidth - panel.points()[i + 1]) * pixelsPerUnit;
        double dx = panel.vectors()[i] * scale;
        double dy = -panel.vectors()[i + 1] * scale;
        arrow(g, x0, y0, x0 + dx, y0 + dy);
      }
    }
    g.dispose();
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  private static void arrow(Graphics2D g, double x0, double y0, double x1, double y1) {
    g.drawLine((int) x0, (int) y0, (int) x1, (int) y1);
    double length = Math.hypot(x1 - x0, y1 - y0);
    if (length < 2) {
      return;
    }
    double ux = (x1 - x0) / length;
    double uy = (y1 - y0) / length;
    double head = Math.min(4, length / 2);
    g.drawLine(
        (int) x1,
        (int) y1,
        (int) (x1 - head * (ux - 0.5 * uy)),
        (int) (y1 - head * (uy + 0.5 * ux)));
    g.drawLine(
        (int) x1,
        (int) y1,
        (int) (x1 - head * (ux + 0.5 * uy)),
        (int) (y1 - head * (uy - 0.5 * ux)));
  }
}
