package dev.ebm.methods;

import dev.ebm.core.data.Batcher;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.train.OptimizerConfig;
import dev.ebm.core.train.ProgramConfig;
import dev.ebm.core.train.Trainer;
import dev.ebm.core.train.TrainerConfig;
import dev.ebm.core.train.TrainingProgram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BiFunction;
import org.tensorflow.types.TFloat64;

/** Trains a model with a method in float64 in memory and inspects the result in the same graph. */
final class Training {

  private Training() {}

  /** The settings of a test run. */
  record Settings(int batch, long steps, double learningRate, double emaDecay, long seed) {}

  /**
   * Trains and then hands the graph and program to {@code inspect}, whose result is returned before
   * the graph is closed.
   */
  static <R> R run(
      EnergyModel model,
      TrainingMethod method,
      Dataset data,
      Settings settings,
      BiFunction<ModelGraph<TFloat64>, TrainingProgram<TFloat64>, R> inspect) {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, settings.seed())) {
      TrainingProgram<TFloat64> program =
          TrainingProgram.build(
              graph,
              model,
              method,
              ProgramConfig.of(OptimizerConfig.adam(settings.learningRate()))
                  .withEma(settings.emaDecay()),
              DataStatistics.of(data),
              settings.batch());
      new Trainer<>(
              program,
              new Batcher(data, settings.batch(), settings.seed(), true),
              TrainerConfig.inMemory(settings.steps()).withLogEvery((int) settings.steps()),
              List.of())
          .train();
      return inspect.apply(graph, program);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The moving-average parameters. */
  static ParameterSnapshot averaged(ModelGraph<TFloat64> graph, TrainingProgram<TFloat64> program) {
    return ParameterSnapshot.read(graph, program.finalParameters());
  }

  /** The live parameters. */
  static ParameterSnapshot live(ModelGraph<TFloat64> graph, TrainingProgram<TFloat64> program) {
    return ParameterSnapshot.read(graph, program.modelVariables().detachedRead(graph.ops()));
  }
}
