package dev.ebm.experiments;

import dev.ebm.api.Training;
import dev.ebm.api.TrainingData;
import dev.ebm.core.run.RunSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * {@code ebm train}'s options that a run's {@code run.json} records (data, model, method, batch,
 * optimiser, learning rate and its decay, moving average, clipping, seed, standardisation), and
 * {@code --config}, a file of them that the options given override.
 */
final class RunSettingsOptions {

  @Option(
      names = "--config",
      description =
          "a settings file in run.json's format (keys data, model, method, batch, optimizer,"
              + " learningRate, ema, clipNorm, seed, standardize, lrDecaySteps; any subset)")
  Path config;

  @Option(
      names = "--data",
      description = "toy:<name>, csv:<file> or idx:<file> (required, here or in --config)")
  String data;

  @Option(
      names = "--model",
      defaultValue = Training.DEFAULT_MODEL,
      description = "name[:key=value,...] (default: ${DEFAULT-VALUE}; see ebm list)")
  String model;

  @Option(
      names = "--method",
      defaultValue = Training.DEFAULT_METHOD,
      description = "name[:key=value,...] (default: ${DEFAULT-VALUE}; see ebm list)")
  String method;

  @Option(
      names = "--batch",
      description =
          "batch size (default: the method's own, "
              + Training.DEFAULT_BATCH
              + " unless it measured better at another — ncsn 512; a resumed run keeps its own)")
  Integer batch;

  @Option(
      names = "--optimizer",
      defaultValue = "adam",
      description = "adam or sgd (default: ${DEFAULT-VALUE})")
  String optimizer;

  @Option(
      names = "--lr",
      description =
          "learning rate (default: the method's own, "
              + Training.DEFAULT_LEARNING_RATE
              + " unless it measured better at another — dsm 0.003; a resumed run keeps its own)")
  Double learningRate;

  @Option(
      names = "--ema",
      defaultValue = "" + Training.DEFAULT_EMA,
      description =
          "moving-average decay of the parameters, 0 for none (default: ${DEFAULT-VALUE})")
  double ema;

  @Option(
      names = "--lr-decay",
      defaultValue = "0",
      description =
          "steps over which the learning rate falls to 0 along a half cosine, lr·½(1 + cos(π·t/N)),"
              + " then stays 0; 0 for a constant rate (default: ${DEFAULT-VALUE})")
  long lrDecaySteps;

  @Option(
      names = "--clip-norm",
      defaultValue = "0",
      description = "gradient-norm clip, 0 for none (default: ${DEFAULT-VALUE})")
  double clipNorm;

  @Option(
      names = "--standardize",
      negatable = true,
      description =
          "train on data standardised to zero mean and unit scale per coordinate; samples,"
              + " scores, log densities and exports stay in the data's own units (default: on for"
              + " vectors far from unit scale — a mean beyond ±10, a scale outside 0.1–10 or"
              + " scales 10× apart — off for other vectors and for images; a resumed run keeps"
              + " its own; --no-standardize trains on the raw values)")
  Boolean standardize;

  @Option(names = "--seed", defaultValue = "0", description = "seed (default: ${DEFAULT-VALUE})")
  long seed;

  /**
   * The run's recorded settings: each from the command line when given there, else from {@code
   * --config} when it has it, else the option's default.
   */
  Training.Builder settings(CommandSpec command) throws IOException {
    Map<String, Object> file = config == null ? Map.of() : RunSettings.readSettings(config);
    ParseResult parsed = command.commandLine().getParseResult();
    Function<String, Object> pick =
        key -> {
          String flag = SettingFlags.flagOf(key);
          return parsed.hasMatchedOption(flag) || !file.containsKey(key)
              ? command.findOption(flag).getValue()
              : file.get(key);
        };
    Object dataSpec = pick.apply("data");
    if (dataSpec == null) {
      throw new IllegalArgumentException(
          "no training data: give --data (toy:<name>, csv:<file> or idx:<file>) or a --config with"
              + " a data entry");
    }
    Training.Builder builder = Training.on(TrainingData.parse((String) dataSpec));
    Object standardize = pick.apply("standardize");
    if (standardize != null) {
      builder.standardize((Boolean) standardize);
    }
    Object learningRate = pick.apply("learningRate");
    if (learningRate != null) {
      builder.learningRate((Double) learningRate);
    }
    Object batch = pick.apply("batch");
    if (batch != null) {
      builder.batch((Integer) batch);
    }
    return builder
        .model((String) pick.apply("model"))
        .method((String) pick.apply("method"))
        .optimizer(Training.Optimizer.parse((String) pick.apply("optimizer")))
        .ema((Double) pick.apply("ema"))
        .clipNorm((Double) pick.apply("clipNorm"))
        .seed((Long) pick.apply("seed"))
        .learningRateDecay((Long) pick.apply("lrDecaySteps"));
  }
}
