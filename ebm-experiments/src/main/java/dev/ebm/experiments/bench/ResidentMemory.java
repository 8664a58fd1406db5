package dev.ebm.experiments.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's peak resident memory, read from Linux's {@code /proc/self/status} ({@code VmHWM}),
 * and its reset (writing {@code 5} to {@code /proc/self/clear_refs}, Linux 4.0 and later), so that
 * each workload's peak is its own. Elsewhere the peak reads as 0 (unknown).
 */
final class ResidentMemory {

  private ResidentMemory() {}

  /** Resets the peak to the current resident size, where the system allows it. */
  static void resetPeak() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Not Linux, or not allowed: the peak then covers the whole process so far.
    }
  }

  /** The peak resident memory in bytes, or 0 where unknown. */
  static long peakBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
