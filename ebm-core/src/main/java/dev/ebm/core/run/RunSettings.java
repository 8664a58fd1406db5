package dev.ebm.core.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ebm.core.config.Options;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that defines a training run, as saved in {@code run.json} in its directory so that a
 * later use (resume, sampling, export) rebuilds exactly the same graph. This is the file's format;
 * the typed way to set up a run is {@code dev.ebm.api.Training}, which writes it.
 *
 * @param data where the data comes from: {@code toy:<name>}, {@code csv:<file>} or {@code
 *     idx:<file>} ({@code dev.ebm.api.TrainingData})
 * @param model {@code name[:key=value,…]}
 * @param method {@code name[:key=value,…]}
 * @param batch the batch size
 * @param optimizer {@code adam} or {@code sgd}
 * @param learningRate the learning rate
 * @param ema the moving-average decay (0 for none)
 * @param clipNorm the gradient-norm clip (0 for none)
 * @param seed the seed of data, initialisation and every random draw
 * @param standardize whether the model trains on standardised data ({@code Standardization});
 *     everything read back from the run is in the data's own units
 * @param lrDecaySteps the steps over which the learning rate falls to 0 along a half cosine ({@code
 *     LearningRateSchedule}), 0 for a constant rate (runs written before it existed read as 0)
 */
public record RunSettings(
    String data,
    String model,
    String method,
    int batch,
    String optimizer,
    double learningRate,
    double ema,
    double clipNorm,
    long seed,
    boolean standardize,
    long lrDecaySteps) {

  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
  private static final String FORMAT_VERSION = "format_version";

  /** The model's name, without its options. */
  public String modelName() {
    return modelOptions().owner();
  }

  /** The model's options as written after its name. */
  public Options modelOptions() {
    return Options.parseSpec(model);
  }

  /** The method's name, without its options. */
  public String methodName() {
    return methodOptions().owner();
  }

  /** The method's options as written after its name. */
  public Options methodOptions() {
    return Options.parseSpec(method);
  }

  /** Writes {@code run.json} into {@code directory}, with the run format version. */
  public void save(Path directory) throws IOException {
    RunDirectory run = RunDirectory.at(directory);
    Files.createDirectories(directory);
    JsonObject json = GSON.toJsonTree(this).getAsJsonObject();
    json.addProperty(FORMAT_VERSION, RunDirectory.FORMAT_VERSION);
    Files.writeString(run.settings(), GSON.toJson(json));
  }

  /**
   * Reads {@code run.json} from a run directory.
   *
   * @throws IllegalArgumentException if the directory holds no run
   * @throws IllegalStateException if it was written in a format this version cannot read
   */
  public static RunSettings load(Path directory) throws IOException {
    Path file = RunDirectory.at(directory).settings();
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(
          directory + " is not a training run (no run.json); train one into it first");
    }
    JsonObject json;
    try {
      json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          file + " is not valid JSON (" + e.getMessage() + "); is it damaged?", e);
    }
    JsonElement version = json.remove(FORMAT_VERSION);
    RunDirectory.requireReadable(version == null ? 0 : version.getAsInt(), file);
    return GSON.fromJson(json, RunSettings.class);
  }

  /**
   * The settings in a configuration file of the format {@code run.json} is written in (any subset
   * of its keys), checked key by key: values by their record component's name, of its type.
   *
   * @throws IllegalArgumentException naming the file and the unknown key, the wrong type, or the
   *     missing file
   */
  public static Map<String, Object> readSettings(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    JsonObject json;
    try {
      json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          file + " is not a JSON object (" + e.getMessage() + ")", e);
    }
    JsonElement version = json.remove(FORMAT_VERSION);
    if (version != null) {
      RunDirectory.requireReadable(version.getAsInt(), file);
    }
    Map<String, RecordComponent> components = new LinkedHashMap<>();
    for (RecordComponent c : RunSettings.class.getRecordComponents()) {
      components.put(c.getName(), c);
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
      RecordComponent component = components.get(entry.getKey());
      if (component == null) {
        throw new IllegalArgumentException(
            file
                + ": unknown key '"
                + entry.getKey()
                + "'; known: "
                + String.join(", ", components.keySet()));
      }
      settings.put(
          entry.getKey(), typed(file, entry.getKey(), entry.getValue(), component.getType()));
    }
    return settings;
  }

  private static Object typed(Path file, String key, JsonElement value, Class<?> type) {
    boolean string = value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
    boolean number = value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber();
    if (type == String.class && string) {
      return value.getAsString();
    }
    if (type == boolean.class
        && value.isJsonPrimitive()
        && value.getAsJsonPrimitive().isBoolean()) {
      return value.getAsBoolean();
    }
    if (number && (type == double.class)) {
      return value.getAsDouble();
    }
    if (number && (type == int.class || type == long.class)) {
      double v = value.getAsDouble();
      if (v == Math.rint(v)
          && Math.abs(v) <= (type == int.class ? Integer.MAX_VALUE : 9.007199254740992E15)) {
        return type == int.class ? (Object) (int) v : (Object) (long) v;
      }
    }
    String expected =
        type == String.class
            ? "a string"
            : type == double.class
                ? "a number"
                : type == boolean.class ? "true or false" : "a whole number";
    throw new IllegalArgumentException(
        file + ": '" + key + "' must be " + expected + ", got " + value);
  }

  /** Whether {@code directory} holds a run. */
  public static boolean existsIn(Path directory) {
    return Files.exists(RunDirectory.at(directory).settings());
  }
}
