package dev.ebm.experiments;

import dev.ebm.core.distributed.ClusterSpec;
import dev.ebm.core.distributed.TaskServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ebm worker}: serves one task of a TensorFlow cluster until killed, so that sessions on
 * other machines can place work on it. TensorFlow's gRPC servers have no authentication: run them
 * only on a private network.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Serve one task of a TensorFlow cluster (gRPC, no authentication: private networks only)"
          + " until killed."
    })
public final class WorkerCommand implements Callable<Integer> {

  @Option(
      names = "--cluster",
      required = true,
      description = "JSON file of job names to task addresses, e.g. {\"worker\": [\"h1:2222\"]}")
  Path cluster;

  @Option(names = "--task", required = true, description = "the task to serve, job:index")
  String task;

  @Override
  public Integer call() throws Exception {
    ClusterSpec spec = ClusterSpec.read(cluster);
    ClusterSpec.Task served = ClusterSpec.Task.parse(task);
    TaskServer server = TaskServer.start(spec, served);
    System.out.println(
        "serving " + served.job() + ":" + served.index() + " at " + spec.address(served));
    System.out.flush();
    server.join();
    return 0;
  }
}
