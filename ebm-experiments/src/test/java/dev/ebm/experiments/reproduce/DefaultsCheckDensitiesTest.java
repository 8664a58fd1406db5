package dev.ebm.experiments.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.data.toy.Grid2d;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The densities of {@code defaults-check}: each integrates to 1 over its grid, its samples lie
 * where it claims (the shifted one about (400, −125), the anisotropic one with coordinates 100×
 * apart in scale), and the uneven modes' weights are 0.6 / 0.3 / 0.1 as read off the grid.
 */
class DefaultsCheckDensitiesTest {

  @Test
  void eachDensityIntegratesToOneOnItsGrid() {
    for (Map.Entry<String, AffineDensity> entry : DefaultsCheck.DENSITIES.entrySet()) {
      Grid2d grid = entry.getValue().grid(601);
      double mass = 0;
      for (double logP : entry.getValue().logDensity(grid)) {
        mass += Math.exp(logP) * grid.cellArea();
      }
      assertEquals(1, mass, 2e-3, entry.getKey());
    }
  }

  @Test
  void theSamplesLieWhereTheDensitiesClaim() {
    double[] shifted = DefaultsCheck.DENSITIES.get("shifted").sample(4000, 1);
    double[] curved = DefaultsCheck.DENSITIES.get("curved").sample(4000, 1);
    double[] anisotropic = DefaultsCheck.DENSITIES.get("anisotropic").sample(4000, 1);
    for (int i = 0; i < curved.length; i += 2) {
      assertEquals(400 + 40 * curved[i], shifted[i], 1e-9);
      assertEquals(-125 + 40 * curved[i + 1], shifted[i + 1], 1e-9);
      assertEquals(10 * curved[i], anisotropic[i], 1e-9);
      assertEquals(0.1 * curved[i + 1], anisotropic[i + 1], 1e-9);
    }
  }

  @Test
  void theUnevenModesWeighWhatTheyClaim() {
    UnevenModes modes = new UnevenModes();
    Grid2d grid = DefaultsCheck.DENSITIES.get("uneven").grid(401);
    double[] weights = new double[3];
    for (int iy = 0; iy < grid.ny(); iy++) {
      for (int ix = 0; ix < grid.nx(); ix++) {
        weights[UnevenModes.nearestMode(grid.x(ix), grid.y(iy))] +=
            Math.exp(modes.logDensity(grid.x(ix), grid.y(iy))) * grid.cellArea();
      }
    }
    for (int k = 0; k < 3; k++) {
      assertEquals(UnevenModes.WEIGHTS[k], weights[k], 1e-3, "mode " + k);
    }
    assertTrue(DefaultsCheck.weights(weights).startsWith("0.60 / 0.30 / 0.10"));
  }
}
