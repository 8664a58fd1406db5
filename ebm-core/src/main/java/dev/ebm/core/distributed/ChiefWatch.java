package dev.ebm.core.distributed;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A task's side of the heartbeat: a daemon thread answers every {@code PROBE} and {@code PING} of a
 * run's client (see {@link ClusterHeartbeat}) on the UDP port of the task's number, and keeps what
 * it heard of each run. Once watching ({@link #watch}), it decides when the task's work is over:
 *
 * <ul>
 *   <li>a client's {@code ABORT}: the run stopped on an error, end now;
 *   <li>a run that sent no datagram for the chief timeout without ending: its client is gone (its
 *       process ended or hangs, or the network is down);
 *   <li>every run heard of ended ({@code END}) and none was heard of for the chief timeout: done.
 * </ul>
 *
 * A task that never heard of a run keeps serving. Timeouts are judged only after every waiting
 * datagram has been read, so a task that was stopped and resumes reads what its client sent
 * meanwhile before it judges.
 */
final class ChiefWatch implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ChiefWatch.class.getName());

  /** What the watch heard of one run. */
  private static final class Run {
    long lastHeard;
    boolean ended;
    InetAddress client;
  }

  private final String name;
  private final DatagramSocket socket;
  private final Thread thread;

  // Guarded by this.
  private final Map<String, Run> runs = new LinkedHashMap<>();
  private Optional<Duration> chiefTimeout = Optional.empty();
  private Optional<TaskServer.End> end = Optional.empty();

  private ChiefWatch(ClusterSpec.Task task, DatagramSocket socket) {
    this.name = ClusterHeartbeat.name(task);
    this.socket = socket;
    this.thread = new Thread(this::listen, "ebm-chief-watch");
    this.thread.setDaemon(true);
  }

  /**
   * Answers heartbeats to {@code task} on UDP port {@code port}, of every interface.
   *
   * @throws IllegalStateException if the port is taken
   */
  static ChiefWatch open(ClusterSpec.Task task, int port) {
    DatagramSocket socket;
    try {
      socket = new DatagramSocket(port);
    } catch (SocketException e) {
      throw new IllegalStateException(
          "task "
              + ClusterHeartbeat.name(task)
              + " cannot answer heartbeats on UDP port "
              + port
              + " (the number of its gRPC port): "
              + e.getMessage()
              + "; free that UDP port or give the task another port in the cluster file",
          e);
    }
    ChiefWatch watch = new ChiefWatch(task, socket);
    watch.thread.start();
    return watch;
  }

  /**
   * Starts judging when the task's work is over, with {@code timeout} as the chief timeout.
   *
   * @throws IllegalArgumentException if the timeout is not positive
   */
  synchronized void watch(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the chief timeout must be positive, got " + timeout);
    }
    chiefTimeout = Optional.of(timeout);
  }

  /** Blocks until the task's work is over, and says why. */
  synchronized TaskServer.End awaitEnd() throws InterruptedException {
    while (end.isEmpty()) {
      wait();
    }
    return end.get();
  }

  private void listen() {
    byte[] buffer = new byte[HeartbeatMessage.MAX_BYTES];
    try {
      while (true) {
        socket.setSoTimeout(tick());
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          judge();
          continue;
        }
        Optional<HeartbeatMessage> message =
            HeartbeatMessage.decode(packet.getData(), packet.getLength());
        if (message.isPresent() && message.get().type() != HeartbeatMessage.Type.PONG) {
          answer(packet, message.get());
        }
      }
    } catch (IOException e) {
      // The socket was closed.
    }
  }

  /** How long to wait for a datagram before judging: a quarter of the chief timeout, ≤ 0.5 s. */
  private synchronized int tick() {
    return (int) Math.max(10, Math.min(500, chiefTimeout.map(Duration::toMillis).orElse(500L) / 4));
  }

  private void answer(DatagramPacket packet, HeartbeatMessage message) throws IOException {
    synchronized (this) {
      switch (message.type()) {
        case PING, END -> {
          Run run = runs.computeIfAbsent(message.run(), r -> new Run());
          run.lastHeard = System.nanoTime();
          run.client = packet.getAddress();
          run.ended |= message.type() == HeartbeatMessage.Type.END;
        }
        case ABORT -> {
          finish(
              TaskServer.End.Kind.ABORTED,
              name
                  + ": the run's client at "
                  + packet.getAddress().getHostAddress()
                  + " stopped the run: "
                  + message.text()
                  + ". Exiting: start the task again for the next run");
          return;
        }
        default -> {
          // PROBE: answered, but no run starts.
        }
      }
    }
    if (message.type() == HeartbeatMessage.Type.PING
        || message.type() == HeartbeatMessage.Type.PROBE) {
      byte[] reply =
          new HeartbeatMessage(
                  HeartbeatMessage.Type.PONG, message.run(), message.sequence(), name, "")
              .encode();
      socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
    }
  }

  private synchronized void judge() {
    if (chiefTimeout.isEmpty() || end.isPresent() || runs.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    long timeout = chiefTimeout.get().toNanos();
    long lastHeard = Long.MIN_VALUE;
    for (Run run : runs.values()) {
      if (!run.ended && now - run.lastHeard > timeout) {
        finish(
            TaskServer.End.Kind.CHIEF_LOST,
            String.format(
                Locale.ROOT,
                "%s: no heartbeat from the run's client at %s for %s s (its process ended or"
                    + " hangs, or the network is down). Exiting: start the task again for the next"
                    + " run",
                name,
                run.client.getHostAddress(),
                seconds(chiefTimeout.get())));
        return;
      }
      lastHeard = Math.max(lastHeard, run.lastHeard);
    }
    boolean allEnded = runs.values().stream().allMatch(r -> r.ended);
    if (allEnded && now - lastHeard > timeout) {
      finish(
          TaskServer.End.Kind.FINISHED,
          String.format(
              Locale.ROOT,
              "%s: the run ended and no other started within %s s; exiting",
              name,
              seconds(chiefTimeout.get())));
    }
  }

  private void finish(TaskServer.End.Kind kind, String message) {
    if (end.isEmpty()) {
      end = Optional.of(new TaskServer.End(kind, message));
      LOG.log(System.Logger.Level.DEBUG, "{0}", message);
      notifyAll();
    }
  }

  static String seconds(Duration duration) {
    double s = duration.toMillis() / 1000.0;
    return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
  }

  @Override
  public void close() {
    socket.close();
  }
}
