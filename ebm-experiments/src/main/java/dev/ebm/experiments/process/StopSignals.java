package dev.ebm.experiments.process;

import dev.ebm.core.run.StopRequest;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * SIGTERM, SIGINT and SIGHUP as a {@link StopRequest}: the first asks long work to stop at its next
 * safe point (training after a checkpoint of the step it finished; sampling between updates) and
 * says so; a second ends the process at once. The process exits with {@code 128 + signal}: 143, 130
 * or 129.
 *
 * <p>Signal handlers are installed through {@code sun.misc.Signal} (module jdk.unsupported), by
 * reflection so that no build warns of it: the JDK has no public API for them ({@code
 * Runtime.addShutdownHook} cannot tell a second signal from the first). Switch when one exists.
 */
public final class StopSignals {

  /** The signals handled, with their numbers on Linux. */
  private static final List<String> NAMES = List.of("TERM", "INT", "HUP");

  private static final StopRequest PROCESS = new StopRequest();

  private StopSignals() {}

  /**
   * Installs the handlers for this process (once is enough; they report on {@code err}) and returns
   * the process's stop request.
   */
  public static synchronized StopRequest install(PrintStream err) {
    try {
      Class<?> signalType = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Method handle = signalType.getMethod("handle", signalType, handlerType);
      for (String name : NAMES) {
        Object signal = signalType.getConstructor(String.class).newInstance(name);
        int status = 128 + (int) signalType.getMethod("getNumber").invoke(signal);
        Object handler =
            Proxy.newProxyInstance(
                handlerType.getClassLoader(),
                new Class<?>[] {handlerType},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "handle" -> {
                        received(name, status, err);
                        yield null;
                      }
                      case "hashCode" -> System.identityHashCode(proxy);
                      case "equals" -> proxy == args[0];
                      default -> "ebm's stop handler for SIG" + name;
                    });
        handle.invoke(null, signal, handler);
      }
    } catch (ReflectiveOperationException e) {
      err.println(
          "ebm: signals cannot be caught on this JVM ("
              + (e instanceof InvocationTargetException t ? t.getCause() : e)
              + "); a signal ends ebm at once");
    }
    return PROCESS;
  }

  private static void received(String name, int status, PrintStream err) {
    if (PROCESS.requested().isPresent()) {
      Runtime.getRuntime().halt(status);
    }
    PROCESS.request("SIG" + name, status);
    err.println(
        "ebm: SIG"
            + name
            + ": stopping at the next safe point (a checkpoint for training); send it again to stop"
            + " at once");
  }

  /** The process's stop request, whether or not the handlers are installed. */
  public static StopRequest request() {
    return PROCESS;
  }
}
