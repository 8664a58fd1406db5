package dev.ebm.core.run;

import java.nio.file.Path;

/**
 * A process that takes the lock of the run directory named by its argument, says so on standard
 * output, and holds it until its standard input closes or it is killed.
 */
public final class HoldRunLock {

  private HoldRunLock() {}

  /** Holds the lock of {@code args[0]}. */
  @SuppressWarnings("try") // the lock is held, not used
  public static void main(String[] args) throws Exception {
    try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
      System.out.println("holding");
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the end of input
      }
    }
  }
}
