package dev.ebm.experiments;

import dev.ebm.core.checkpoint.CheckpointStore;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.run.RunDirectory;
import dev.ebm.models.ProductOfExperts;
import java.io.IOException;
import java.nio.file.Path;
import org.tensorflow.types.TFloat32;

/**
 * A training run read back from its directory: the model it trained and the parameters of its
 * latest checkpoint (the moving average when the run kept one). What an export, or an expert of a
 * {@link ProductOfExperts}, is built from.
 *
 * @param model the energy model, rebuilt from {@code run.json}
 * @param parameters the checkpointed parameter values
 * @param step the step of the checkpoint
 */
public record TrainedRun(EnergyModel model, ParameterSnapshot parameters, long step) {

  /**
   * Reads the newest intact checkpoint of the run in {@code directory} (warning about any newer,
   * damaged one passed over).
   *
   * @throws IllegalArgumentException if the directory holds no run or no checkpoint
   */
  public static TrainedRun load(Path directory) throws IOException {
    RunSpec spec = RunSpec.load(directory);
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, spec.seed())) {
      RunSpec.Built<TFloat32> built = spec.build(graph);
      CheckpointStore store = new CheckpointStore(RunDirectory.at(directory).checkpoints(), 1);
      CheckpointStore.Restored restored =
          store
              .restoreNewestIntact(graph)
              .orElseThrow(
                  () -> new IllegalArgumentException(directory + " has no checkpoint yet"));
      return new TrainedRun(
          built.model(),
          ParameterSnapshot.read(graph, built.program().finalParameters()),
          restored.checkpoint().step());
    }
  }

  /** This run as a frozen expert of weight {@code weight}. */
  public ProductOfExperts.Expert asFrozenExpert(double weight) {
    return ProductOfExperts.Expert.frozen(model, weight, parameters);
  }
}
