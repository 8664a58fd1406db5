package dev.ebm.experiments;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.data.Standardization;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.core.model.NoiseConditionalEnergyModel;
import dev.ebm.core.model.StandardizedEnergy;
import dev.ebm.core.run.RunDirectory;
import dev.ebm.core.train.LearningRateSchedule;
import dev.ebm.core.train.OptimizerConfig;
import dev.ebm.core.train.ProgramConfig;
import dev.ebm.core.train.StepsPerRun;
import dev.ebm.core.train.TrainingProgram;
import dev.ebm.methods.NoiseConditionalScoreMatching;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tensorflow.types.family.TFloating;

/**
 * Everything that defines a training run, saved as {@code run.json} in its directory so that a
 * later command (resume, export) rebuilds exactly the same graph.
 *
 * @param data the data spec ({@link DataSpec})
 * @param model {@code name[:key=value,…]}
 * @param method {@code name[:key=value,…]}
 * @param batch the batch size
 * @param optimizer {@code adam} or {@code sgd}
 * @param learningRate the learning rate
 * @param ema the moving-average decay (0 for none)
 * @param clipNorm the gradient-norm clip (0 for none)
 * @param seed the seed of data, initialisation and every random draw
 * @param standardize whether the model trains on standardised data ({@link Standardization});
 *     everything read back from the run is in the data's own units
 * @param lrDecaySteps the steps over which the learning rate falls to 0 along a half cosine ({@link
 *     LearningRateSchedule}), 0 for a constant rate (runs written before it existed read as 0)
 */
public record RunSpec(
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

  /**
   * The built training step and what it was built from.
   *
   * @param data the data the model trains on (standardised, if asked)
   * @param original the data in its own units
   * @param statistics the statistics of {@code data}, which fitted defaults are fitted to
   * @param model the model trained
   * @param program the training step
   * @param standardization the map from {@code original} to {@code data}, if asked
   */
  public record Built<T extends TFloating>(
      Dataset data,
      Dataset original,
      DataStatistics statistics,
      EnergyModel model,
      TrainingProgram<T> program,
      Optional<Standardization> standardization) {

    /** The trained model in the data's own units. */
    public EnergyModel modelInDataUnits() {
      return standardization.<EnergyModel>map(s -> new StandardizedEnergy(model, s)).orElse(model);
    }
  }

  /**
   * Loads the data and builds model, method and training step in {@code graph}, one step per
   * session call (for reading a run back: sampling, evaluation, export).
   */
  public <T extends TFloating> Built<T> build(ModelGraph<T> graph) throws IOException {
    return build(graph, StepsPerRun.fixed(1));
  }

  /**
   * Loads the data and builds model, method and training step in {@code graph}, {@code stepsPerRun}
   * steps per session call (which changes the speed, never the result).
   */
  public <T extends TFloating> Built<T> build(ModelGraph<T> graph, StepsPerRun stepsPerRun)
      throws IOException {
    Dataset original = DataSpec.load(data, seed);
    Optional<Standardization> standardization =
        standardize ? Optional.of(Standardization.of(original)) : Optional.empty();
    Dataset dataset = standardization.map(s -> s.apply(original)).orElse(original);
    DataStatistics statistics = DataStatistics.of(dataset);
    TrainingMethod objective = createMethod();
    EnergyModel energy =
        EnergyModelProvider.byName(name(model))
            .create(dataset.sampleShape(), modelOptions(objective, statistics));
    if (standardize && energy instanceof NoiseConditionalEnergyModel) {
      throw new IllegalArgumentException(
          "--standardize does not take a noise-conditional model yet: its noise levels and"
              + " samplers would be in standardised units; standardise the data yourself");
    }
    OptimizerConfig opt =
        switch (optimizer) {
          case "adam" -> OptimizerConfig.adam(learningRate);
          case "sgd" -> OptimizerConfig.sgd(learningRate);
          default ->
              throw new IllegalArgumentException(
                  "optimizer '" + optimizer + "' is not adam or sgd");
        };
    ProgramConfig config = ProgramConfig.of(opt);
    if (ema > 0) {
      config = config.withEma(ema);
    }
    if (clipNorm > 0) {
      config = config.withClipNorm(clipNorm);
    }
    if (lrDecaySteps > 0) {
      config = config.withSchedule(LearningRateSchedule.cosine(lrDecaySteps));
    }
    TrainingProgram<T> program =
        TrainingProgram.build(graph, energy, objective, config, statistics, batch, stepsPerRun);
    return new Built<>(dataset, original, statistics, energy, program, standardization);
  }

  /**
   * The model's options as given, completed with what the method implies where they are not given:
   * a method that trains at several noise levels makes the model noise-conditional ({@code
   * noise_conditional=true}), and {@code ncsn} sets the noise level of the unconditioned energy
   * ({@code sigma}) to its smallest level for this data, so that scores, log densities, exports and
   * sampling use the level the model was trained at.
   */
  private Options modelOptions(TrainingMethod method, DataStatistics data) {
    Options given = options(model);
    Map<String, String> values = new LinkedHashMap<>(given.given());
    Set<String> keys = EnergyModelProvider.byName(name(model)).options().keys();
    if (method.requirements().noiseConditional() && keys.contains("noise_conditional")) {
      values.putIfAbsent("noise_conditional", "true");
    }
    if (method instanceof NoiseConditionalScoreMatching ncsn
        && keys.contains("sigma")
        && "true".equals(values.get("noise_conditional"))) {
      values.putIfAbsent("sigma", String.valueOf(ncsn.schedule(data).smallest()));
    }
    return Options.of(given.owner(), values);
  }

  /**
   * The model's and method's options with their defaults filled in, as their providers declare them
   * ({@code model_options}, {@code method_options}), for the run's provenance; a provider that
   * declares none records the options as given. The model's are those the method completed ({@link
   * #modelOptions}) for the training data {@code data}.
   */
  public Map<String, String> resolvedOptions(DataStatistics data) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(
        "model_options",
        resolved(
            EnergyModelProvider.byName(name(model)).options(), modelOptions(createMethod(), data)));
    out.put(
        "method_options",
        resolved(TrainingMethodProvider.byName(name(method)).options(), options(method)));
    return out;
  }

  private static String resolved(OptionSchema schema, Options given) {
    Map<String, String> values =
        schema.specs().isEmpty() ? given.given() : schema.resolvedValues(given);
    StringBuilder text = new StringBuilder();
    values.forEach(
        (k, v) -> text.append(text.length() > 0 ? "," : "").append(k).append('=').append(v));
    return text.toString();
  }

  /** The training method these settings name, with its options. */
  public TrainingMethod createMethod() {
    return TrainingMethodProvider.byName(name(method)).create(options(method));
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
  public static RunSpec load(Path directory) throws IOException {
    Path file = RunDirectory.at(directory).settings();
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(
          directory
              + " is not a training run (no run.json); train one with ebm train --run "
              + directory);
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
    return GSON.fromJson(json, RunSpec.class);
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
    for (RecordComponent c : RunSpec.class.getRecordComponents()) {
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

  private static String name(String spec) {
    int colon = spec.indexOf(':');
    return colon < 0 ? spec : spec.substring(0, colon);
  }

  private static Options options(String spec) {
    int colon = spec.indexOf(':');
    return Options.parse(name(spec), colon < 0 ? "" : spec.substring(colon + 1));
  }
}
