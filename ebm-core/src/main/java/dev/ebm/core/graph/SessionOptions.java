package dev.ebm.core.graph;

import dev.ebm.core.distributed.ClusterPlacement;
import dev.ebm.core.distributed.ClusterTimeouts;
import java.util.Optional;
import java.util.OptionalInt;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * How a {@link ModelGraph}'s session runs: the device its ops are placed on, the sizes of
 * TensorFlow's two CPU thread pools (empty: TensorFlow's default, one thread per core) and whether
 * XLA's just-in-time compiler clusters the graph.
 *
 * @param device where the ops run
 * @param intraOpThreads threads that one op (a matrix product, say) may use; TensorFlow sizes its
 *     CPU device's pool once per process, from the first session's options, unless the environment
 *     variable {@code TF_OVERRIDE_GLOBAL_THREADPOOL} is {@code true} when it starts (the {@code
 *     ebm} launcher and the test runner set it), so that every session gets the pool it asks for
 * @param interOpThreads threads that run independent ops side by side (a pool per session)
 * @param xlaJit whether to turn on XLA JIT clustering (global_jit_level ON_1); on a CPU TensorFlow
 *     honours it only when the environment variable {@code TF_XLA_FLAGS} holds {@code
 *     --tf_xla_cpu_global_jit} before TensorFlow starts (the {@code ebm} launcher and the test
 *     runner set it), and otherwise compiles nothing
 * @param graphRewrites whether TensorFlow's graph optimiser (Grappler: constant folding, op fusion,
 *     layout, …) rewrites the graph before it runs; on by default. Turning it off saves the
 *     optimiser's time on very large graphs that run only a few times, such as float64
 *     finite-difference checks of second-order losses.
 * @param cluster the cluster the session runs on, if any: the graph's variables then live on the
 *     placement's parameter task and a training step is split into one replica per worker task,
 *     each on {@code device} of its worker (see {@link ModelGraph})
 * @param clusterTimeouts how long a session on the cluster waits for a call and for a silent task
 *     before it stops the run (unused off a cluster)
 * @param localReplicas off a cluster, the replicas a training step is split into on {@code device}
 *     (1: none): each computes the objective and its gradient on its share of the batch as
 *     independent ops, which the inter-op pool runs side by side — with one intra-op thread each,
 *     two cores on two replicas of a step whose products are too small to share
 */
public record SessionOptions(
    Device device,
    OptionalInt intraOpThreads,
    OptionalInt interOpThreads,
    boolean xlaJit,
    boolean graphRewrites,
    Optional<ClusterPlacement> cluster,
    ClusterTimeouts clusterTimeouts,
    int localReplicas) {

  public SessionOptions {
    if (device == null) {
      throw new IllegalArgumentException("device must not be null; use Device.cpu()");
    }
    checkThreads("intraOpThreads", intraOpThreads);
    checkThreads("interOpThreads", interOpThreads);
    if (cluster == null) {
      throw new IllegalArgumentException("cluster must not be null; use Optional.empty()");
    }
    if (clusterTimeouts == null) {
      throw new IllegalArgumentException(
          "clusterTimeouts must not be null; use ClusterTimeouts.defaults()");
    }
    if (localReplicas < 1) {
      throw new IllegalArgumentException("local replicas must be at least 1, got " + localReplicas);
    }
    if (localReplicas > 1 && cluster.isPresent()) {
      throw new IllegalArgumentException(
          "local replicas apply off a cluster; on one, each worker task is a replica");
    }
  }

  /** The CPU with TensorFlow's default thread pools and no XLA. */
  public static SessionOptions defaults() {
    return new SessionOptions(
        Device.cpu(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        false,
        true,
        Optional.empty(),
        ClusterTimeouts.defaults(),
        1);
  }

  /** These options on another device. */
  public SessionOptions withDevice(Device newDevice) {
    return new SessionOptions(
        newDevice,
        intraOpThreads,
        interOpThreads,
        xlaJit,
        graphRewrites,
        cluster,
        clusterTimeouts,
        localReplicas);
  }

  /** These options with fixed thread-pool sizes. */
  public SessionOptions withThreads(int intraOp, int interOp) {
    return new SessionOptions(
        device,
        OptionalInt.of(intraOp),
        OptionalInt.of(interOp),
        xlaJit,
        graphRewrites,
        cluster,
        clusterTimeouts,
        localReplicas);
  }

  /** These options with XLA JIT clustering on or off. */
  public SessionOptions withXlaJit(boolean on) {
    return new SessionOptions(
        device,
        intraOpThreads,
        interOpThreads,
        on,
        graphRewrites,
        cluster,
        clusterTimeouts,
        localReplicas);
  }

  /** These options with Grappler's graph rewrites on or off. */
  public SessionOptions withGraphRewrites(boolean on) {
    return new SessionOptions(
        device,
        intraOpThreads,
        interOpThreads,
        xlaJit,
        on,
        cluster,
        clusterTimeouts,
        localReplicas);
  }

  /** These options on the cluster {@code placement} describes. */
  public SessionOptions onCluster(ClusterPlacement placement) {
    return new SessionOptions(
        device,
        intraOpThreads,
        interOpThreads,
        xlaJit,
        graphRewrites,
        Optional.of(placement),
        clusterTimeouts,
        localReplicas);
  }

  /** These options with other bounds on a cluster's calls and silent tasks. */
  public SessionOptions withClusterTimeouts(ClusterTimeouts timeouts) {
    return new SessionOptions(
        device,
        intraOpThreads,
        interOpThreads,
        xlaJit,
        graphRewrites,
        cluster,
        timeouts,
        localReplicas);
  }

  /**
   * These options with a training step split into {@code replicas} on the device (off a cluster).
   */
  public SessionOptions withLocalReplicas(int replicas) {
    return new SessionOptions(
        device,
        intraOpThreads,
        interOpThreads,
        xlaJit,
        graphRewrites,
        cluster,
        clusterTimeouts,
        replicas);
  }

  /**
   * TensorFlow's session configuration for these options. Soft placement is on, so that the few ops
   * without a GPU kernel (summaries, checkpoint I/O) fall back to the CPU.
   */
  public ConfigProto toConfigProto() {
    ConfigProto.Builder config = ConfigProto.newBuilder().setAllowSoftPlacement(true);
    if (cluster.isEmpty()) {
      // Each local session's inter-op pool is its own, sized by its options, rather than a
      // process-wide pool sized by the first session's (the intra-op pool needs
      // TF_OVERRIDE_GLOBAL_THREADPOOL too). A session on a cluster refuses thread-pool options.
      config.setUsePerSessionThreads(true);
    }
    intraOpThreads.ifPresent(config::setIntraOpParallelismThreads);
    interOpThreads.ifPresent(config::setInterOpParallelismThreads);
    GraphOptions.Builder graph = GraphOptions.newBuilder();
    if (xlaJit) {
      graph.setOptimizerOptions(
          OptimizerOptions.newBuilder().setGlobalJitLevel(OptimizerOptions.GlobalJitLevel.ON_1));
    }
    if (!graphRewrites) {
      graph.setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true));
    }
    config.setGraphOptions(graph);
    return config.build();
  }

  private static void checkThreads(String name, OptionalInt threads) {
    if (threads == null) {
      throw new IllegalArgumentException(name + " must not be null; use OptionalInt.empty()");
    }
    if (threads.isPresent() && threads.getAsInt() < 1) {
      throw new IllegalArgumentException(
          name
              + " must be at least 1, got "
              + threads.getAsInt()
              + "; leave it empty for the default");
    }
  }
}
