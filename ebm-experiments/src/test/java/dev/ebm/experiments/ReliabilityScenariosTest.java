package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.checkpoint.CheckpointStore;
import dev.ebm.core.run.RunDirectory;
import dev.ebm.core.testing.CapturedWarnings;
import dev.ebm.core.trained.TrainedModel;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user's mistakes and damaged files do to a run directory, through the command line: a
 * failed start leaves nothing behind, a damaged checkpoint is passed over, and bad data is named
 * where it is.
 */
class ReliabilityScenariosTest {

  @TempDir Path dir;

  private static String[] train(Path run, String method, String... more) {
    String[] base = {
      "train",
      "--data",
      "toy:moons",
      "--model",
      "mlp:hidden=16:16",
      "--method",
      method,
      "--batch",
      "64",
      "--run",
      run.toString(),
      "--log-every",
      "10"
    };
    return Cli.concat(base, more);
  }

  @Test
  void stepsPerRunChangeTheSpeedNotTheResult() throws IOException {
    Map<String, double[]> reference = null;
    for (String k : new String[] {"1", "4", "auto"}) {
      Path run = dir.resolve("k-" + k);
      Cli.Outcome trained =
          Cli.run(
              train(run, "dsm", "--steps", "25", "--checkpoint-every", "10", "--steps-per-run", k));
      assertEquals(0, trained.status(), trained.err());
      TrainedModel result = Trained.model(run);
      assertEquals(25, result.step());
      Map<String, double[]> values = result.parameters().values();
      if (reference == null) {
        reference = values;
      } else {
        for (String name : reference.keySet()) {
          assertArrayEquals(reference.get(name), values.get(name), 0.0, k + ": " + name);
        }
      }
    }
    Cli.Outcome zero = Cli.run(train(dir.resolve("zero"), "dsm", "--steps-per-run", "0"));
    assertEquals(2, zero.status());
    assertTrue(
        zero.err().contains("--steps-per-run takes auto or a whole number of at least 1, got '0'"),
        zero.err());
  }

  @Test
  void aMistypedMethodLeavesNoRunBehindAndTheCorrectedCommandStarts() {
    Path run = dir.resolve("a");
    Cli.Outcome typo = Cli.run(train(run, "dsmx", "--steps", "10"));
    assertEquals(2, typo.status());
    assertTrue(typo.err().contains("unknown training method 'dsmx'"), typo.err());
    assertFalse(Files.exists(run), "nothing is written for a run that cannot start");
    Cli.Outcome corrected = Cli.run(train(run, "dsm", "--steps", "10"));
    assertEquals(0, corrected.status(), corrected.err());
    assertTrue(Files.exists(RunDirectory.at(run).settings()));
  }

  @Test
  void aRunThatDivergesBeforeItsFirstCheckpointLeavesTheDirectoryAsItWas() throws IOException {
    Path run = dir.resolve("b");
    Files.createDirectories(run);
    Files.writeString(run.resolve("notes.txt"), "mine");
    Cli.Outcome diverged =
        Cli.run(train(run, "dsm", "--steps", "50", "--optimizer", "sgd", "--lr", "1e30"));
    assertEquals(Ebm.EXIT_DIVERGED, diverged.status());
    assertTrue(diverged.err().contains("training diverged at step"), diverged.err());
    try (Stream<Path> left = Files.list(run)) {
      assertEquals(List.of(run.resolve("notes.txt")), left.toList());
    }
    assertEquals("mine", Files.readString(run.resolve("notes.txt")));
  }

  @Test
  void aTruncatedNewestCheckpointIsPassedOverByResumeAndExport() throws IOException {
    Path run = dir.resolve("c");
    Cli.Outcome first = Cli.run(train(run, "dsm", "--steps", "20", "--checkpoint-every", "10"));
    assertEquals(0, first.status(), first.err());
    Path newest = RunDirectory.at(run).checkpoints().resolve("ckpt-000000000020");
    try (Stream<Path> files = Files.list(newest);
        RandomAccessFile data =
            new RandomAccessFile(
                files
                    .filter(p -> p.getFileName().toString().startsWith("variables.data"))
                    .findFirst()
                    .orElseThrow()
                    .toFile(),
                "rw")) {
      data.setLength(data.length() - 8);
    }
    List<String> warnings;
    try (CapturedWarnings captured = CapturedWarnings.of(CheckpointStore.class)) {
      Cli.Outcome exported =
          Cli.run("export", "--run", run.toString(), "--out", dir.resolve("saved").toString());
      assertEquals(0, exported.status(), exported.err());
      assertTrue(exported.out().contains("exported step 10 "), exported.out());
      Cli.Outcome resumed = Cli.run(train(run, "dsm", "--steps", "30", "--checkpoint-every", "10"));
      assertEquals(0, resumed.status(), resumed.err());
      assertTrue(resumed.out().contains("trained from step 10 to 30"), resumed.out());
      warnings = captured.messages();
    }
    assertEquals(2, warnings.size(), warnings.toString());
    for (String warning : warnings) {
      assertTrue(
          warning.contains("ckpt-000000000020")
              && warning.contains("does not match its checksum")
              && warning.contains("restored step 10"),
          warning);
    }
  }

  @Test
  void csvValuesBeyondFloat32AndMissingFilesAreNamed() throws IOException {
    Path csv = dir.resolve("points.csv");
    Files.writeString(csv, "x,y\n0.5,1\n2,1e39\n");
    Cli.Outcome huge =
        Cli.run("train", "--data", "csv:" + csv, "--run", dir.resolve("d").toString());
    assertEquals(2, huge.status());
    assertTrue(
        huge.err().contains(csv + " line 3, column 2: 1e39 is outside float32's range"),
        huge.err());
    assertFalse(Files.exists(dir.resolve("d")));
    Path missing = dir.resolve("missing.csv");
    Cli.Outcome absent =
        Cli.run("train", "--data", "csv:" + missing, "--run", dir.resolve("e").toString());
    assertEquals(2, absent.status());
    assertEquals("ebm train: no such file: " + missing, absent.err().strip());
  }
}
