package dev.ebm.experiments;

import dev.ebm.core.checkpoint.CheckpointStore;
import dev.ebm.core.export.SavedModelExport;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tensorflow.types.TFloat32;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ebm export}: a training run's latest checkpoint as a SavedModel (moving average when kept). */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export a trained run as a SavedModel (signatures energy, score, serving_default).")
public final class ExportCommand implements Callable<Integer> {

  @Option(names = "--run", required = true, description = "the run directory")
  Path run;

  @Option(names = "--out", required = true, description = "the SavedModel directory to create")
  Path out;

  @Option(names = "--overwrite", description = "replace an existing export")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    RunSpec spec = RunSpec.load(run);
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, spec.seed())) {
      RunSpec.Built<TFloat32> built = spec.build(graph);
      CheckpointStore store = new CheckpointStore(run.resolve("checkpoints"), 1);
      CheckpointStore.Checkpoint latest =
          store.latest().orElseThrow(() -> new IllegalArgumentException(run + " has no checkpoint yet"));
      store.restore(graph, latest);
      SavedModelExport.export(built.model(), ParameterSnapshot.read(graph, built.program().finalParameters()), out, TFloat32.class, overwrite);
      System.out.println("exported step " + latest.step() + " of " + run + " to " + out);
    }
    return 0;
  }
}
