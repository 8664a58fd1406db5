package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.run.RunSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ebm train --config}: settings from a file in run.json's format, overridden by options on
 * the command line; a run's own run.json starts a new run with its settings; a bad file is an error
 * naming what is wrong, with nothing written.
 */
class ConfigFileTest {

  @TempDir Path dir;

  @Test
  void settingsComeFromTheFileUnlessTheCommandLineGivesThem() throws Exception {
    Path config = dir.resolve("settings.json");
    Files.writeString(
        config,
        "{\"data\": \"toy:moons\", \"model\": \"mlp:hidden=8\", \"method\": \"dsm:sigma=0.2\","
            + " \"batch\": 32, \"learningRate\": 0.002, \"lrDecaySteps\": 4}");
    Path run = dir.resolve("a");
    Cli.Outcome trained =
        Cli.run(
            "train",
            "--config",
            config.toString(),
            "--lr",
            "0.003",
            "--steps",
            "5",
            "--run",
            run.toString());
    assertEquals(0, trained.status(), trained.err());
    RunSettings spec = RunSettings.load(run);
    assertEquals("toy:moons", spec.data());
    assertEquals("mlp:hidden=8", spec.model());
    assertEquals(32, spec.batch());
    assertEquals(0.003, spec.learningRate(), "the command line overrides the file");
    assertEquals(0.999, spec.ema(), "keys the file leaves out keep their defaults");
    assertEquals(4, spec.lrDecaySteps());
    assertTrue(
        trained.out().contains("learning rate cosine decay to 0 over 4 steps"), trained.out());
    assertTrue(
        trained
            .out()
            .contains(
                "the learning rate reaches 0 at step 4 (the end of its decay), so the 1 step(s)"),
        trained.out());

    Path copy = dir.resolve("b");
    Cli.Outcome again =
        Cli.run(
            "train",
            "--config",
            run.resolve("run.json").toString(),
            "--steps",
            "5",
            "--run",
            copy.toString());
    assertEquals(0, again.status(), again.err());
    assertEquals(spec, RunSettings.load(copy), "a run's run.json starts a run with its settings");
  }

  @Test
  void aBadFileIsAnErrorNamingWhatIsWrong() throws Exception {
    Path unknown = dir.resolve("unknown.json");
    Files.writeString(unknown, "{\"data\": \"toy:moons\", \"lr\": 0.1}");
    Cli.Outcome a =
        Cli.run("train", "--config", unknown.toString(), "--run", dir.resolve("x").toString());
    assertEquals(2, a.status());
    assertTrue(a.err().contains("unknown key 'lr'") && a.err().contains("learningRate"), a.err());

    Path wrongType = dir.resolve("type.json");
    Files.writeString(wrongType, "{\"data\": \"toy:moons\", \"batch\": \"big\"}");
    Cli.Outcome b =
        Cli.run("train", "--config", wrongType.toString(), "--run", dir.resolve("x").toString());
    assertEquals(2, b.status());
    assertTrue(b.err().contains("'batch' must be a whole number, got \"big\""), b.err());

    Path missing = dir.resolve("missing.json");
    Cli.Outcome c =
        Cli.run("train", "--config", missing.toString(), "--run", dir.resolve("x").toString());
    assertEquals(2, c.status());
    assertTrue(c.err().contains("no such file: " + missing), c.err());

    Cli.Outcome d = Cli.run("train", "--run", dir.resolve("x").toString());
    assertEquals(2, d.status());
    assertTrue(d.err().contains("give --data"), d.err());
    assertFalse(Files.exists(dir.resolve("x")), "nothing is written");
  }
}
