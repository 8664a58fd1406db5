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
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A row of line-chart panels, written as a PNG: each panel has its own title and axes (fitted to
 * its values, the y range labelled) and one or more named series of {@code (x, y)} points, drawn in
 * a fixed sequence of colours and named in a legend.
 */
public final class LinePlot {

  private static final int WIDTH = 360;
  private static final int HEIGHT = 260;
  private static final int MARGIN = 44;
  private static final Color[] COLOURS = {
    new Color(31, 119, 180),
    new Color(255, 127, 14),
    new Color(44, 160, 44),
    new Color(214, 39, 40),
    new Color(148, 103, 189),
    new Color(140, 86, 75)
  };

  private record Series(String name, double[] x, double[] y) {}

  private record Panel(String title, List<Series> series) {}

  private final List<Panel> panels = new ArrayList<>();

  /** Starts a new panel; the series added next belong to it. */
  public LinePlot panel(String title) {
    panels.add(new Panel(title, new ArrayList<>()));
    return this;
  }

  /** Adds a series to the last panel. */
  public LinePlot series(String name, double[] x, double[] y) {
    if (panels.isEmpty()) {
      throw new IllegalStateException("add a panel before its series");
    }
    if (x.length != y.length || x.length == 0) {
      throw new IllegalArgumentException(
          "a series needs as many x as y values, at least one; got "
              + x.length
              + " and "
              + y.length);
    }
    panels.get(panels.size() - 1).series().add(new Series(name, x.clone(), y.clone()));
    return this;
  }

  /** Draws the panels side by side into {@code file}. */
  public void write(Path file) throws IOException {
    BufferedImage image =
        new BufferedImage(WIDTH * Math.max(1, panels.size()), HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int p = 0; p < panels.size(); p++) {
      draw(g, panels.get(p), p * WIDTH);
    }
    g.dispose();
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  private static void draw(Graphics2D g, Panel panel, int left) {
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (Series s : panel.series()) {
      for (int i = 0; i < s.x().length; i++) {
        xMin = Math.min(xMin, s.x()[i]);
        xMax = Math.max(xMax, s.x()[i]);
        yMin = Math.min(yMin, s.y()[i]);
        yMax = Math.max(yMax, s.y()[i]);
      }
    }
    if (!(xMax > xMin)) {
      xMax = xMin + 1;
    }
    if (!(yMax > yMin)) {
      yMax = yMin + 1;
    }
    int plotLeft = left + MARGIN;
    int plotTop = 24;
    int plotWidth = WIDTH - MARGIN - 12;
    int plotHeight = HEIGHT - plotTop - 28;
    g.setColor(Color.DARK_GRAY);
    g.drawString(panel.title(), left + 8, 16);
    g.drawRect(plotLeft, plotTop, plotWidth, plotHeight);
    g.drawString(String.format(Locale.ROOT, "%.3g", yMax), left + 2, plotTop + 10);
    g.drawString(String.format(Locale.ROOT, "%.3g", yMin), left + 2, plotTop + plotHeight);
    g.drawString(String.format(Locale.ROOT, "%.0f", xMin), plotLeft, plotTop + plotHeight + 14);
    String last = String.format(Locale.ROOT, "%.0f", xMax);
    g.drawString(last, plotLeft + plotWidth - 8 * last.length(), plotTop + plotHeight + 14);
    g.setStroke(new BasicStroke(1.6f));
    for (int k = 0; k < panel.series().size(); k++) {
      Series s = panel.series().get(k);
      g.setColor(COLOURS[k % COLOURS.length]);
      int previousX = -1;
      int previousY = -1;
      for (int i = 0; i < s.x().length; i++) {
        int px = plotLeft + (int) Math.round((s.x()[i] - xMin) / (xMax - xMin) * plotWidth);
        int py =
            plotTop + plotHeight - (int) Math.round((s.y()[i] - yMin) / (yMax - yMin) * plotHeight);
        if (i > 0) {
          g.drawLine(previousX, previousY, px, py);
        }
        g.fillOval(px - 2, py - 2, 4, 4);
        previousX = px;
        previousY = py;
      }
      g.drawString(s.name(), plotLeft + 8, plotTop + 16 + 14 * k);
    }
  }
}
