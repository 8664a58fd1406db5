package dev.ebm.experiments;

import dev.ebm.core.checkpoint.CheckpointStore;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Standardization;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.run.RunDirectory;
import dev.ebm.models.ProductOfExperts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.tensorflow.types.TFloat32;

/**
 * A trained energy read back from its directory: a training run (the model it trained and the
 * parameters of its newest intact checkpoint, the moving average when the run kept one), or a
 * {@link Composition} of runs (their product of experts). What export, sampling, scoring,
 * evaluation and composition are built from.
 *
 * @param model the energy model, rebuilt from {@code run.json} (or the composition's runs)
 * @param parameters the checkpointed parameter values
 * @param step the step of the checkpoint (for a composition, the sum over its runs)
 * @param logPartition the {@code log Z} the training method learned, if it learns one (NCE's {@code
 *     c}, so that {@code log p = −E − c})
 * @param statistics the statistics of the training data (for a composition, of all its runs' data)
 * @param spec the run's settings; empty for a composition
 */
public record TrainedRun(
    EnergyModel model,
    ParameterSnapshot parameters,
    long step,
    OptionalDouble logPartition,
    DataStatistics statistics,
    Optional<RunSpec> spec) {

  /**
   * Reads the trained energy in {@code directory}: a run's newest intact checkpoint (warning about
   * any newer, damaged one passed over), or a composition.
   *
   * @throws IllegalArgumentException if the directory holds no run, no composition or no checkpoint
   */
  public static TrainedRun load(Path directory) throws IOException {
    if (Files.exists(Composition.fileIn(directory))) {
      return Composition.load(directory).trained(directory);
    }
    RunSpec spec = RunSpec.load(directory);
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, spec.seed())) {
      RunSpec.Built<TFloat32> built = spec.build(graph);
      CheckpointStore store = new CheckpointStore(RunDirectory.at(directory).checkpoints(), 1);
      CheckpointStore.Restored restored =
          store
              .restoreNewestIntact(graph)
              .orElseThrow(
                  () -> new IllegalArgumentException(directory + " has no checkpoint yet"));
      // A standardised run's log Z gains Σ log s in the data's units.
      double logScale = built.standardization().map(Standardization::logScale).orElse(0.0);
      OptionalDouble logPartition =
          built.program().finalLogPartition().isPresent()
              ? OptionalDouble.of(
                  graph.evaluate(built.program().finalLogPartition().get())[0] + logScale)
              : OptionalDouble.empty();
      return new TrainedRun(
          built.modelInDataUnits(),
          ParameterSnapshot.read(graph, built.program().finalParameters()),
          restored.checkpoint().step(),
          logPartition,
          DataStatistics.of(built.original()),
          Optional.of(spec));
    }
  }

  /** This run as a frozen expert of weight {@code weight}. */
  public ProductOfExperts.Expert asFrozenExpert(double weight) {
    return ProductOfExperts.Expert.frozen(model, weight, parameters);
  }

  /**
   * The product of experts {@code E = Σ wᵢEᵢ} of the given runs, frozen at their parameters. Its
   * statistics are those of all the runs' data together; a learned {@code log Z} does not carry
   * over to the product.
   */
  public static TrainedRun product(List<TrainedRun> runs, List<Double> weights) {
    if (runs.size() != weights.size() || runs.isEmpty()) {
      throw new IllegalArgumentException(
          "a product needs one weight per run, got "
              + runs.size()
              + " runs and "
              + weights.size()
              + " weights");
    }
    List<ProductOfExperts.Expert> experts = new ArrayList<>();
    long steps = 0;
    for (int i = 0; i < runs.size(); i++) {
      experts.add(runs.get(i).asFrozenExpert(weights.get(i)));
      steps += runs.get(i).step();
    }
    ProductOfExperts product = new ProductOfExperts(experts);
    ParameterSnapshot values;
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, 0)) {
      // Frozen experts declare their values as initial values: initialising reads them back.
      var variables = graph.createVariables("model", product.parameterSpecs());
      graph.initialize();
      values = ParameterSnapshot.read(graph, variables.read());
    }
    return new TrainedRun(
        product,
        values,
        steps,
        OptionalDouble.empty(),
        DataStatistics.union(runs.stream().map(TrainedRun::statistics).toList()),
        Optional.empty());
  }
}
