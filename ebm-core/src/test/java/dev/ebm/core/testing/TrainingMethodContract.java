package dev.ebm.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.Batcher;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.train.OptimizerConfig;
import dev.ebm.core.train.ProgramConfig;
import dev.ebm.core.train.StepsPerRun;
import dev.ebm.core.train.Trainer;
import dev.ebm.core.train.TrainerConfig;
import dev.ebm.core.train.TrainingProgram;
import dev.ebm.core.train.TrainingSummary;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat64;

/**
 * The checks every training method must pass, for a method's own test to extend (the method may
 * live in any module: it is found by name through {@link java.util.ServiceLoader}). On the analytic
 * Gaussian energy {@code E(x) = ½(x − μ)ᵀP(x − μ)}, trained with Adam on {@link
 * TrainingFixture#data()} ({@code N((1, −1), [[1, 0.5], [0.5, 2]])}):
 *
 * <ul>
 *   <li>the provider is found by its name and builds a method of that name;
 *   <li>a few steps give finite losses and move the model's parameters;
 *   <li>{@link #trainingSteps()} steps bring the mean μ within {@link #meanTolerance()} of the
 *       data's mean (1, −1).
 * </ul>
 *
 * <p>A subclass names the method and its options; a method whose estimate converges more slowly may
 * ask for more steps or a wider tolerance.
 */
public abstract class TrainingMethodContract {

  /** The name the method's provider is found by. */
  protected abstract String methodName();

  /** The options it is created with, {@code key=value,…}. */
  protected String options() {
    return "";
  }

  /** The number of steps the mean must be recovered in. */
  protected int trainingSteps() {
    return 300;
  }

  /** How far the recovered mean may lie from the data's, per coordinate. */
  protected double meanTolerance() {
    return 0.3;
  }

  private TrainingMethod method() {
    return TrainingMethodProvider.byName(methodName())
        .create(Options.parse(methodName(), options()));
  }

  private TrainingProgram<TFloat64> program(ModelGraph<TFloat64> graph) {
    return program(graph, 1);
  }

  private TrainingProgram<TFloat64> program(ModelGraph<TFloat64> graph, int stepsPerRun) {
    return TrainingProgram.build(
        graph,
        GaussianEnergy.standard(2),
        method(),
        ProgramConfig.of(OptimizerConfig.adam(0.05)),
        DataStatistics.of(TrainingFixture.data()),
        TrainingFixture.BATCH,
        StepsPerRun.fixed(stepsPerRun));
  }

  private static TrainingSummary train(TrainingProgram<TFloat64> program, long steps)
      throws IOException {
    return new Trainer<>(
            program,
            new Batcher(TrainingFixture.data(), TrainingFixture.BATCH, 5, true),
            TrainerConfig.inMemory(steps),
            List.of())
        .train();
  }

  @Test
  void isFoundByItsName() {
    assertEquals(methodName(), method().name());
    assertTrue(
        TrainingMethodProvider.all().stream().anyMatch(p -> p.name().equals(methodName())),
        methodName() + " is not among the providers ServiceLoader finds");
  }

  @Test
  void aFewStepsGiveFiniteLossesAndMoveTheModel() throws IOException {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 7)) {
      TrainingProgram<TFloat64> program = program(graph);
      graph.initialize();
      ParameterSnapshot before =
          ParameterSnapshot.read(graph, program.modelVariables().detachedRead(graph.ops()));
      TrainingSummary summary = train(program, 5);
      assertTrue(Double.isFinite(summary.lastLoss()), "loss " + summary.lastLoss());
      ParameterSnapshot after =
          ParameterSnapshot.read(graph, program.modelVariables().detachedRead(graph.ops()));
      assertFalse(
          java.util.Arrays.equals(
              before.values().get(GaussianEnergy.MEAN), after.values().get(GaussianEnergy.MEAN)),
          "five steps of " + methodName() + " left the mean where it started");
    }
  }

  @Test
  void recoversTheMeanOfAGaussian() throws IOException {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 7)) {
      TrainingProgram<TFloat64> program = program(graph);
      train(program, trainingSteps());
      double[] mean =
          ParameterSnapshot.read(graph, program.modelVariables().detachedRead(graph.ops()))
              .values()
              .get(GaussianEnergy.MEAN);
      assertEquals(1.0, mean[0], meanTolerance(), methodName() + " recovered mean " + mean[0]);
      assertEquals(-1.0, mean[1], meanTolerance(), methodName() + " recovered mean " + mean[1]);
    }
  }

  /**
   * Seven steps at three per session call (calls of 3, 3 and 1) leave exactly the parameters that
   * seven calls of one step leave: the method keeps no state outside the graph and orders its own
   * variables' reads and writes.
   */
  @Test
  void threeStepsPerCallTrainExactlyLikeOne() throws IOException {
    double[][] means = new double[2][];
    int[] stepsPerRun = {1, 3};
    for (int k = 0; k < 2; k++) {
      try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 7)) {
        TrainingProgram<TFloat64> program = program(graph, stepsPerRun[k]);
        train(program, 7);
        means[k] =
            ParameterSnapshot.read(graph, program.modelVariables().detachedRead(graph.ops()))
                .values()
                .get(GaussianEnergy.MEAN);
      }
    }
    assertArrayEquals(means[0], means[1], 0.0, methodName() + " at 3 steps per call");
  }
}
