package dev.ebm.api;

import dev.ebm.core.data.CsvPoints;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.data.IdxFile;
import dev.ebm.core.data.toy.ToyDensities;
import dev.ebm.core.data.toy.ToyDensity;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.tensorflow.ndarray.Shape;

/**
 * Where training data comes from: a 2-D toy density ({@value #TOY_SAMPLES} samples drawn with the
 * run's seed), a CSV file of points (one per row), an IDX file of images (pixels scaled to [0, 1],
 * shape {@code [H, W, 1]}), or a {@link Dataset} already in memory. Written {@code toy:<name>},
 * {@code csv:<file>} or {@code idx:<file>} in a run's settings, so that the run can name its data;
 * data given in memory is recorded as {@code memory:<description>} and cannot be read again from
 * the name (a trained energy never needs it; only an evaluation's MMD against the data does).
 */
public final class TrainingData {

  /** How many samples a toy density gives. */
  public static final int TOY_SAMPLES = 20_000;

  /** The prefix of the spec of data given in memory. */
  static final String IN_MEMORY = "memory:";

  /** The kinds of source, with the prefix a spec writes them with. */
  private enum Kind {
    TOY("toy:"),
    CSV("csv:"),
    IDX("idx:"),
    MEMORY(IN_MEMORY);

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }
  }

  private final Kind kind;
  private final String argument;
  private final Optional<Dataset> inMemory;

  private TrainingData(Kind kind, String argument, Optional<Dataset> inMemory) {
    this.kind = kind;
    this.argument = argument;
    this.inMemory = inMemory;
  }

  /**
   * The 2-D toy density of that name (see {@link ToyDensities#names()}).
   *
   * @throws IllegalArgumentException listing the toy densities, for an unknown name
   */
  public static TrainingData toy(String name) {
    ToyDensities.byName(name);
    return new TrainingData(Kind.TOY, name, Optional.empty());
  }

  /** The points of a CSV file, one per row (a header row is skipped). */
  public static TrainingData csv(Path file) {
    return new TrainingData(Kind.CSV, file.toString(), Optional.empty());
  }

  /** The images of an IDX file (e.g. Fashion-MNIST), pixels scaled to [0, 1]. */
  public static TrainingData idx(Path file) {
    return new TrainingData(Kind.IDX, file.toString(), Optional.empty());
  }

  /** {@code data}, already in memory, described as {@code description} in the run's settings. */
  public static TrainingData of(Dataset data, String description) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    return new TrainingData(Kind.MEMORY, description, Optional.of(data));
  }

  /**
   * The data a spec names: {@code toy:<name>}, {@code csv:<file>} or {@code idx:<file>}.
   *
   * @throws IllegalArgumentException naming the accepted forms, for any other; naming the spec, for
   *     a file name this system cannot have
   */
  public static TrainingData parse(String spec) {
    int colon = spec.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "data '" + spec + "' is not of the form toy:<name>, csv:<file> or idx:<file>");
    }
    String argument = spec.substring(colon + 1);
    return switch (spec.substring(0, colon)) {
      case "toy" -> toy(argument);
      case "csv" -> csv(path(spec, argument));
      case "idx" -> idx(path(spec, argument));
      default ->
          throw new IllegalArgumentException(
              "unknown data kind '"
                  + spec.substring(0, colon)
                  + "' in '"
                  + spec
                  + "'; use toy:<name>, csv:<file> or idx:<file>");
    };
  }

  /** The file {@code argument} of {@code spec} names. */
  private static Path path(String spec, String argument) {
    try {
      return Path.of(argument);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          "data '" + spec + "' names no possible file here (" + e.getReason() + ")", e);
    }
  }

  /** The spec, as a run's settings record it. */
  public String spec() {
    return kind.prefix + argument;
  }

  /** The toy density the data is drawn from, if it is one. */
  public Optional<ToyDensity> toyDensity() {
    return kind == Kind.TOY ? Optional.of(ToyDensities.byName(argument)) : Optional.empty();
  }

  /** Whether the samples are images ({@code [H, W, C]}): an IDX file, or images in memory. */
  public boolean isImages() {
    return kind == Kind.IDX
        || inMemory.map(d -> d.sampleShape().numDimensions() == 3).orElse(false);
  }

  /**
   * Reads (or draws, for a toy density, with {@code seed}) the data.
   *
   * @throws IOException if a file cannot be read
   */
  public Dataset load(long seed) throws IOException {
    return switch (kind) {
      case TOY -> Dataset.of(ToyDensities.byName(argument).sample(TOY_SAMPLES, seed), Shape.of(2));
      case CSV -> CsvPoints.read(Path.of(argument));
      case IDX -> IdxFile.read(Path.of(argument)).toImages(0, 1, Integer.MAX_VALUE);
      case MEMORY -> inMemory.orElseThrow();
    };
  }

  @Override
  public String toString() {
    return spec();
  }
}
