package dev.ebm.experiments.reproduce;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ebm.core.run.RunDirectory;
import dev.ebm.experiments.Ebm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** The {@code eval.json} that {@code ebm eval} wrote into {@code run}. */
  static JsonObject evaluation(Path run) throws IOException {
    return JsonParser.parseString(Files.readString(RunDirectory.at(run).evaluation()))
        .getAsJsonObject();
  }
}
