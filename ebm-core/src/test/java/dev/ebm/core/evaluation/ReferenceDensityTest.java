package dev.ebm.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.trained.EnergyFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;

/**
 * A tabulated reference density against energies with known answers: the same density (KL 0), a
 * shifted Gaussian (KL = |Δμ|²/2σ²), and files that are not a regular grid, refused by name.
 */
class ReferenceDensityTest {

  @TempDir Path dir;

  /** {@code E(x) = |x − shift|²/2} in 2-D: the standard normal moved by {@code shift}. */
  private static EnergyFunction gaussian(double shiftX, double shiftY) {
    return new EnergyFunction() {
      @Override
      public Shape sampleShape() {
        return Shape.of(2);
      }

      @Override
      public boolean isNoiseConditional() {
        return false;
      }

      @Override
      public double[] energies(double[] x, double[] sigma) {
        double[] e = new double[x.length / 2];
        for (int i = 0; i < e.length; i++) {
          double dx = x[2 * i] - shiftX;
          double dy = x[2 * i + 1] - shiftY;
          e[i] = 0.5 * (dx * dx + dy * dy);
        }
        return e;
      }

      @Override
      public double[] scores(double[] x, double[] sigma) {
        throw new UnsupportedOperationException();
      }

      @Override
      public OptionalDouble logPartition() {
        return OptionalDouble.empty();
      }

      @Override
      public String describe() {
        return "gaussian";
      }

      @Override
      public void close() {}
    };
  }

  /**
   * The standard normal's log density (up to a constant) on a grid over [−8, 8]², rows shuffled.
   */
  private Path standardNormalTable(int n) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int ix = n - 1; ix >= 0; ix--) {
      for (int iy = 0; iy < n; iy++) {
        double x = -8 + 16.0 * ix / (n - 1);
        double y = -8 + 16.0 * iy / (n - 1);
        text.append(String.format(Locale.ROOT, "%.6f,%.6f,%.9g%n", x, y, -0.5 * (x * x + y * y)));
      }
    }
    return Files.writeString(dir.resolve("density.csv"), text);
  }

  @Test
  void theSameDensityHasNoDivergenceAndAShiftedOneTheClosedFormKl() throws IOException {
    ReferenceDensity reference = ReferenceDensity.read(standardNormalTable(161), 2);
    assertEquals(0.1 * 0.1, reference.cellVolume(), 1e-9);
    DensityComparison same = reference.compare(gaussian(0, 0), OptionalDouble.empty());
    assertEquals(0, same.kl(), 1e-6);
    assertEquals(0, same.totalVariation(), 1e-6);
    // KL(N(0, I) ‖ N((0.6, −0.3), I)) = (0.36 + 0.09)/2.
    DensityComparison shifted = reference.compare(gaussian(0.6, -0.3), OptionalDouble.empty());
    assertEquals(0.225, shifted.kl(), 1e-5);
    assertTrue(shifted.totalVariation() > 0.1, shifted.toString());
  }

  @Test
  void aFileThatIsNotARegularGridIsRefusedSayingWhy() throws IOException {
    Path columns = Files.writeString(dir.resolve("columns.csv"), "0,0\n1,1\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReferenceDensity.read(columns, 2));
    assertTrue(e.getMessage().contains("has 2 columns"), e.getMessage());

    Path uneven =
        Files.writeString(dir.resolve("uneven.csv"), "0,0,0\n0,1,0\n1,0,0\n1,1,0\n3,0,0\n3,1,0\n");
    e = assertThrows(IllegalArgumentException.class, () -> ReferenceDensity.read(uneven, 2));
    assertTrue(e.getMessage().contains("not equally spaced"), e.getMessage());

    Path missing = Files.writeString(dir.resolve("missing.csv"), "0,0,0\n0,1,0\n1,0,0\n");
    e = assertThrows(IllegalArgumentException.class, () -> ReferenceDensity.read(missing, 2));
    assertTrue(e.getMessage().contains("every combination"), e.getMessage());
  }
}
