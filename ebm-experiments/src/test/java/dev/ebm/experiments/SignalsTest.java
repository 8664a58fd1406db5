package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.run.RunDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals sent to the {@code ebm} launcher reach the JVM: training stops at the next step boundary
 * with a checkpoint, says where and how to resume, exits 128 + signal, and leaves no JVM behind;
 * resuming finishes bit for bit like a run that was never stopped. While it trains, a second writer
 * of the same run directory is refused at once, naming the first.
 */
class SignalsTest {

  private static final Path SCRIPT =
      Path.of(System.getProperty("user.dir")).getParent().resolve("ebm");

  @TempDir Path dir;

  /** A training slow enough to be caught running (about 300 steps/s on two cores). */
  private static String[] train(Path run, long steps) {
    return new String[] {
      "train",
      "--data",
      "toy:moons",
      "--model",
      "mlp:hidden=64:64",
      "--batch",
      "512",
      "--steps",
      "" + steps,
      "--checkpoint-every",
      "1000000",
      "--log-every",
      "20",
      "--run",
      run.toString()
    };
  }

  /**
   * The launcher training {@code run} in a child process, its output in files beside it. The
   * signals get their default handling first: a process started in the background of a
   * non-interactive shell (e.g. {@code mvn verify &}) inherits SIGINT ignored, and a shell cannot
   * trap a signal ignored on entry — so the launcher could not forward it, as under {@code nohup},
   * by design.
   */
  private Process launch(Path run, long steps) throws IOException {
    List<String> command = new ArrayList<>();
    if (envResetsSignals()) {
      command.addAll(List.of("env", "--default-signal=INT,TERM,HUP"));
    }
    command.addAll(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(train(run, steps)));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("TF_CPP_MIN_LOG_LEVEL");
    builder.environment().put("EBM_CLASSPATH", System.getProperty("java.class.path"));
    builder.redirectOutput(dir.resolve(run.getFileName() + ".out").toFile());
    builder.redirectError(dir.resolve(run.getFileName() + ".err").toFile());
    return builder.start();
  }

  /** Whether this system's {@code env} can reset signals to their default (coreutils 8.31+). */
  private static boolean envResetsSignals() {
    try {
      return new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Waits until the run has logged a step. */
  private static void awaitTraining(Path run, Process launcher) throws Exception {
    Path metrics = RunDirectory.at(run).metrics();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!(Files.exists(metrics) && Files.size(metrics) > 0)) {
      assertTrue(launcher.isAlive(), "the launcher ended before training");
      assertTrue(System.nanoTime() < deadline, "no step logged in 2 minutes");
      Thread.sleep(100);
    }
  }

  private static void signal(Process process, String name) throws Exception {
    new ProcessBuilder("kill", "-" + name, "" + process.pid()).start().waitFor();
  }

  @Test
  void sigtermStopsAtACheckpointLeavesNoJvmAndTheRunResumesBitForBit() throws Exception {
    // More steps than any machine runs before the signal: the stop always falls inside the run.
    long steps = 1_000_000;
    Path run = dir.resolve("stopped");
    Process launcher = launch(run, steps);
    List<ProcessHandle> jvms = new ArrayList<>();
    try {
      awaitTraining(run, launcher);
      jvms.addAll(launcher.descendants().toList());
      assertFalse(jvms.isEmpty(), "the launcher runs the JVM as a child");

      Cli.Outcome second = Cli.run(train(run, steps));
      assertEquals(2, second.status(), second.err());
      assertTrue(second.err().contains("is being written by pid"), second.err());

      signal(launcher, "TERM");
      assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the launcher did not end");
      assertEquals(143, launcher.exitValue());
      for (ProcessHandle jvm : jvms) {
        assertTrue(jvm.onExit().get(30, TimeUnit.SECONDS) != null && !jvm.isAlive());
      }
    } finally {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
    String err = Files.readString(dir.resolve("stopped.err"), StandardCharsets.UTF_8);
    assertTrue(err.contains("ebm train: stopped on SIGTERM at step"), err);
    assertTrue(err.contains("run the same command again to resume"), err);
    long stoppedAt = Trained.model(run).step();
    assertTrue(stoppedAt > 0 && stoppedAt < steps, "stopped at step " + stoppedAt);

    // The resumed run and an uninterrupted one go a little past the stop (--steps may change
    // between a run's pieces) and end bit for bit alike.
    long end = stoppedAt + 60;
    assertEquals(0, Cli.run(train(run, end)).status(), "resumed");
    Path whole = dir.resolve("whole");
    assertEquals(0, Cli.run(train(whole, end)).status(), "uninterrupted");
    Map<String, double[]> resumed = Trained.model(run).parameters().values();
    Map<String, double[]> uninterrupted = Trained.model(whole).parameters().values();
    for (String name : uninterrupted.keySet()) {
      assertArrayEquals(uninterrupted.get(name), resumed.get(name), 0.0, name);
    }
  }

  @Test
  void sigintStopsWith130AndASecondSignalEndsAtOnce() throws Exception {
    Path interrupted = dir.resolve("interrupted");
    Process first = launch(interrupted, 100_000);
    try {
      awaitTraining(interrupted, first);
      signal(first, "INT");
      assertTrue(first.waitFor(60, TimeUnit.SECONDS));
      assertEquals(130, first.exitValue());
    } finally {
      first.destroyForcibly();
    }
    assertTrue(
        Files.readString(dir.resolve("interrupted.err")).contains("stopped on SIGINT at step"));

    // The second signal is sent once the first has been acknowledged, as a user presses twice: two
    // sent at once may reach the launcher as one (signals of a kind do not queue).
    Path twice = dir.resolve("twice");
    Process second = launch(twice, 100_000);
    Path twiceErr = dir.resolve("twice.err");
    try {
      awaitTraining(twice, second);
      signal(second, "TERM");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(twiceErr).contains("send it again to stop at once")) {
        assertTrue(
            System.nanoTime() < deadline, "no acknowledgement: " + Files.readString(twiceErr));
        Thread.sleep(50);
      }
      signal(second, "TERM");
      assertTrue(second.waitFor(60, TimeUnit.SECONDS), Files.readString(twiceErr));
      assertEquals(143, second.exitValue());
    } finally {
      second.descendants().forEach(ProcessHandle::destroyForcibly);
      second.destroyForcibly();
    }
  }
}
