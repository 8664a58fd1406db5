package dev.ebm.experiments;

import dev.ebm.core.data.CsvPoints;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.data.IdxFile;
import dev.ebm.core.data.toy.ToyDensities;
import java.io.IOException;
import java.nio.file.Path;
import org.tensorflow.ndarray.Shape;

/**
 * Where training data comes from, written {@code kind:argument}: {@code toy:<name>} (a 2-D toy
 * density, 20 000 samples), {@code csv:<file>} (points, one per row), {@code idx:<file>} (IDX
 * images such as Fashion-MNIST, pixels scaled to [0, 1], shape [H, W, 1]).
 */
public final class DataSpec {

  private DataSpec() {}

  /** Loads the data named by {@code spec}. */
  public static Dataset load(String spec, long seed) throws IOException {
    int colon = spec.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "data '" + spec + "' is not of the form toy:<name>, csv:<file> or idx:<file>");
    }
    String kind = spec.substring(0, colon);
    String argument = spec.substring(colon + 1);
    return switch (kind) {
      case "toy" -> Dataset.of(ToyDensities.byName(argument).sample(20_000, seed), Shape.of(2));
      case "csv" -> CsvPoints.read(Path.of(argument));
      case "idx" -> IdxFile.read(Path.of(argument)).toImages(0, 1, Integer.MAX_VALUE);
      default ->
          throw new IllegalArgumentException(
              "unknown data kind '"
                  + kind
                  + "' in '"
                  + spec
                  + "'; use toy:<name>, csv:<file> or idx:<file>");
    };
  }
}
