package dev.ebm.core.trained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.data.Standardization;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.model.StandardizedEnergy;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A model trained on standardised data, read in the data's own units, has the log density of the
 * same density mapped back: for a Gaussian {@code N(μ', P'⁻¹)} in standardised coordinates {@code z
 * = (x − m)/s}, {@code log p(x) = log N(z; μ', P'⁻¹) − Σ log sᵢ}, within 1e-4 far from the origin;
 * and read in the coordinates it trained in, it is the Gaussian itself.
 */
class StandardizedLogDensityTest {

  private static final double[] MEAN = {0.3, -0.2};
  private static final double[][] PRECISION = {{2, 0.5}, {0.5, 1}};
  private static final Standardization MAP =
      new Standardization(new double[] {400, -125}, new double[] {40, 0.4});

  @Test
  void theLogDensityInTheDatasUnitsIsTheMappedGaussiansWithItsJacobian() {
    GaussianEnergy base = GaussianEnergy.of(MEAN, PRECISION);
    ParameterSnapshot values;
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, 0)) {
      var variables = graph.createVariables("model", base.parameterSpecs());
      graph.initialize();
      values = ParameterSnapshot.read(graph, variables.read());
    }
    double det = PRECISION[0][0] * PRECISION[1][1] - PRECISION[0][1] * PRECISION[1][0];
    double logZStandardized = Math.log(2 * Math.PI) - 0.5 * Math.log(det);
    double[] points = pointsNearTheData(200);
    DataStatistics statistics = DataStatistics.of(Dataset.of(points, Shape.of(2)));
    TrainedModel inDataUnits =
        new TrainedModel(
            new StandardizedEnergy(base, MAP),
            values,
            0,
            OptionalDouble.of(logZStandardized + MAP.logScale()),
            statistics);

    GraphEnergyFunction function = new GraphEnergyFunction(inDataUnits, "standardised gaussian");
    double[] energies = function.energies(points, null);
    double logZ = function.logPartition().getAsDouble();
    for (int i = 0; i < energies.length; i++) {
      double z0 = (points[2 * i] - MAP.mean()[0]) / MAP.scale()[0] - MEAN[0];
      double z1 = (points[2 * i + 1] - MAP.mean()[1]) / MAP.scale()[1] - MEAN[1];
      double quadratic =
          PRECISION[0][0] * z0 * z0 + 2 * PRECISION[0][1] * z0 * z1 + PRECISION[1][1] * z1 * z1;
      double exact =
          -0.5 * quadratic
              + 0.5 * Math.log(det)
              - Math.log(2 * Math.PI)
              - Math.log(MAP.scale()[0])
              - Math.log(MAP.scale()[1]);
      assertEquals(exact, -energies[i] - logZ, 1e-4, "log p at point " + i);
    }

    TrainedModel inTrainingUnits = inDataUnits.inTrainingUnits().orElseThrow();
    assertTrue(inTrainingUnits.model() instanceof GaussianEnergy);
    assertEquals(logZStandardized, inTrainingUnits.logPartition().getAsDouble(), 1e-9);
    assertEquals(0, inTrainingUnits.statistics().mean()[0], 0.3);
    assertTrue(
        new TrainedModel(base, values, 0, OptionalDouble.empty(), statistics)
            .inTrainingUnits()
            .isEmpty());
  }

  /** Points of the mapped Gaussian's region, about (400, −125) with scales 40 and 0.4. */
  private static double[] pointsNearTheData(int n) {
    SplittableRandom random = new SplittableRandom(5);
    double[] points = new double[2 * n];
    for (int i = 0; i < n; i++) {
      points[2 * i] = MAP.mean()[0] + MAP.scale()[0] * 2 * (random.nextDouble() - 0.5) * 2;
      points[2 * i + 1] = MAP.mean()[1] + MAP.scale()[1] * 2 * (random.nextDouble() - 0.5) * 2;
    }
    return points;
  }
}
