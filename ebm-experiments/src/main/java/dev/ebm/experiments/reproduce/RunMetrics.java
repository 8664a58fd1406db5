package dev.ebm.experiments.reproduce;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ebm.core.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The per-step values a training run logged in its {@code metrics.jsonl}. */
final class RunMetrics {

  private RunMetrics() {}

  /**
   * The logged steps and the values of {@code key}: {@code [0]} the steps, {@code [1]} the values
   * (NaN where a line lacks the key or holds a non-number, as a diverged step writes).
   */
  static double[][] series(Path run, String key) throws IOException {
    List<String> lines = Files.readAllLines(RunDirectory.at(run).metrics());
    double[][] out = new double[2][lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      JsonObject line = JsonParser.parseString(lines.get(i)).getAsJsonObject();
      out[0][i] = line.get("step").getAsDouble();
      JsonElement value = line.get(key);
      out[1][i] = numberOrNaN(value);
    }
    return out;
  }

  /**
   * Whether the last logged mean energies of data or samples ({@code energy_data}, {@code
   * energy_samples}) are non-finite or beyond {@code bound} in magnitude: a run whose energies ran
   * away, whether or not its divergence guard stopped it.
   */
  static boolean energiesDiverged(Path run, double bound) throws IOException {
    for (String key : List.of("energy_data", "energy_samples")) {
      double[] values = series(run, key)[1];
      double last = values[values.length - 1];
      if (!(Math.abs(last) <= bound)) {
        return true;
      }
    }
    return false;
  }

  private static double numberOrNaN(JsonElement value) {
    if (value == null || !value.isJsonPrimitive()) {
      return Double.NaN;
    }
    try {
      return value.getAsDouble();
    } catch (NumberFormatException notANumber) {
      return Double.NaN;
    }
  }
}
