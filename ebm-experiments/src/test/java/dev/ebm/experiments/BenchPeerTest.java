package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ebm bench --peer DIR}: ebm and the peer alternate over the passes, the peer at each of its
 * thread counts; the table gives the peer's best thread count and ebm's throughput over it. A stub
 * stands in for the PyTorch reference (which the tests do not need): it reports 100 steps/s per
 * thread. A missing or failing peer is named, with the fix.
 */
class BenchPeerTest {

  @TempDir Path dir;

  private static final String STUB =
      """
      import argparse, json, sys
      p = argparse.ArgumentParser()
      for flag in ("--only", "--threads", "--repetitions", "--seconds"):
          p.add_argument(flag)
      a = p.parse_args()
      threads = int(a.threads)
      print(json.dumps({"workload": a.only, "threads": threads,
                        "steps_per_second": 100.0 * threads, "peak_rss_bytes": 1048576 * threads}))
      """;

  private static boolean hasPython() {
    try {
      return new ProcessBuilder("python3", "-c", "pass").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** {@code ebm bench} on one short workload beside the peer in {@code dir}, over two passes. */
  private Cli.Outcome benchBesideThePeer() {
    return Cli.run(
        "bench",
        "--only",
        "langevin_mlp2d",
        "--peer",
        dir.toString(),
        "--passes",
        "2",
        "--repetitions",
        "1",
        "--seconds",
        "0.2");
  }

  @Test
  void ebmAndThePeerAlternateAndTheRatioIsOverThePeersBestThreadCount() throws Exception {
    assumeTrue(hasPython(), "python3 runs the peer");
    Files.writeString(dir.resolve("bench.py"), STUB);
    Cli.Outcome run = benchBesideThePeer();
    assertEquals(0, run.status(), run.err());
    List<String> timings =
        run.out().lines().filter(l -> l.startsWith("{\"pass\"")).map(l -> l.split(",")[2]).toList();
    assertEquals(
        List.of(
            " \"who\": \"ebm\"",
            " \"who\": \"peer\"",
            " \"who\": \"peer\"",
            " \"who\": \"peer\"",
            " \"who\": \"peer\"",
            " \"who\": \"ebm\""),
        timings,
        run.out());
    String row =
        run.out().lines().filter(l -> l.startsWith("langevin_mlp2d ")).findFirst().orElseThrow();
    String[] cells = row.trim().split("\\s+");
    double ebm = Double.parseDouble(cells[1]);
    assertEquals(200.0, Double.parseDouble(cells[2]), row);
    assertEquals("2", cells[3], row);
    assertEquals(ebm / 200.0, Double.parseDouble(cells[4]), 0.006, row);
    assertEquals("2", cells[6], row);
  }

  @Test
  void aMissingOrFailingPeerIsNamedWithTheFix() throws Exception {
    Cli.Outcome missing = benchBesideThePeer();
    assertEquals(2, missing.status(), missing.err());
    assertTrue(missing.err().contains("no peer benchmark at"), missing.err());

    assumeTrue(hasPython(), "python3 runs the peer");
    Files.writeString(
        dir.resolve("bench.py"),
        "import sys\nsys.stderr.write(\"ModuleNotFoundError: No module named 'torch'\\n\")\n"
            + "sys.exit(1)\n");
    Cli.Outcome failing = benchBesideThePeer();
    assertEquals(2, failing.status(), failing.err());
    assertTrue(failing.err().contains("install PyTorch"), failing.err());
  }
}
