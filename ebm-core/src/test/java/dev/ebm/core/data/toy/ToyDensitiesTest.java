package dev.ebm.core.data.toy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every toy density integrates to one on a fine grid, its samples follow it (total variation
 * between a histogram of samples and the density's bin masses), and sampling is seeded.
 */
class ToyDensitiesTest {

  static java.util.List<String> names() {
    return ToyDensities.names();
  }

  @ParameterizedTest
  @MethodSource("names")
  void densityIntegratesToOne(String name) {
    ToyDensity density = ToyDensities.byName(name);
    double h = density.halfWidth();
    Grid2d grid = Grid2d.square(h, (int) Math.ceil(2 * h / 0.025));
    double total = 0;
    for (double logP : density.logDensity(grid)) {
      total += Math.exp(logP);
    }
    total *= grid.cellArea();
    assertEquals(1.0, total, 2e-3, name + " integrates to " + total);
  }

  @ParameterizedTest
  @MethodSource("names")
  void samplesFollowTheDensity(String name) {
    ToyDensity density = ToyDensities.byName(name);
    double h = density.halfWidth();
    int bins = 16;
    int n = 200_000;
    double[] samples = density.sample(n, 11);
    double[] histogram = new double[bins * bins];
    for (int i = 0; i < n; i++) {
      int bx = (int) Math.floor((samples[2 * i] + h) / (2 * h) * bins);
      int by = (int) Math.floor((samples[2 * i + 1] + h) / (2 * h) * bins);
      if (bx >= 0 && bx < bins && by >= 0 && by < bins) {
        histogram[by * bins + bx] += 1.0 / n;
      }
    }
    int fine = 10;
    Grid2d grid = Grid2d.square(h, bins * fine);
    double[] logP = density.logDensity(grid);
    double[] binMass = new double[bins * bins];
    for (int iy = 0; iy < grid.ny(); iy++) {
      for (int ix = 0; ix < grid.nx(); ix++) {
        binMass[(iy / fine) * bins + ix / fine] +=
            Math.exp(logP[iy * grid.nx() + ix]) * grid.cellArea();
      }
    }
    double tv = 0;
    for (int b = 0; b < bins * bins; b++) {
      tv += 0.5 * Math.abs(histogram[b] - binMass[b]);
    }
    assertTrue(tv < 0.02, name + ": total variation " + tv);
  }

  @ParameterizedTest
  @MethodSource("names")
  void samplingIsSeeded(String name) {
    ToyDensity density = ToyDensities.byName(name);
    assertArrayEquals(density.sample(100, 5), density.sample(100, 5));
  }

  @org.junit.jupiter.api.Test
  void theCorrelatedGaussiansSamplesHaveItsCovariance() {
    CorrelatedGaussian density =
        (CorrelatedGaussian) ToyDensities.byName("gaussian:std=2,correlation=-0.6");
    int n = 200_000;
    double[] xy = density.sample(n, 3);
    double[] moments = new double[3];
    for (int i = 0; i < n; i++) {
      moments[0] += xy[2 * i] * xy[2 * i] / n;
      moments[1] += xy[2 * i] * xy[2 * i + 1] / n;
      moments[2] += xy[2 * i + 1] * xy[2 * i + 1] / n;
    }
    double[] covariance = density.covariance();
    assertArrayEquals(new double[] {4, -2.4, -2.4, 4}, covariance, 1e-12);
    assertEquals(covariance[0], moments[0], 0.05);
    assertEquals(covariance[1], moments[1], 0.05);
    assertEquals(covariance[3], moments[2], 0.05);
  }

  @org.junit.jupiter.api.Test
  void unknownNameListsTheAvailableOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ToyDensities.byName("spiral"));
    assertEquals(
        "unknown toy density 'spiral'; available: 8gaussians, rings, gaussian, checkerboard, moons, swissroll, pinwheel, 2spirals",
        e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void theGeometryIsAnOptionAndBadOptionsAreNamed() {
    ToyDensity nijkamp = ToyDensities.byName("8gaussians:radius=1,std=0.15");
    assertEquals("8 Gaussians on a circle of radius 1.0, std 0.15", nijkamp.description());
    double[] xy = nijkamp.sample(4000, 2);
    double meanRadius = 0;
    for (int i = 0; i < xy.length; i += 2) {
      meanRadius += Math.hypot(xy[i], xy[i + 1]) / (xy.length / 2);
    }
    assertEquals(1.0, meanRadius, 0.02);
    assertEquals(
        ToyDensities.byName("8gaussians").description(),
        ToyDensities.byName("8gaussians:radius=2,std=0.1").description());
    assertEquals(
        "rings of radii [0.5, 1.0], std 0.1",
        ToyDensities.byName("rings:radii=0.5:1,std=0.1").description());
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> ToyDensities.byName("8gaussians:r=1"));
    assertTrue(unknown.getMessage().contains("r"), unknown.getMessage());
    IllegalArgumentException radii =
        assertThrows(
            IllegalArgumentException.class, () -> ToyDensities.byName("rings:radii=1:two"));
    assertTrue(radii.getMessage().contains("radii must be numbers"), radii.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ToyDensities.byName("moons:noise=1"));
    assertTrue(ToyDensities.options("8gaussians").keys().contains("radius"));
  }
}
