package dev.ebm.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per run directory: a second writer, in this process or another, is refused at once
 * with the holder named; a lock whose process died is taken over; a released lock is free.
 */
@SuppressWarnings("try") // locks are held, not used, inside their blocks
class RunLockTest {

  @TempDir Path dir;

  @Test
  void aSecondWriterInThisProcessIsRefusedNamingTheHolder() throws IOException {
    Path run = dir.resolve("run");
    try (RunLock first = RunLock.acquire(run)) {
      IllegalStateException refused =
          assertThrows(IllegalStateException.class, () -> RunLock.acquire(run));
      assertTrue(
          refused.getMessage().contains("pid " + ProcessHandle.current().pid()),
          refused.getMessage());
    }
    try (RunLock again = RunLock.acquire(run)) {
      assertTrue(Files.readString(RunDirectory.at(run).lock()).startsWith("pid "));
    }
    assertEquals("", Files.readString(RunDirectory.at(run).lock()), "released: the file is empty");
  }

  @Test
  void aWriterInAnotherProcessIsRefusedAndItsLockTakenOverOnceItDies() throws Exception {
    Path run = dir.resolve("run");
    Process holder =
        new ProcessBuilder(
                List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-cp",
                    System.getProperty("java.class.path"),
                    HoldRunLock.class.getName(),
                    run.toString()))
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("holding", out.readLine());
      IllegalStateException refused =
          assertThrows(IllegalStateException.class, () -> RunLock.acquire(run));
      assertTrue(refused.getMessage().contains("pid " + holder.pid()), refused.getMessage());
      holder.destroyForcibly();
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
      // The killed holder left its name in the file; the operating system released its lock.
      assertTrue(Files.readString(RunDirectory.at(run).lock()).contains("pid " + holder.pid()));
      try (RunLock taken = RunLock.acquire(run)) {
        assertTrue(
            Files.readString(RunDirectory.at(run).lock())
                .contains("pid " + ProcessHandle.current().pid()));
      }
    } finally {
      holder.destroyForcibly();
    }
  }
}
