package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ebm} launcher script: quiet by default (TensorFlow's native start-up lines are kept
 * off the terminal while ebm's own progress and errors reach it), everything with {@code
 * --verbose}, and ebm's errors on stderr with status 2.
 */
class LauncherTest {

  @TempDir Path dir;

  private record Launched(int status, String out, String err) {}

  private Launched launch(String... args) throws IOException, InterruptedException {
    Path launcher = Path.of(System.getProperty("user.dir")).getParent().resolve("ebm");
    List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("TF_CPP_MIN_LOG_LEVEL");
    builder.environment().put("EBM_CLASSPATH", System.getProperty("java.class.path"));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the launcher did not finish in 2 minutes");
    return new Launched(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
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
    Launched quiet = launch(shortRun("quiet"));
    assertEquals(0, quiet.status(), quiet.err());
    assertTrue(quiet.out().contains("trained from step 0 to 5"), quiet.out());
    assertTrue(
        quiet.err().contains("done: 5 steps"), "our progress reaches stderr: " + quiet.err());
    for (String nativeLine : List.of("absl", "I0000", "tensorflow/core", "oneDNN")) {
      assertFalse(quiet.err().contains(nativeLine), nativeLine + " in:\n" + quiet.err());
      assertFalse(quiet.out().contains(nativeLine), nativeLine + " in:\n" + quiet.out());
    }
    String[] verboseRun = Cli.concat(shortRun("verbose"), "--verbose");
    Launched verbose = launch(verboseRun);
    assertEquals(0, verbose.status(), verbose.err());
    assertTrue(
        verbose.err().contains("tensorflow"), "native lines with --verbose:\n" + verbose.err());
  }

  @Test
  void ourErrorsGoToStderrWithStatus2() throws Exception {
    Launched typo =
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
