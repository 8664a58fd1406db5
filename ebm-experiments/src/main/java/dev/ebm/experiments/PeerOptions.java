package dev.ebm.experiments;

import dev.ebm.core.graph.SessionOptions;
import dev.ebm.experiments.bench.BenchmarkRunner;
import dev.ebm.experiments.bench.PeerBenchmark;
import dev.ebm.experiments.bench.PeerComparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * {@code ebm bench --peer}: the comparison with the peer, each side at its best — the peer at each
 * of its thread counts, ebm in the configuration the other options give and, where they set no
 * threads, replicas or cluster, also with one replica per core (one intra-op thread each).
 */
final class PeerOptions {

  @Option(
      names = "--peer",
      paramLabel = "DIR",
      description =
          "also time the peer implementation in DIR (benchmarks/peer: the PyTorch reference),"
              + " alternating with ebm, each at its best configuration, and report the ratio")
  Path peer;

  @Option(
      names = "--peer-threads",
      split = ",",
      defaultValue = "1,2",
      description = "the peer's intra-op thread counts; its best is compared (default: 1,2)")
  int[] peerThreads;

  @Option(
      names = "--ebm-replicas",
      split = ",",
      description =
          "with --peer, the local replica counts ebm is timed at, one intra-op thread each above 1"
              + " (1: the configuration the other options give); its best is compared (default: 1"
              + " and one per core, or only 1 where threads, replicas or a cluster are given)")
  List<Integer> ebmReplicas = new ArrayList<>();

  @Option(
      names = "--passes",
      defaultValue = "2",
      description = "alternated passes of ebm and the peer (default: ${DEFAULT-VALUE})")
  int passes;

  @Option(
      names = "--python",
      defaultValue = "python3",
      description = "the Python that runs the peer (default: ${DEFAULT-VALUE})")
  String python;

  /** Whether {@code --peer} was given. */
  boolean requested() {
    return peer != null;
  }

  /**
   * Compares ebm with the peer on {@code only}: ebm in {@code given} ({@code configured}: the
   * options set threads, replicas or a cluster) and in its replica configurations, each timed by
   * the runner {@code runnerOf} makes.
   */
  void run(
      SessionOptions given,
      boolean configured,
      Function<SessionOptions, BenchmarkRunner> runnerOf,
      int repetitions,
      double seconds,
      List<String> only) {
    List<Integer> counts = new ArrayList<>(ebmReplicas);
    if (counts.isEmpty()) {
      counts.add(1);
      int cores = Runtime.getRuntime().availableProcessors();
      if (!configured && cores > 1) {
        counts.add(cores);
      }
    }
    List<PeerComparison.Configuration> configurations = new ArrayList<>();
    for (int replicas : counts) {
      if (replicas < 1) {
        throw new IllegalArgumentException(
            "--ebm-replicas takes counts of at least 1, got " + replicas);
      }
      SessionOptions options =
          replicas == 1 ? given : given.withLocalReplicas(replicas).withThreads(1, replicas);
      configurations.add(
          new PeerComparison.Configuration("replicas=" + replicas, runnerOf.apply(options)));
    }
    new PeerComparison(
            configurations,
            new PeerBenchmark(peer, python),
            peerThreads,
            passes,
            repetitions,
            seconds,
            System.out)
        .run(only);
  }
}
