package dev.ebm.core.distributed;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetTarget;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;

/**
 * Opens a {@link Session} on a graph with a target: the gRPC address of a task's server ({@code
 * grpc://host:port}), which then runs the graph as the cluster's master, placing each op on the
 * task its device names.
 *
 * <p>TensorFlow Java 1.1.0 has no public way to give a session a target. Its C API has {@code
 * TF_SetTarget}, and {@code Session} has a package-private constructor from a native session; this
 * class is the one place that reaches them (with the graph's private native handle). Switch to the
 * public API — a {@code Session} constructor or session options that take a target — when
 * TensorFlow Java gains one.
 */
public final class RemoteSession {

  private RemoteSession() {}

  /**
   * A session on {@code graph} whose master is {@code target}; the caller closes it (before the
   * graph).
   *
   * @throws IllegalStateException if TensorFlow Java's internals are not what this class expects
   * @throws org.tensorflow.exceptions.TensorFlowException if TensorFlow refuses the session
   */
  public static Session open(Graph graph, String target) {
    return open(graph, target, ConfigProto.getDefaultInstance());
  }

  /**
   * A session on {@code graph} whose master is {@code target}, configured by {@code config}; the
   * caller closes it (before the graph).
   *
   * @throws IllegalStateException if TensorFlow Java's internals are not what this class expects
   * @throws org.tensorflow.exceptions.TensorFlowException if TensorFlow refuses the session
   */
  public static Session open(Graph graph, String target, ConfigProto config) {
    TF_SessionOptions options = TF_NewSessionOptions();
    TF_Status status = TF_Status.newStatus();
    try (BytePointer configBytes = new BytePointer(config.toByteArray())) {
      TF_SetTarget(options, target);
      TF_SetConfig(options, configBytes, configBytes.capacity(), status);
      status.throwExceptionIfNotOK();
      TF_Session nativeSession = TF_NewSession(nativeHandle(graph), options, status);
      status.throwExceptionIfNotOK();
      Constructor<Session> constructor =
          Session.class.getDeclaredConstructor(Graph.class, TF_Session.class);
      constructor.setAccessible(true);
      return constructor.newInstance(graph, nativeSession);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "TensorFlow Java's Session or Graph changed; update RemoteSession for this version", e);
    } finally {
      TF_DeleteSessionOptions(options);
      status.delete();
    }
  }

  private static TF_Graph nativeHandle(Graph graph) throws ReflectiveOperationException {
    Field handle = Graph.class.getDeclaredField("nativeHandle");
    handle.setAccessible(true);
    TF_Graph value = (TF_Graph) handle.get(graph);
    if (value == null) {
      throw new IllegalArgumentException("the graph is closed");
    }
    return value;
  }
}
