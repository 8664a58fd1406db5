package dev.ebm.experiments;

import dev.ebm.core.distributed.ClusterSpec;
import dev.ebm.core.distributed.ClusterTimeouts;
import dev.ebm.core.distributed.TaskServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ebm worker}: serves one task of a TensorFlow cluster, so that sessions on other machines
 * can place work on it, until the run it served is over: its client stopped it on an error (exit
 * status 2), sent no heartbeat for {@code --chief-timeout} (status 2), or ended it with no other
 * run starting within {@code --chief-timeout} (status 0). A worker that never served a run serves
 * on. TensorFlow's gRPC servers have no authentication: run them only on a private network.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Serve one task of a TensorFlow cluster (gRPC, no authentication: private networks only)"
          + " until the run it serves is over.",
      "Answers the run's heartbeat on the UDP port of the same number: let UDP through too."
    })
public final class WorkerCommand implements Callable<Integer> {

  @Spec CommandSpec command;

  @Option(
      names = "--cluster",
      required = true,
      description = "JSON file of job names to task addresses, e.g. {\"worker\": [\"h1:2222\"]}")
  Path cluster;

  @Option(names = "--task", required = true, description = "the task to serve, job:index")
  String task;

  @Option(
      names = "--chief-timeout",
      defaultValue = "" + TaskServer.DEFAULT_CHIEF_TIMEOUT_SECONDS,
      description =
          "once a run has reached this task: seconds without a heartbeat from the run's client"
              + " (ebm train) after which the task ends (status 2), or, after the run ended, without"
              + " a new run (status 0); at least 2, or 0 to serve until killed (default:"
              + " ${DEFAULT-VALUE})")
  double chiefTimeout;

  /** The shortest chief timeout: two of the longest heartbeat intervals. */
  private static final long MIN_CHIEF_TIMEOUT_SECONDS =
      2 * ClusterTimeouts.MAX_HEARTBEAT_INTERVAL.toSeconds();

  @Override
  public Integer call() throws Exception {
    if (!(chiefTimeout == 0 || chiefTimeout >= MIN_CHIEF_TIMEOUT_SECONDS)) {
      throw new IllegalArgumentException(
          "--chief-timeout must be 0 (serve until killed) or at least "
              + MIN_CHIEF_TIMEOUT_SECONDS
              + " seconds (a run's client sends a heartbeat every second at most), got "
              + chiefTimeout);
    }
    ClusterSpec spec = ClusterSpec.read(cluster);
    ClusterSpec.Task served = ClusterSpec.Task.parse(task);
    TaskServer server = TaskServer.start(spec, served);
    System.out.println(
        "serving " + served.job() + ":" + served.index() + " at " + spec.address(served));
    System.out.flush();
    if (chiefTimeout == 0) {
      server.join();
      return 0;
    }
    TaskServer.End end =
        server.serve(Duration.ofMillis(Math.max(1, Math.round(chiefTimeout * 1000))));
    if (end.normal()) {
      System.out.println(end.message());
      System.out.flush();
      return 0;
    }
    command.commandLine().getErr().println("ebm worker: " + end.message());
    command.commandLine().getErr().flush();
    return 2;
  }
}
