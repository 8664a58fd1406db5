package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ebm} launcher script: quiet by default (TensorFlow's native start-up lines are kept
 * off the terminal while ebm's own progress and errors reach it), everything with {@code
 * --verbose}, and ebm's errors on stderr with status 2.
 */
class LauncherTest {

  @TempDir Path dir;

  private Launcher.Launched launch(String... args) throws IOException, InterruptedException {
    return Launcher.run(dir, Map.of(), args);
  }

  private String[] shortRun(String name) {
    return new String[] {
      "train",
      "--data",
      "toy:moons",
      "--model",
      "mlp:hidden=8",
      "--steps",
      "5",
      "--log-every",
      "5",
      "--run",
      dir.resolve(name).toString()
    };
  }

  @Test
  void quietByDefaultVerboseOnRequest() throws Exception {
    Launcher.Launched quiet = launch(shortRun("quiet"));
    assertEquals(0, quiet.status(), quiet.err());
    assertTrue(quiet.out().contains("trained from step 0 to 5"), quiet.out());
    assertTrue(
        quiet.err().contains("done: 5 steps"), "our progress reaches stderr: " + quiet.err());
    for (String nativeLine : List.of("absl", "I0000", "tensorflow/core", "oneDNN")) {
      assertFalse(quiet.err().contains(nativeLine), nativeLine + " in:\n" + quiet.err());
      assertFalse(quiet.out().contains(nativeLine), nativeLine + " in:\n" + quiet.out());
    }
    String[] verboseRun = Cli.concat(shortRun("verbose"), "--verbose");
    Launcher.Launched verbose = launch(verboseRun);
    assertEquals(0, verbose.status(), verbose.err());
    assertTrue(
        verbose.err().contains("tensorflow"), "native lines with --verbose:\n" + verbose.err());
  }

  @Test
  void ourErrorsGoToStderrWithStatus2() throws Exception {
    Launcher.Launched typo =
        launch(
            "train",
            "--data",
            "toy:moons",
            "--method",
            "dsmx",
            "--run",
            dir.resolve("x").toString());
    assertEquals(2, typo.status());
    assertEquals("", typo.out());
    assertTrue(
        typo.err().strip().startsWith("ebm train: unknown training method 'dsmx'; available: "),
        typo.err());
    assertEquals(1, typo.err().strip().lines().count(), typo.err());
  }
}
