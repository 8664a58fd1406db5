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
 * {@code ebm bench --peer DIR}: ebm (in each of its configurations) and the peer (at each of its
 * thread counts) alternate over the passes; the table gives each side's best and the ratio. A stub
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
  private Cli.Outcome benchBesideThePeer(String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
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
                "0.2"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void ebmAndThePeerAlternateAndTheRatioIsOverTheBestOfEachSide() throws Exception {
    assumeTrue(hasPython(), "python3 runs the peer");
    Files.writeString(dir.resolve("bench.py"), STUB);
    Cli.Outcome run = benchBesideThePeer("--ebm-replicas", "1,2");
    assertEquals(0, run.status(), run.err());
    List<String> timings =
        run.out()
            .lines()
            .filter(l -> l.startsWith("{\"pass\""))
            .map(
                l -> l.replaceAll(".*\"who\": \"(\\w+)\"(, \"\\w+\": \"?([\\w=]+)\"?)?.*", "$1 $3"))
            .toList();
    assertEquals(
        List.of(
            "ebm replicas=1",
            "ebm replicas=2",
            "peer 1",
            "peer 2",
            "peer 2",
            "peer 1",
            "ebm replicas=2",
            "ebm replicas=1"),
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
    // ebm's figure is its better configuration's.
    double best = 0;
    for (String config : List.of("replicas=1", "replicas=2")) {
      List<Double> rates =
          run.out()
              .lines()
              .filter(l -> l.contains("\"config\": \"" + config + "\""))
              .map(l -> Double.parseDouble(l.replaceAll(".*\"steps_per_s\": ([0-9.]+).*", "$1")))
              .sorted()
              .toList();
      best = Math.max(best, (rates.get(0) + rates.get(1)) / 2);
    }
    assertEquals(best, ebm, 0.06, run.out());
    assertTrue(cells[7].startsWith("replicas="), row);
  }

  @Test
  void givenThreadsEbmRunsOnlyAsConfiguredAndABadReplicaCountIsRefused() throws Exception {
    assumeTrue(hasPython(), "python3 runs the peer");
    Files.writeString(dir.resolve("bench.py"), STUB);
    Cli.Outcome run = benchBesideThePeer("--threads", "1");
    assertEquals(0, run.status(), run.err());
    assertEquals(
        2, run.out().lines().filter(l -> l.contains("\"who\": \"ebm\"")).count(), run.out());
    assertTrue(run.out().contains("\"config\": \"replicas=1\""), run.out());

    Cli.Outcome bad = benchBesideThePeer("--ebm-replicas", "0");
    assertEquals(2, bad.status(), bad.err());
    assertTrue(bad.err().contains("--ebm-replicas takes counts of at least 1"), bad.err());
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
