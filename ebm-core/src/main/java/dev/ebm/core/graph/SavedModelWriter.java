package dev.ebm.core.graph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;

/**
 * Writes one graph and the current values of its variables as a SavedModel with the given
 * signatures, each under its own key. What the graph holds is the caller's choice: {@code
 * dev.ebm.core.export.SavedModelExport} builds an inference graph for it, whose first signature is
 * {@code serving_default}.
 */
final class SavedModelWriter {

  private final SessionRunner runner;

  /** A writer of the graph {@code runner} runs. */
  SavedModelWriter(SessionRunner runner) {
    this.runner = runner;
  }

  /**
   * Exports the graph to {@code directory} with {@code signatures}.
   *
   * @throws UnsupportedOperationException for a graph on a cluster
   */
  void write(Path directory, List<Signature> signatures) throws IOException {
    SavedModelBundle.Exporter exporter = runner.exporter(directory);
    for (Signature signature : signatures) {
      exporter = exporter.withSignature(signature);
    }
    exporter.export();
  }
}
