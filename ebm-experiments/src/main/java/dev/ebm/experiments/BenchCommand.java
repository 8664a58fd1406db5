package dev.ebm.experiments;

import dev.ebm.api.Training;
import dev.ebm.core.distributed.ClusterPlacement;
import dev.ebm.core.distributed.ClusterSpec;
import dev.ebm.core.graph.Device;
import dev.ebm.core.graph.SessionOptions;
import dev.ebm.core.train.StepsPerRun;
import dev.ebm.experiments.bench.BenchmarkRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ebm bench}: steps per second of the standard workloads of BENCHMARKS.md. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Time the standard workloads (BENCHMARKS.md): median steps/s after warm-up, as JSON lines and a table."
    })
public final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--only",
      split = ",",
      description = "workloads to run (default: all): ${COMPLETION-CANDIDATES}",
      completionCandidates = WorkloadNames.class)
  List<String> only = new ArrayList<>();

  @Option(
      names = "--repetitions",
      defaultValue = "5",
      description = "timed repetitions (default: ${DEFAULT-VALUE})")
  int repetitions;

  @Option(
      names = "--seconds",
      defaultValue = "1",
      description = "seconds per repetition (default: ${DEFAULT-VALUE})")
  double seconds;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description = "cpu or gpu:N (default: ${DEFAULT-VALUE})")
  String device;

  @Option(
      names = "--threads",
      description =
          "TensorFlow intra- and inter-op threads at once, e.g. 1 to time ebm on one core"
              + " (default: one per core; --intra-threads and --inter-threads win)")
  Integer threads;

  @Option(
      names = "--intra-threads",
      description = "TensorFlow intra-op threads (default: one per core)")
  Integer intraThreads;

  @Option(
      names = "--inter-threads",
      description = "TensorFlow inter-op threads (default: one per core)")
  Integer interThreads;

  @Option(
      names = "--steps-per-call",
      description =
          "training steps per session call for the second timing: auto (as ebm train) or a"
              + " number (default: ${DEFAULT-VALUE})",
      defaultValue = "auto")
  String stepsPerCall;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "instead of timing, trace one workload and write its op time by op type to"
              + " bench-profile-NAME.json")
  String profile;

  @Option(
      names = "--profile-calls",
      defaultValue = "5",
      description = "traced session calls for --profile (default: ${DEFAULT-VALUE})")
  int profileCalls;

  @Mixin SweepOptions sweep;

  @Mixin PeerOptions peer;

  @Option(
      names = "--replicas",
      defaultValue = "1",
      description =
          "split each training step (and the Langevin workload's chains) into N replicas on the"
              + " device, run side by side by the inter-op pool (default: ${DEFAULT-VALUE})")
  int replicas;

  @Option(
      names = "--xla",
      description =
          "turn on XLA JIT clustering (on a CPU: measured slower on the standard workloads)")
  boolean xla;

  @Option(names = "--no-graph-rewrites", description = "turn off Grappler's graph rewrites")
  boolean noRewrites;

  @Option(
      names = "--cluster",
      description =
          "run the workloads on the TensorFlow cluster this JSON file describes (as ebm train"
              + " --cluster): training workloads split each step over the worker tasks; the peak"
              + " resident memory is this client's only")
  Path cluster;

  @Override
  public Integer call() throws IOException {
    SessionOptions options =
        SessionOptions.defaults()
            .withDevice(Device.parse(device))
            .withXlaJit(xla)
            .withGraphRewrites(!noRewrites)
            .withLocalReplicas(replicas);
    if (cluster != null) {
      ClusterPlacement placement = ClusterPlacement.of(ClusterSpec.read(cluster));
      placement.requireReachable(Training.CONNECT_TIMEOUT);
      options = options.onCluster(placement);
    }
    if (threads != null || intraThreads != null || interThreads != null) {
      int each = threads != null ? threads : Runtime.getRuntime().availableProcessors();
      options =
          options.withThreads(
              intraThreads == null ? each : intraThreads,
              interThreads == null ? each : interThreads);
    }
    StepsPerRun calls = StepsPerRun.parse("--steps-per-call", stepsPerCall);
    Function<SessionOptions, BenchmarkRunner> runnerOf =
        o -> new BenchmarkRunner(o, repetitions, seconds, calls, System.out);
    BenchmarkRunner runner = runnerOf.apply(options);
    if (profile != null) {
      runner.profile(profile, profileCalls, Path.of("bench-profile-" + profile + ".json"));
    } else if (sweep.requested()) {
      sweep.run(runner);
    } else if (peer.requested()) {
      boolean configured =
          threads != null
              || intraThreads != null
              || interThreads != null
              || replicas != 1
              || cluster != null;
      peer.run(options, configured, runnerOf, repetitions, seconds, only);
    } else {
      runner.run(only);
    }
    return 0;
  }

  /** The workload names, for the help text. */
  static final class WorkloadNames extends ArrayList<String> {
    WorkloadNames() {
      super(BenchmarkRunner.names());
    }
  }
}
