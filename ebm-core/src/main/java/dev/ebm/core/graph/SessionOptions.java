package dev.ebm.core.graph;

import java.util.OptionalInt;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;

/**
 * How a {@link ModelGraph}'s session runs: the device its ops are placed on, the sizes of
 * TensorFlow's two CPU thread pools (empty: TensorFlow's default, one thread per core) and whether
 * XLA's just-in-time compiler clusters the graph.
 *
 * @param device where the ops run
 * @param intraOpThreads threads that one op (a matrix product, say) may use
 * @param interOpThreads threads that run independent ops side by side
 * @param xlaJit whether to turn on XLA JIT clustering (global_jit_level ON_1)
 */
public record SessionOptions(
    Device device, OptionalInt intraOpThreads, OptionalInt interOpThreads, boolean xlaJit) {

  public SessionOptions {
    if (device == null) {
      throw new IllegalArgumentException("device must not be null; use Device.cpu()");
    }
    checkThreads("intraOpThreads", intraOpThreads);
    checkThreads("interOpThreads", interOpThreads);
  }

  /** The CPU with TensorFlow's default thread pools and no XLA. */
  public static SessionOptions defaults() {
    return new SessionOptions(Device.cpu(), OptionalInt.empty(), OptionalInt.empty(), false);
  }

  /** These options on another device. */
  public SessionOptions withDevice(Device newDevice) {
    return new SessionOptions(newDevice, intraOpThreads, interOpThreads, xlaJit);
  }

  /** These options with fixed thread-pool sizes. */
  public SessionOptions withThreads(int intraOp, int interOp) {
    return new SessionOptions(device, OptionalInt.of(intraOp), OptionalInt.of(interOp), xlaJit);
  }

  /** These options with XLA JIT clustering on or off. */
  public SessionOptions withXlaJit(boolean on) {
    return new SessionOptions(device, intraOpThreads, interOpThreads, on);
  }

  /**
   * TensorFlow's session configuration for these options. Soft placement is on, so that the few
   * ops without a GPU kernel (summaries, checkpoint I/O) fall back to the CPU.
   */
  public ConfigProto toConfigProto() {
    ConfigProto.Builder config = ConfigProto.newBuilder().setAllowSoftPlacement(true);
    intraOpThreads.ifPresent(config::setIntraOpParallelismThreads);
    interOpThreads.ifPresent(config::setInterOpParallelismThreads);
    if (xlaJit) {
      config.setGraphOptions(
          GraphOptions.newBuilder()
              .setOptimizerOptions(
                  OptimizerOptions.newBuilder()
                      .setGlobalJitLevel(OptimizerOptions.GlobalJitLevel.ON_1)));
    }
    return config.build();
  }

  private static void checkThreads(String name, OptionalInt threads) {
    if (threads == null) {
      throw new IllegalArgumentException(name + " must not be null; use OptionalInt.empty()");
    }
    if (threads.isPresent() && threads.getAsInt() < 1) {
      throw new IllegalArgumentException(
          name + " must be at least 1, got " + threads.getAsInt() + "; leave it empty for the default");
    }
  }
}
