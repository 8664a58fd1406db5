package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonParser;
import dev.ebm.core.io.Directories;
import dev.ebm.core.run.RunDirectory;
import dev.ebm.core.testing.CapturedWarnings;
import dev.ebm.core.train.MetricsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files a run cannot write are operator messages: one line with what was being written, the step,
 * the last complete checkpoint and what to do (a stack trace only with {@code --verbose}); no
 * temporary checkpoint folder is left; {@code metrics.jsonl} never ends in a partial line, and a
 * resumed run drops a partial line and the lines after the step it resumes from.
 */
class RunFilesFailSafeTest {

  @TempDir Path dir;

  private static String[] train(Path run, String... more) {
    return Cli.concat(
        new String[] {
          "train",
          "--data",
          "toy:moons",
          "--model",
          "mlp:hidden=32:32",
          "--checkpoint-every",
          "10",
          "--log-every",
          "5",
          "--run",
          run.toString()
        },
        more);
  }

  private static List<String> temporaryFolders(Path checkpoints) throws IOException {
    try (Stream<Path> entries = Files.list(checkpoints)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-")).toList();
    }
  }

  @Test
  void aFullDiskStopsTrainingWithOneLineAndKeepsTheLastCheckpoint() throws Exception {
    Path small = Files.createDirectories(dir.resolve("small"));
    // Two checkpoints of this model do not fit in 80 kB (each takes 32 kB on tmpfs).
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=80k", "tmpfs", small.toString())
            .redirectErrorStream(true)
            .start();
    assumeTrue(
        mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0,
        "mounting a small file system needs privileges this machine does not give");
    try {
      Path run = small.resolve("run");
      Cli.Outcome failed = Cli.run(train(run, "--steps", "60"));
      assertEquals(2, failed.status(), failed.err());
      String line =
          failed.err().lines().filter(l -> l.startsWith("ebm train:")).findFirst().orElseThrow();
      assertTrue(line.contains("could not write the checkpoint of step 20"), line);
      assertTrue(line.contains("No space left on device"), line);
      assertTrue(line.contains("the last complete checkpoint is step 10"), line);
      assertTrue(line.contains("run the same command again to resume"), line);
      assertFalse(failed.err().contains("\tat "), "no stack trace: " + failed.err());
      Path checkpoints = RunDirectory.at(run).checkpoints();
      assertEquals(List.of(), temporaryFolders(checkpoints));
      assertTrue(Files.readString(RunDirectory.at(run).metrics()).endsWith("\n"));
    } finally {
      new ProcessBuilder("umount", small.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aCheckpointThatCannotBeWrittenIsOneLineAndTheFreshRunLeavesNothing() throws IOException {
    Path run = Files.createDirectories(dir.resolve("blocked"));
    // A file where the checkpoints' folder should be: every checkpoint fails to be written.
    Files.writeString(RunDirectory.at(run).checkpoints(), "not a folder");
    Cli.Outcome failed = Cli.run(train(run, "--steps", "20"));
    assertEquals(2, failed.status(), failed.err());
    assertTrue(failed.err().contains("could not write the checkpoint of step 10"), failed.err());
    assertTrue(failed.err().contains("no checkpoint was written yet"), failed.err());
    assertFalse(failed.err().contains("\tat "), failed.err());
    try (Stream<Path> left = Files.list(run)) {
      assertEquals(
          List.of(RunDirectory.at(run).checkpoints()),
          left.toList(),
          "a fresh run that failed leaves the directory as it was");
    }
    Cli.Outcome verbose = Cli.run(Cli.concat(train(run, "--steps", "20"), "--verbose"));
    assertEquals(2, verbose.status());
    assertTrue(verbose.err().contains("\tat "), "--verbose shows the stack: " + verbose.err());
  }

  @Test
  void aResumedRunDropsAPartialMetricsLineAndTheLinesAfterItsCheckpoint() throws IOException {
    Path run = dir.resolve("resumed");
    assertEquals(0, Cli.run(train(run, "--steps", "20")).status());
    // As a run that died: its newest checkpoint lost, a line half written.
    Path checkpoints = RunDirectory.at(run).checkpoints();
    Directories.deleteRecursively(checkpoints.resolve("ckpt-000000000020"));
    Path metrics = RunDirectory.at(run).metrics();
    Files.writeString(metrics, Files.readString(metrics) + "{\"step\":21,\"lo");
    List<String> warnings;
    try (CapturedWarnings captured = CapturedWarnings.of(MetricsFile.class)) {
      Cli.Outcome resumed = Cli.run(train(run, "--steps", "30"));
      assertEquals(0, resumed.status(), resumed.err());
      warnings = captured.messages();
    }
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("partial last line"), warnings.toString());
    assertTrue(warnings.get(1).contains("after step 10"), warnings.toString());
    List<Long> steps =
        Files.readAllLines(metrics).stream()
            .map(l -> JsonParser.parseString(l).getAsJsonObject().get("step").getAsLong())
            .toList();
    assertEquals(List.of(5L, 10L, 15L, 20L, 25L, 30L), steps);
  }
}
