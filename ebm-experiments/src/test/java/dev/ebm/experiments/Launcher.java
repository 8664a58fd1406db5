package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code ebm} launcher script in a child process, on this test's class path (through
 * {@code EBM_CLASSPATH}, so that it does not build) and without {@code TF_CPP_MIN_LOG_LEVEL}.
 */
final class Launcher {

  private Launcher() {}

  /** What the launcher returned and printed. */
  record Launched(int status, String out, String err) {}

  /** Runs {@code ebm args…} with {@code environment} added, keeping its output in {@code dir}. */
  static Launched run(Path dir, Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("ebm");
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("TF_CPP_MIN_LOG_LEVEL");
    builder.environment().put("EBM_CLASSPATH", System.getProperty("java.class.path"));
    builder.environment().putAll(environment);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the launcher did not finish in 2 minutes");
    return new Launched(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
