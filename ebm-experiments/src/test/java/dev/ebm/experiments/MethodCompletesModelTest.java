package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.ebm.api.TrainingData;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.run.RunDirectory;
import dev.ebm.methods.AnnealingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --method ncsn} with a plain {@code --model mlp}: the method makes the model
 * noise-conditional and sets its unconditioned level to the fitted σ_L, recorded in the provenance;
 * what the user gives stays as given.
 */
class MethodCompletesModelTest {

  @TempDir Path dir;

  private String modelOptions(String model) throws Exception {
    Path run = dir.resolve(model.replace(':', '_').replace('=', '_'));
    Cli.Outcome trained =
        Cli.run(
            "train",
            "--data",
            "toy:moons",
            "--model",
            model,
            "--method",
            "ncsn",
            "--steps",
            "5",
            "--run",
            run.toString());
    assertEquals(0, trained.status(), trained.err());
    return JsonParser.parseString(Files.readString(RunDirectory.at(run).provenance()))
        .getAsJsonObject()
        .get("model_options")
        .getAsString();
  }

  @Test
  void ncsnMakesTheModelNoiseConditionalAtItsSmallestLevel() throws Exception {
    double smallest =
        AnnealingSettings.SIGMA_MIN_PER_DATA_STD
            * DataStatistics.of(TrainingData.toy("moons").load(0)).rmsStandardDeviation();
    String completed = modelOptions("mlp:hidden=16:16");
    assertTrue(completed.contains("noise_conditional=true"), completed);
    String sigma = completed.replaceAll(".*sigma=([^,]+).*", "$1");
    assertEquals(smallest, Double.parseDouble(sigma), 1e-9, completed);

    String given = modelOptions("mlp:hidden=16:16,noise_conditional=true,sigma=0.25");
    assertTrue(given.contains("sigma=0.25"), given);
  }
}
