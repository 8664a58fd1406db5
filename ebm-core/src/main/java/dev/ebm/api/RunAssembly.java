package dev.ebm.api;

import dev.ebm.core.config.InvalidSettingException;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Standardization;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.core.model.StandardizedEnergy;
import dev.ebm.core.run.DataSummary;
import dev.ebm.core.run.RunSettings;
import dev.ebm.core.train.LearningRateSchedule;
import dev.ebm.core.train.OptimizerConfig;
import dev.ebm.core.train.ProgramConfig;
import dev.ebm.core.train.StepsPerRun;
import dev.ebm.core.train.TrainingProgram;
import dev.ebm.core.trained.TrainedModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Builds a run's model, method and training step in a graph from its settings and its data's
 * statistics: the one path by which training, resumption and reading a run back make the same
 * graph. A model or method given as a Java object is used as it is; one given by name is created
 * through its provider, with the options the method implies for the model ({@link
 * TrainingMethod#impliedModelOptions}) filled in where the user gave none.
 *
 * @param <T> the model's floating-point type
 * @param model the model, on the data it trains on (standardised, if asked)
 * @param method the training method
 * @param program the training step
 * @param data the statistics of the data
 * @param resolvedOptions the model's and method's options with their defaults, for provenance
 */
record RunAssembly<T extends TFloating>(
    EnergyModel model,
    TrainingMethod method,
    TrainingProgram<T> program,
    DataSummary data,
    Map<String, String> resolvedOptions) {

  /** The trained model in the data's own units. */
  EnergyModel modelInDataUnits() {
    return data.standardization()
        .<EnergyModel>map(s -> new StandardizedEnergy(model, s))
        .orElse(model);
  }

  /**
   * The trained model at {@code step}, in the data's units: the values of {@code parameters} (the
   * program's final parameters, read by ops built in advance where the graph runs on a cluster) and
   * the learned {@code log Z} of {@code logPartition}, which a standardised run's map adds {@code Σ
   * log s} to.
   */
  TrainedModel trainedModel(
      ModelGraph<T> graph, Parameters<T> parameters, Optional<Operand<T>> logPartition, long step) {
    double logScale = data.standardization().map(Standardization::logScale).orElse(0.0);
    OptionalDouble logZ =
        logPartition.isPresent()
            ? OptionalDouble.of(graph.evaluate(logPartition.get())[0] + logScale)
            : OptionalDouble.empty();
    return new TrainedModel(
        modelInDataUnits(), ParameterSnapshot.read(graph, parameters), step, logZ, data.data());
  }

  /**
   * Builds everything in {@code graph}, {@code stepsPerRun} training steps per session call.
   *
   * @throws InvalidSettingException naming the setting, if the settings do not go together
   * @throws IllegalArgumentException if the method cannot train the model, saying why
   */
  static <T extends TFloating> RunAssembly<T> build(
      ModelGraph<T> graph,
      RunSettings settings,
      Optional<EnergyModel> givenModel,
      Optional<TrainingMethod> givenMethod,
      DataSummary data,
      StepsPerRun stepsPerRun) {
    DataStatistics statistics = data.training();
    TrainingMethod method = givenMethod.orElseGet(() -> createMethod(settings));
    Options modelOptions = completedModelOptions(settings, method, statistics);
    EnergyModel model =
        givenModel.orElseGet(
            () ->
                EnergyModelProvider.byName(settings.modelName())
                    .create(data.sampleShape(), modelOptions));
    TrainingProgram<T> program =
        TrainingProgram.build(
            graph, model, method, config(settings), statistics, settings.batch(), stepsPerRun);
    Map<String, String> resolved = new LinkedHashMap<>();
    resolved.put(
        "model_options",
        givenModel.isPresent()
            ? String.valueOf(model.configuration())
            : resolved(EnergyModelProvider.byName(settings.modelName()).options(), modelOptions));
    resolved.put(
        "method_options",
        givenMethod.isPresent()
            ? String.valueOf(method.configuration())
            : resolved(
                TrainingMethodProvider.byName(settings.methodName()).options(),
                settings.methodOptions()));
    return new RunAssembly<>(model, method, program, data, resolved);
  }

  /** The method the settings name, with its options. */
  static TrainingMethod createMethod(RunSettings settings) {
    return TrainingMethodProvider.byName(settings.methodName()).create(settings.methodOptions());
  }

  /** The optimiser, clipping, moving average and schedule of the settings. */
  private static ProgramConfig config(RunSettings settings) {
    OptimizerConfig optimizer =
        switch (settings.optimizer()) {
          case "adam" -> OptimizerConfig.adam(settings.learningRate());
          case "sgd" -> OptimizerConfig.sgd(settings.learningRate());
          default ->
              throw new InvalidSettingException(
                  "optimizer", "'" + settings.optimizer() + "' is not adam or sgd");
        };
    ProgramConfig config = ProgramConfig.of(optimizer);
    if (settings.ema() > 0) {
      config = config.withEma(settings.ema());
    }
    if (settings.clipNorm() > 0) {
      config = config.withClipNorm(settings.clipNorm());
    }
    if (settings.lrDecaySteps() > 0) {
      config = config.withSchedule(LearningRateSchedule.cosine(settings.lrDecaySteps()));
    }
    return config;
  }

  /**
   * The model's options as given, completed with what the method implies where they are not given:
   * a method that trains at several noise levels makes the model noise-conditional ({@code
   * noise_conditional=true}), and the method's {@link TrainingMethod#impliedModelOptions} fill the
   * options the model declares and applies under its other options.
   */
  private static Options completedModelOptions(
      RunSettings settings, TrainingMethod method, DataStatistics data) {
    Options given = settings.modelOptions();
    Map<String, String> values = new LinkedHashMap<>(given.given());
    OptionSchema schema = EnergyModelProvider.byName(settings.modelName()).options();
    if (method.requirements().noiseConditional() && schema.keys().contains("noise_conditional")) {
      values.putIfAbsent("noise_conditional", "true");
    }
    method
        .impliedModelOptions(data)
        .forEach(
            (key, value) -> {
              if (appliesUnder(schema, key, values)) {
                values.putIfAbsent(key, value);
              }
            });
    return Options.of(given.owner(), values);
  }

  /** Whether the schema declares {@code key} and its condition holds under {@code values}. */
  private static boolean appliesUnder(OptionSchema schema, String key, Map<String, String> values) {
    for (OptionSpec spec : schema.specs()) {
      if (spec.key().equals(key)) {
        return spec.when()
            .map(
                condition ->
                    condition
                        .values()
                        .contains(
                            values.getOrDefault(
                                condition.key(), defaultOf(schema, condition.key()))))
            .orElse(true);
      }
    }
    return false;
  }

  private static String defaultOf(OptionSchema schema, String key) {
    return schema.specs().stream()
        .filter(s -> s.key().equals(key))
        .map(OptionSpec::defaultValue)
        .findFirst()
        .orElse("");
  }

  private static String resolved(OptionSchema schema, Options given) {
    Map<String, String> values =
        schema.specs().isEmpty() ? given.given() : schema.resolvedValues(given);
    StringBuilder text = new StringBuilder();
    values.forEach(
        (k, v) -> text.append(text.length() > 0 ? "," : "").append(k).append('=').append(v));
    return text.toString();
  }
}
