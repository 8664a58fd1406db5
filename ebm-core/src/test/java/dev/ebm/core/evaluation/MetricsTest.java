package dev.ebm.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.data.toy.ToyDensities;
import dev.ebm.core.data.toy.ToyDensity;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.trained.GraphEnergyFunction;
import dev.ebm.core.trained.TrainedModel;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * The evaluation's measures against exact answers: a Gaussian's grid log Z against its closed form,
 * KL and TV of a toy density against itself (0) and against a Gaussian (closed-form KL for
 * Gaussians), MMD² of one distribution against itself (≈ 0) and against another (clearly > 0).
 */
class MetricsTest {

  private static final double[][] PRECISION = {{2.0, 0.6}, {0.6, 1.0}};

  /** A trained run holding the analytic Gaussian energy with precision {@link #PRECISION}. */
  private static TrainedModel gaussianRun(double[] mean, DataStatistics statistics) {
    GaussianEnergy energy = GaussianEnergy.of(mean, PRECISION);
    ParameterSnapshot values;
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, 0)) {
      VariableSet<TFloat32> variables = graph.createVariables("model", energy.parameterSpecs());
      graph.initialize();
      values = ParameterSnapshot.read(graph, variables.read());
    }
    return new TrainedModel(energy, values, 0, OptionalDouble.empty(), statistics);
  }

  private static DataStatistics box(double half) {
    return DataStatistics.of(Dataset.of(new double[] {-half, -half, half, half}, Shape.of(2)));
  }

  @Test
  void gridLogPartitionOfAGaussianMatchesTheClosedForm() {
    TrainedModel run = gaussianRun(new double[] {0.3, -0.2}, box(4));
    double determinant = PRECISION[0][0] * PRECISION[1][1] - PRECISION[0][1] * PRECISION[1][0];
    double exact = Math.log(2 * Math.PI) - 0.5 * Math.log(determinant);
    try (GraphEnergyFunction energy = new GraphEnergyFunction(run, "gaussian")) {
      double logZ =
          GridNormalization.covering(run.statistics()).logPartition(energy, OptionalDouble.empty());
      assertEquals(exact, logZ, 1e-4);
    }
  }

  @Test
  void gridLogPartitionHoldsForCoordinatesOfScales100xApart() {
    // N(0, diag(10², 0.1²)): the square box over the data's range would leave the narrow axis
    // about four cells wide; each axis's own reach keeps it resolved.
    double[][] precision = {{0.01, 0}, {0, 100}};
    GaussianEnergy energy = GaussianEnergy.of(new double[] {0, 0}, precision);
    ParameterSnapshot values;
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, 0)) {
      VariableSet<TFloat32> variables = graph.createVariables("model", energy.parameterSpecs());
      graph.initialize();
      values = ParameterSnapshot.read(graph, variables.read());
    }
    SplittableRandom random = new SplittableRandom(3);
    double[] xy = new double[2 * 5000];
    for (int i = 0; i < xy.length; i += 2) {
      xy[i] = 10 * random.nextGaussian();
      xy[i + 1] = 0.1 * random.nextGaussian();
    }
    DataStatistics statistics = DataStatistics.of(Dataset.of(xy, Shape.of(2)));
    TrainedModel run = new TrainedModel(energy, values, 0, OptionalDouble.empty(), statistics);
    GridNormalization grid = GridNormalization.covering(statistics);
    assertTrue(grid.high()[1] - grid.low()[1] < 2, grid.describe());
    double exact = Math.log(2 * Math.PI) - 0.5 * Math.log(0.01 * 100);
    try (GraphEnergyFunction function = new GraphEnergyFunction(run, "anisotropic gaussian")) {
      assertEquals(exact, grid.logPartition(function, OptionalDouble.empty()), 1e-3);
    }
  }

  @Test
  void aToyAgainstItselfHasNoDivergenceAndAgainstAnotherDensitySome() {
    ToyDensity moons = ToyDensities.byName("moons");
    GridNormalization grid = GridNormalization.cube(2, -moons.halfWidth(), moons.halfWidth(), 201);
    double[] points = grid.points();
    double[] exact = new double[grid.size()];
    double[] gaussian = new double[grid.size()];
    for (int g = 0; g < grid.size(); g++) {
      double x = points[2 * g];
      double y = points[2 * g + 1];
      exact[g] = moons.logDensity(x, y);
      gaussian[g] = -0.5 * (x * x + y * y);
    }
    DensityComparison same = DensityComparison.of(exact, exact, grid.cellVolume());
    assertEquals(0, same.kl(), 1e-12);
    assertEquals(0, same.totalVariation(), 1e-12);
    DensityComparison other = DensityComparison.of(exact, gaussian, grid.cellVolume());
    assertTrue(other.kl() > 0.1 && other.totalVariation() > 0.1, other.toString());
  }

  @Test
  void klBetweenTwoGaussiansOnTheGridMatchesTheClosedForm() {
    // KL(N(0, I) ‖ N(0, 2I)) in 2-D = 2 · ½(log 2 − 1 + ½).
    GridNormalization grid = GridNormalization.cube(2, -12, 12, 401);
    double[] points = grid.points();
    double[] p = new double[grid.size()];
    double[] q = new double[grid.size()];
    for (int g = 0; g < grid.size(); g++) {
      double r2 = points[2 * g] * points[2 * g] + points[2 * g + 1] * points[2 * g + 1];
      p[g] = -0.5 * r2;
      q[g] = -0.25 * r2;
    }
    assertEquals(Math.log(2) - 0.5, DensityComparison.of(p, q, grid.cellVolume()).kl(), 1e-6);
  }

  @Test
  void mmdIsNearZeroForOneDistributionAndClearlyPositiveForTwo() {
    SplittableRandom random = new SplittableRandom(3);
    double[] a = new double[2 * 800];
    double[] b = new double[2 * 800];
    double[] c = new double[2 * 800];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextGaussian();
      b[i] = random.nextGaussian();
      c[i] = 1 + 0.5 * random.nextGaussian();
    }
    double same = MaximumMeanDiscrepancy.between(a, b, 2).squared();
    double different = MaximumMeanDiscrepancy.between(a, c, 2).squared();
    assertTrue(Math.abs(same) < 0.005, "same distribution: " + same);
    assertTrue(different > 0.1, "different distributions: " + different);
  }
}
