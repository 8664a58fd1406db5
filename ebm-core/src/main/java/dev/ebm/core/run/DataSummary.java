package dev.ebm.core.run;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.data.Standardization;
import dev.ebm.core.io.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.tensorflow.ndarray.Shape;

/**
 * What a trained energy keeps of its training data: the statistics of the data in its own units
 * (sampling starts in its range, evaluation grids cover it), the statistics of what the model was
 * trained on (the same, or the data standardised; fitted defaults such as NCE's noise and NCSN's
 * noise levels were fitted to these), and the standardisation if there was one. Saved as {@code
 * data.json} in the run directory, so that reading a run back never reads its data again; numbers
 * are written in their shortest exact decimal form and read back bit for bit.
 *
 * @param sampleShape the shape of one sample
 * @param data the statistics of the data in its own units
 * @param training the statistics of the data the model was trained on
 * @param standardization the map from the data to what the model was trained on, if any
 */
public record DataSummary(
    Shape sampleShape,
    DataStatistics data,
    DataStatistics training,
    Optional<Standardization> standardization) {

  public DataSummary {
    if (sampleShape == null || data == null || training == null || standardization == null) {
      throw new IllegalArgumentException(
          "sampleShape, data, training and standardization must not be null");
    }
    if (sampleShape.size() != data.dimension()) {
      throw new IllegalArgumentException(
          "samples of shape " + sampleShape + " do not have " + data.dimension() + " coordinates");
    }
    if (data.dimension() != training.dimension()) {
      throw new IllegalArgumentException(
          "data of "
              + data.dimension()
              + " coordinates cannot have been trained on as "
              + training.dimension());
    }
  }

  /**
   * The summary of training on {@code original}, standardised first if {@code standardize}, and the
   * dataset the model trains on.
   *
   * @param summary the statistics
   * @param trainingData {@code original}, or its standardised copy
   */
  public record Prepared(DataSummary summary, Dataset trainingData) {}

  /**
   * Summarises {@code original} and prepares it for training, standardised to unit scale if {@code
   * standardize} (the rule of runs written before data.json recorded the map).
   */
  public static Prepared prepare(Dataset original, boolean standardize) {
    DataStatistics statistics = DataStatistics.of(original);
    return prepare(
        original,
        statistics,
        standardize
            ? Optional.of(Standardization.of(statistics, original.sampleShape()))
            : Optional.empty());
  }

  /**
   * Summarises {@code original} and prepares it for training through {@code standardization}, if
   * any (a resumed run's own, as its {@code data.json} recorded it).
   */
  public static Prepared prepare(
      Dataset original, DataStatistics statistics, Optional<Standardization> standardization) {
    boolean standardize = standardization.isPresent();
    Dataset trainingData = standardization.map(s -> s.apply(original)).orElse(original);
    DataStatistics training = standardize ? DataStatistics.of(trainingData) : statistics;
    DataStatistics data = statistics;
    return new Prepared(
        new DataSummary(original.sampleShape(), data, training, standardization), trainingData);
  }

  /** Writes {@code data.json} into the run directory {@code directory}. */
  public void save(Path directory) throws IOException {
    JsonObject json = new JsonObject();
    json.addProperty("format_version", RunDirectory.FORMAT_VERSION);
    JsonArray shape = new JsonArray();
    for (long dimension : sampleShape.asArray()) {
      shape.add(dimension);
    }
    json.add("sample_shape", shape);
    json.add("data", toJson(data));
    json.add("training", toJson(training));
    standardization.ifPresent(
        s -> {
          JsonObject map = new JsonObject();
          map.add("mean", array(s.mean()));
          map.add("scale", array(s.scale()));
          json.add("standardization", map);
        });
    Files.createDirectories(directory);
    Files.writeString(
        RunDirectory.at(directory).dataSummary(),
        new GsonBuilder().setPrettyPrinting().create().toJson(json));
  }

  /**
   * Reads {@code data.json} from a run directory; empty for a run written before the file existed.
   *
   * @throws IllegalStateException naming the file, if it is damaged or of a newer format
   * @throws IOException naming the file, if it cannot be read
   */
  public static Optional<DataSummary> load(Path directory) throws IOException {
    Path file = RunDirectory.at(directory).dataSummary();
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonObject json;
    try {
      json = JsonFiles.read(file).getAsJsonObject();
    } catch (RuntimeException e) {
      throw damaged(file, e);
    }
    RunDirectory.requireReadable(json.get("format_version"), file);
    try {
      Optional<Standardization> standardization = Optional.empty();
      if (json.has("standardization")) {
        JsonObject map = json.getAsJsonObject("standardization");
        standardization =
            Optional.of(new Standardization(doubles(map.get("mean")), doubles(map.get("scale"))));
      }
      if (standardization.isPresent()
          && standardization.get().mean().length
              != Shape.of(longs(json.get("sample_shape"))).size()) {
        throw new IllegalArgumentException(
            "a standardisation of "
                + standardization.get().mean().length
                + " coordinates does not go with samples of shape "
                + json.get("sample_shape"));
      }
      return Optional.of(
          new DataSummary(
              Shape.of(longs(json.get("sample_shape"))),
              statistics(json.getAsJsonObject("data")),
              statistics(json.getAsJsonObject("training")),
              standardization));
    } catch (RuntimeException e) {
      throw damaged(file, e);
    }
  }

  private static IllegalStateException damaged(Path file, RuntimeException e) {
    return new IllegalStateException(
        file + " is not a readable data summary (" + e.getMessage() + "); is it damaged?", e);
  }

  private static JsonObject toJson(DataStatistics s) {
    JsonObject json = new JsonObject();
    json.add("mean", array(s.mean()));
    json.add("variance", array(s.variance()));
    s.covariance()
        .ifPresent(
            c -> {
              JsonArray rows = new JsonArray();
              for (double[] row : c) {
                rows.add(array(row));
              }
              json.add("covariance", rows);
            });
    json.addProperty("min", s.min());
    json.addProperty("max", s.max());
    json.addProperty("count", s.count());
    return json;
  }

  private static DataStatistics statistics(JsonObject json) {
    Optional<double[][]> covariance = Optional.empty();
    if (json.has("covariance")) {
      JsonArray rows = json.getAsJsonArray("covariance");
      double[][] c = new double[rows.size()][];
      for (int i = 0; i < c.length; i++) {
        c[i] = doubles(rows.get(i));
      }
      covariance = Optional.of(c);
    }
    double[] mean = doubles(json.get("mean"));
    double[] variance = doubles(json.get("variance"));
    int d = mean.length;
    if (variance.length != d
        || covariance
            .map(c -> c.length != d || Arrays.stream(c).anyMatch(r -> r.length != d))
            .orElse(false)) {
      throw new IllegalArgumentException(
          d + " means do not go with " + variance.length + " variances or the covariance's shape");
    }
    int count = json.get("count").getAsInt();
    if (count < 1) {
      throw new IllegalArgumentException("statistics of " + count + " samples");
    }
    return new DataStatistics(
        mean,
        variance,
        covariance,
        json.get("min").getAsDouble(),
        json.get("max").getAsDouble(),
        count);
  }

  private static JsonArray array(double[] values) {
    JsonArray array = new JsonArray(values.length);
    for (double v : values) {
      array.add(v);
    }
    return array;
  }

  private static long[] longs(JsonElement element) {
    JsonArray array = element.getAsJsonArray();
    long[] values = new long[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).getAsLong();
    }
    return values;
  }

  private static double[] doubles(JsonElement element) {
    JsonArray array = element.getAsJsonArray();
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).getAsDouble();
    }
    return values;
  }
}
