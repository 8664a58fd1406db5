package dev.ebm.core.graph;

import java.util.Locale;
import org.tensorflow.DeviceSpec;

/**
 * Where a graph's ops run: the CPU, or one GPU by index. Parsed from the strings {@code cpu} and
 * {@code gpu:N} that the command line and configuration files use.
 *
 * @param kind CPU or GPU
 * @param index the device index (0 for the CPU)
 */
public record Device(Kind kind, int index) {

  /** The two kinds of device a graph can be placed on. */
  public enum Kind {
    CPU,
    GPU
  }

  public Device {
    if (kind == null) {
      throw new IllegalArgumentException("device kind must not be null");
    }
    if (index < 0) {
      throw new IllegalArgumentException("device index must be >= 0, got " + index);
    }
    if (kind == Kind.CPU && index != 0) {
      throw new IllegalArgumentException("the CPU device has index 0 only, got cpu:" + index);
    }
  }

  /** The CPU (all cores, as TensorFlow's thread pools decide). */
  public static Device cpu() {
    return new Device(Kind.CPU, 0);
  }

  /** The GPU with the given index, as CUDA numbers them. */
  public static Device gpu(int index) {
    return new Device(Kind.GPU, index);
  }

  /**
   * Parses {@code cpu}, {@code gpu} (= {@code gpu:0}) or {@code gpu:N}.
   *
   * @throws IllegalArgumentException naming the accepted forms, for anything else
   */
  public static Device parse(String text) {
    String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (s.equals("cpu") || s.equals("cpu:0")) {
      return cpu();
    }
    if (s.equals("gpu")) {
      return gpu(0);
    }
    if (s.startsWith("gpu:")) {
      try {
        return gpu(Integer.parseInt(s.substring(4)));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException(
        "unknown device '" + text + "'; use 'cpu', 'gpu' or 'gpu:N' (N = 0, 1, ...)");
  }

  /**
   * Whether TensorFlow can run ops on this device on this machine (always for the CPU; for a GPU,
   * the GPU natives, a driver and the device must be there). Tests that need a GPU assume this.
   */
  public boolean isAvailable() {
    return DeviceCheck.isAvailable(this);
  }

  /** TensorFlow's device specification for this device. */
  public DeviceSpec toDeviceSpec() {
    return DeviceSpec.newBuilder()
        .deviceType(kind == Kind.CPU ? DeviceSpec.DeviceType.CPU : DeviceSpec.DeviceType.GPU)
        .deviceIndex(index)
        .build();
  }

  /** The form {@link #parse} reads: {@code cpu} or {@code gpu:N}. */
  @Override
  public String toString() {
    return kind == Kind.CPU ? "cpu" : "gpu:" + index;
  }
}
