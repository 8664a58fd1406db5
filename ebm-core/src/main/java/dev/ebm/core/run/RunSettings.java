package dev.ebm.core.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ebm.core.config.Options;
import dev.ebm.core.io.JsonFiles;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
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
   * Reads {@code run.json} from a run directory. Every setting must be there with a value of its
   * type, except {@code standardize} and {@code lrDecaySteps}, which runs written before they
   * existed lack (read as {@code false} and 0); keys of no setting are ignored.
   *
   * @throws IllegalArgumentException if the directory holds no run
   * @throws IllegalStateException naming the file, if it was written in a format this version
   *     cannot read, or is damaged (not JSON, a setting missing or of the wrong type)
   * @throws IOException naming the file, if it cannot be read
   */
  public static RunSettings load(Path directory) throws IOException {
    Path file = RunDirectory.at(directory).settings();
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(
          directory + " is not a training run (no run.json); train one into it first");
    }
    JsonObject json;
    try {
      json = JsonFiles.read(file).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          file + " is not valid JSON (" + e.getMessage() + "); is it damaged?", e);
    }
    RunDirectory.requireReadable(json.remove(FORMAT_VERSION), file);
    Map<String, Object> values = new LinkedHashMap<>();
    for (RecordComponent c : RunSettings.class.getRecordComponents()) {
      JsonElement value = json.get(c.getName());
      if (value == null || value.isJsonNull()) {
        if (!OPTIONAL.containsKey(c.getName())) {
          throw new IllegalStateException(
              file + " has no '" + c.getName() + "' setting; is it damaged?");
        }
        values.put(c.getName(), OPTIONAL.get(c.getName()));
        continue;
      }
      try {
        values.put(c.getName(), typed(file, c.getName(), value, c.getType()));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(e.getMessage() + "; is it damaged?", e);
      }
    }
    return new RunSettings(
        (String) values.get("data"),
        (String) values.get("model"),
        (String) values.get("method"),
        (Integer) values.get("batch"),
        (String) values.get("optimizer"),
        (Double) values.get("learningRate"),
        (Double) values.get("ema"),
        (Double) values.get("clipNorm"),
        (Long) values.get("seed"),
        (Boolean) values.get("standardize"),
        (Long) values.get("lrDecaySteps"));
  }

  /** The settings added after the first runs were written, with the value their absence means. */
  private static final Map<String, Object> OPTIONAL =
      Map.of("standardize", false, "lrDecaySteps", 0L);

  /**
   * The settings in a configuration file of the format {@code run.json} is written in (any subset
   * of its keys), checked key by key: values by their record component's name, of its type.
   *
   * @throws IllegalArgumentException naming the file and the unknown key, the wrong type, or the
   *     missing file
   * @throws IllegalStateException naming the file, if it records a format this version cannot read
   * @throws IOException naming the file, if it cannot be read
   */
  public static Map<String, Object> readSettings(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    JsonObject json;
    try {
      json = JsonFiles.read(file).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          file + " is not a JSON object (" + e.getMessage() + ")", e);
    }
    JsonElement version = json.remove(FORMAT_VERSION);
    if (version != null) {
      RunDirectory.requireReadable((int) typed(file, FORMAT_VERSION, version, int.class), file);
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

  /**
   * {@code value} as {@code type}: a JSON string for a {@code String}, {@code true} or {@code
   * false} for a {@code boolean}, a finite number for a {@code double}, a whole number in range for
   * an {@code int} or {@code long}.
   *
   * @throws IllegalArgumentException naming the file, the key, what it must be and what it is
   */
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
    if (number && type == double.class && Double.isFinite(value.getAsDouble())) {
      return value.getAsDouble();
    }
    if (number && (type == int.class || type == long.class)) {
      try {
        BigDecimal exact = new BigDecimal(value.getAsString());
        return type == int.class ? (Object) exact.intValueExact() : (Object) exact.longValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        // not a whole number in range: refused below
      }
    }
    String expected =
        type == String.class
            ? "a string"
            : type == double.class
                ? "a finite number"
                : type == boolean.class ? "true or false" : "a whole number";
    throw new IllegalArgumentException(
        file + ": '" + key + "' must be " + expected + ", got " + abbreviated(value));
  }

  /** {@code value} as JSON, cut short if long (a damaged file may hold anything). */
  private static String abbreviated(JsonElement value) {
    String text = value.toString();
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  /** Whether {@code directory} holds a run. */
  public static boolean existsIn(Path directory) {
    return Files.exists(RunDirectory.at(directory).settings());
  }
}
