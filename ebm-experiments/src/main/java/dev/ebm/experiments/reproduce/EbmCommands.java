package dev.ebm.experiments.reproduce;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ebm.core.config.Options;
import dev.ebm.core.run.RunDirectory;
import dev.ebm.experiments.Ebm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code ebm} commands in this process, as a user would type them, so that a reproduction
 * measures exactly what the command line does.
 */
final class EbmCommands {

  private EbmCommands() {}

  /**
   * Runs {@code ebm ARGS}.
   *
   * @throws IllegalStateException naming the command, if it fails
   */
  static void run(List<String> args) {
    int status = Ebm.commandLine().execute(args.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("ebm " + String.join(" ", args) + " exited with " + status);
    }
  }

  /** Runs {@code ebm train --data DATA --method METHOD --run RUN} with {@code more} options. */
  static void train(String data, String method, Path run, String... more) {
    run(trainArguments(data, method, run, more));
  }

  /**
   * Runs {@code ebm train} as {@link #train} does; returns false if its divergence guard stopped
   * it.
   *
   * @throws IllegalStateException naming the command, if it fails otherwise
   */
  static boolean trainUnlessDiverged(String data, String method, Path run, String... more) {
    List<String> args = trainArguments(data, method, run, more);
    int status = Ebm.commandLine().execute(args.toArray(String[]::new));
    if (status != 0 && status != Ebm.EXIT_DIVERGED) {
      throw new IllegalStateException("ebm " + String.join(" ", args) + " exited with " + status);
    }
    return status == 0;
  }

  private static List<String> trainArguments(String data, String method, Path run, String... more) {
    List<String> args = new ArrayList<>(List.of("train", "--data", data, "--method", method));
    args.addAll(List.of(more));
    args.addAll(List.of("--run", "" + run));
    return args;
  }

  /**
   * The {@code ebm train} options the image reproductions share: {@code model}, {@code steps}, the
   * {@code batch}, {@code ema} and {@code seed} of their settings, and a log line every tenth of
   * the run.
   */
  static String[] imageTrainingOptions(String model, long steps, Options settings) {
    return new String[] {
      "--model",
      model,
      "--steps",
      "" + steps,
      "--batch",
      "" + settings.integer("batch"),
      "--ema",
      "" + settings.number("ema"),
      "--seed",
      "" + settings.integer("seed"),
      "--log-every",
      "" + Math.max(1, steps / 10)
    };
  }

  /** Runs {@code ebm eval --run RUN} with {@code more} options; returns the {@code eval.json}. */
  static JsonObject eval(Path run, String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("eval", "--run", "" + run));
    args.addAll(List.of(more));
    run(args);
    return evaluation(run);
  }

  /** The {@code eval.json} that {@code ebm eval} wrote into {@code run}. */
  static JsonObject evaluation(Path run) throws IOException {
    return JsonParser.parseString(Files.readString(RunDirectory.at(run).evaluation()))
        .getAsJsonObject();
  }
}
