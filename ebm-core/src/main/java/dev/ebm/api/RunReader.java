package dev.ebm.api;

import dev.ebm.core.checkpoint.CheckpointStore;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.run.DataSummary;
import dev.ebm.core.run.RunDirectory;
import dev.ebm.core.run.RunSettings;
import dev.ebm.core.train.StepsPerRun;
import dev.ebm.core.trained.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.tensorflow.types.TFloat32;

/**
 * Reads a training run back from its directory: rebuilds its graph from {@code run.json} and the
 * data's statistics in {@code data.json} (a run written before that file existed reads its data
 * once more, as it was trained on), restores the newest intact checkpoint, and reads the parameters
 * to use (the moving average, if kept) and a learned {@code log Z}.
 *
 * @param model the trained model
 * @param settings the run's settings
 * @param method its training method
 * @param data where its data comes from, if that can be read again
 */
record RunReader(
    TrainedModel model, RunSettings settings, TrainingMethod method, Optional<TrainingData> data) {

  /**
   * Reads the run in {@code directory}.
   *
   * @throws IllegalArgumentException if the directory holds no run or no checkpoint yet
   */
  static RunReader read(Path directory) throws IOException {
    RunSettings settings = RunSettings.load(directory);
    Optional<TrainingData> data = namedData(settings);
    Optional<DataSummary> saved = DataSummary.load(directory);
    DataSummary summary =
        saved.isPresent()
            ? saved.get()
            : DataSummary.prepare(
                    data.orElseThrow(
                            () ->
                                new IllegalStateException(
                                    directory + " has no data.json and names no data to read"))
                        .load(settings.seed()),
                    settings.standardize())
                .summary();
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, settings.seed())) {
      RunAssembly<TFloat32> built =
          RunAssembly.build(
              graph, settings, Optional.empty(), Optional.empty(), summary, StepsPerRun.fixed(1));
      CheckpointStore store = new CheckpointStore(RunDirectory.at(directory).checkpoints(), 1);
      CheckpointStore.Restored restored =
          store
              .restoreNewestIntact(graph)
              .orElseThrow(
                  () -> new IllegalArgumentException(directory + " has no checkpoint yet"));
      TrainedModel model =
          built.trainedModel(
              graph,
              built.program().finalParameters(),
              built.program().finalLogPartition(),
              restored.checkpoint().step());
      return new RunReader(model, settings, built.method(), data);
    }
  }

  /** The data a run's settings name, if it can be read again (not data given in memory). */
  private static Optional<TrainingData> namedData(RunSettings settings) {
    return settings.data().startsWith(TrainingData.IN_MEMORY)
        ? Optional.empty()
        : Optional.of(TrainingData.parse(settings.data()));
  }
}
