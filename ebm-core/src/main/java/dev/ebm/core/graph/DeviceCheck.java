package dev.ebm.core.graph;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/**
 * Checks that a requested device exists before a model graph is built on it, by placing one
 * constant on it in a scratch graph with soft placement off.
 */
final class DeviceCheck {

  private static final Pattern AVAILABLE = Pattern.compile("available devices are \\[([^]]*)]");

  private DeviceCheck() {}

  /**
   * Returns normally if TensorFlow can run ops on {@code device}.
   *
   * @throws IllegalStateException naming the devices TensorFlow does see, if it cannot
   */
  static void requireAvailable(Device device) {
    Optional<RuntimeException> failure = probe(device);
    if (failure.isPresent()) {
      RuntimeException e = failure.get();
      throw new IllegalStateException(
          "device "
              + device
              + " was requested but TensorFlow cannot place ops on it; devices seen: "
              + availableDevices(e.getMessage())
              + ". Use the CPU (device cpu), or build with the GPU natives (mvn -Pgpu) on a machine with"
              + " an NVIDIA GPU and the CUDA libraries TensorFlow 2.18 needs.",
          e);
    }
  }

  /** Whether TensorFlow can run ops on {@code device}. */
  static boolean isAvailable(Device device) {
    return probe(device).isEmpty();
  }

  /** Places one constant on {@code device}; returns TensorFlow's refusal, if it refuses. */
  private static Optional<RuntimeException> probe(Device device) {
    if (device.kind() == Device.Kind.CPU) {
      return Optional.empty();
    }
    ConfigProto strict = ConfigProto.newBuilder().setAllowSoftPlacement(false).build();
    try (Graph probe = new Graph();
        Session session = new Session(probe, strict)) {
      Ops tf = Ops.create(probe).withDevice(device.toDeviceSpec());
      tf.withName("device_probe").identity(tf.constant(1.0f));
      session.run("device_probe");
      return Optional.empty();
    } catch (RuntimeException e) {
      // TensorFlow reports a device it cannot place ops on as an invalid argument.
      return Optional.of(e);
    }
  }

  private static String availableDevices(String message) {
    Matcher matcher = AVAILABLE.matcher(message == null ? "" : message);
    if (!matcher.find()) {
      return "CPU only";
    }
    List<String> devices =
        List.of(matcher.group(1).split(",")).stream()
            .map(String::trim)
            .map(d -> d.substring(d.lastIndexOf("device:") + "device:".length()))
            .toList();
    return String.join(", ", devices);
  }
}
