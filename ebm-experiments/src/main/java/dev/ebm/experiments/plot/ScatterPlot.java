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
 * A row of 2-D scatter panels on a shared square window, written as a PNG: what a person looks at
 * to judge samples against data.
 */
public final class ScatterPlot {

  private static final int PANEL = 320;
  private static final int TITLE = 28;

  private record Panel(String title, double[] points) {}

  private final double halfWidth;
  private final List<Panel> panels = new ArrayList<>();

  /** Panels showing {@code [−halfWidth, halfWidth]²}. */
  public ScatterPlot(double halfWidth) {
    this.halfWidth = halfWidth;
  }

  /** Adds a panel of points {@code (x₀, y₀, x₁, y₁, …)}. */
  public ScatterPlot panel(String title, double[] points) {
    panels.add(new Panel(title, points.clone()));
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
      int left = p * PANEL;
      g.setColor(Color.DARK_GRAY);
      g.drawString(panels.get(p).title(), left + 8, 18);
      g.setStroke(new BasicStroke(1));
      g.drawRect(left + 4, TITLE, PANEL - 8, PANEL - 4);
      g.setColor(new Color(31, 119, 180, 90));
      double[] pts = panels.get(p).points();
      for (int i = 0; i + 1 < pts.length; i += 2) {
        int px = left + 4 + (int) Math.round((pts[i] + halfWidth) / (2 * halfWidth) * (PANEL - 8));
        int py = TITLE + (int) Math.round((halfWidth - pts[i + 1]) / (2 * halfWidth) * (PANEL - 4));
        if (px > left + 4 && px < left + PANEL - 4 && py > TITLE && py < TITLE + PANEL - 4) {
          g.fillOval(px - 2, py - 2, 4, 4);
        }
      }
    }
    g.dispose();
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
  }
}
