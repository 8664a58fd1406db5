package dev.ebm.core.distributed;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client's side of the heartbeat of a cluster run: a daemon thread sends a {@code PING}
 * datagram to every task of the placement each {@link ClusterTimeouts#heartbeatInterval()} (over
 * UDP, to the port number of the task's gRPC server, where {@link TaskServer} answers), and reads
 * the answers. A task is <em>silent</em> when it has left at least three heartbeats unanswered and
 * the oldest of them was sent more than {@link ClusterTimeouts#heartbeatTimeout()} ago.
 *
 * <p>Silence is judged only after the thread has read every answer waiting in its socket, and only
 * from heartbeats actually sent, so a pause of this process (a long garbage collection) makes no
 * task silent. The tasks learn from the same datagrams that the run is alive: {@link
 * #close(Optional)} tells them that it ended ({@code END}) or stopped on an error ({@code ABORT}),
 * and a task that hears nothing for its chief timeout ends by itself (see {@link TaskServer}). If
 * this process ends without closing the heartbeat, a shutdown hook sends the {@code ABORT}.
 */
public final class ClusterHeartbeat implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ClusterHeartbeat.class.getName());

  /** The fewest unanswered heartbeats that make a task silent. */
  private static final int MIN_UNANSWERED = 3;

  /** How many times the last datagram ({@code END} or {@code ABORT}) is sent. */
  private static final int FINAL_REPEATS = 3;

  /**
   * A task that answers no heartbeat.
   *
   * @param task the task
   * @param since how long ago the oldest unanswered heartbeat was sent
   */
  public record Silence(ClusterSpec.Task task, Duration since) {}

  private final ClusterSpec cluster;
  private final List<ClusterSpec.Task> tasks;
  private final ClusterTimeouts timeouts;
  private final String run;
  private final DatagramSocket socket;
  private final Thread thread;
  private final Thread shutdownHook;

  // Guarded by this.
  private final Map<ClusterSpec.Task, InetSocketAddress> addresses = new HashMap<>();
  private final Map<ClusterSpec.Task, Long> answered = new HashMap<>();
  private final TreeMap<Long, Long> sentAt = new TreeMap<>();
  private long sequence;
  private List<Silence> silent = List.of();
  private boolean closed;

  private ClusterHeartbeat(
      ClusterSpec cluster,
      List<ClusterSpec.Task> tasks,
      ClusterTimeouts timeouts,
      DatagramSocket socket) {
    this.cluster = cluster;
    this.tasks = tasks;
    this.timeouts = timeouts;
    this.run = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    this.socket = socket;
    tasks.forEach(t -> answered.put(t, 0L));
    this.thread = new Thread(this::beat, "ebm-cluster-heartbeat");
    this.thread.setDaemon(true);
    this.shutdownHook =
        new Thread(
            () ->
                sendFinal(
                    HeartbeatMessage.Type.ABORT,
                    "its process is ending (a signal, or an exit before the run was closed)"),
            "ebm-cluster-heartbeat-abort");
  }

  /**
   * Starts the heartbeat of a run on {@code placement}'s tasks (the parameter task and every
   * replica task).
   *
   * @throws IllegalStateException if no UDP socket can be opened
   */
  public static ClusterHeartbeat start(ClusterPlacement placement, ClusterTimeouts timeouts) {
    Set<ClusterSpec.Task> tasks = new LinkedHashSet<>();
    tasks.add(placement.parameterTask());
    tasks.addAll(placement.replicaTasks());
    DatagramSocket socket;
    try {
      socket = new DatagramSocket();
    } catch (SocketException e) {
      throw new IllegalStateException("cannot open a UDP socket for the cluster's heartbeat", e);
    }
    ClusterHeartbeat heartbeat =
        new ClusterHeartbeat(placement.cluster(), List.copyOf(tasks), timeouts, socket);
    Runtime.getRuntime().addShutdownHook(heartbeat.shutdownHook);
    heartbeat.thread.start();
    return heartbeat;
  }

  /**
   * The tasks of {@code tasks} that answer no heartbeat {@code PROBE} within {@code timeout}; a
   * probe does not start a run, so a task that was never used keeps serving.
   */
  static List<ClusterSpec.Task> unanswered(
      ClusterSpec cluster, List<ClusterSpec.Task> tasks, Duration timeout) {
    Set<String> waiting = new LinkedHashSet<>();
    tasks.forEach(t -> waiting.add(name(t)));
    try (DatagramSocket socket = new DatagramSocket()) {
      String run = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
      long deadline = System.nanoTime() + timeout.toNanos();
      long round = 0;
      byte[] buffer = new byte[HeartbeatMessage.MAX_BYTES];
      while (!waiting.isEmpty() && System.nanoTime() < deadline) {
        round++;
        for (ClusterSpec.Task task : tasks) {
          if (waiting.contains(name(task))) {
            send(
                socket,
                address(cluster, task),
                new HeartbeatMessage(HeartbeatMessage.Type.PROBE, run, round, name(task), ""));
          }
        }
        long roundEnd = Math.min(deadline, System.nanoTime() + 200_000_000L);
        while (!waiting.isEmpty() && System.nanoTime() < roundEnd) {
          socket.setSoTimeout((int) Math.max(1, (roundEnd - System.nanoTime()) / 1_000_000));
          DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
          try {
            socket.receive(packet);
          } catch (SocketTimeoutException e) {
            break;
          }
          HeartbeatMessage.decode(packet.getData(), packet.getLength())
              .filter(m -> m.type() == HeartbeatMessage.Type.PONG && m.run().equals(run))
              .ifPresent(m -> waiting.remove(m.task()));
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "heartbeat probe failed", e);
    }
    List<ClusterSpec.Task> silent = new ArrayList<>();
    tasks.forEach(
        t -> {
          if (waiting.contains(name(t))) {
            silent.add(t);
          }
        });
    return silent;
  }

  /** The timeouts this heartbeat keeps. */
  public ClusterTimeouts timeouts() {
    return timeouts;
  }

  /** The tasks that are silent now, as of the last time every answer had been read. */
  public synchronized List<Silence> silent() {
    return silent;
  }

  /**
   * Stops the heartbeat and tells every task that the run ended ({@code END}, when {@code
   * abortReason} is empty) or stopped on an error ({@code ABORT}, with the reason, so that each
   * task ends at once).
   */
  public void close(Optional<String> abortReason) {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The process is ending; the hook sends its ABORT.
    }
    sendFinal(
        abortReason.isPresent() ? HeartbeatMessage.Type.ABORT : HeartbeatMessage.Type.END,
        abortReason.orElse(""));
  }

  /** Stops the heartbeat; the tasks hear that the run ended normally. */
  @Override
  public void close() {
    close(Optional.empty());
  }

  private void sendFinal(HeartbeatMessage.Type type, String reason) {
    Map<ClusterSpec.Task, InetSocketAddress> targets;
    long round;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      targets = new LinkedHashMap<>(addresses);
      round = ++sequence;
    }
    for (int repeat = 0; repeat < FINAL_REPEATS; repeat++) {
      targets.forEach(
          (task, address) ->
              send(socket, address, new HeartbeatMessage(type, run, round, name(task), reason)));
    }
    socket.close();
  }

  private void beat() {
    byte[] buffer = new byte[HeartbeatMessage.MAX_BYTES];
    long interval = timeouts.heartbeatInterval().toNanos();
    long next = System.nanoTime();
    try {
      while (true) {
        long now = System.nanoTime();
        if (now - next >= 0) {
          drain(buffer);
          judge();
          ping();
          next = Math.max(next + interval, System.nanoTime() + interval / 2);
          continue;
        }
        socket.setSoTimeout((int) Math.max(1, (next - now) / 1_000_000));
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
          record(packet);
        } catch (SocketTimeoutException e) {
          judge();
        }
      }
    } catch (IOException e) {
      // The socket was closed: the heartbeat ended.
    }
  }

  /** Reads every answer already waiting. */
  private void drain(byte[] buffer) throws IOException {
    socket.setSoTimeout(1);
    while (true) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (SocketTimeoutException e) {
        return;
      }
      record(packet);
    }
  }

  private synchronized void record(DatagramPacket packet) {
    Optional<HeartbeatMessage> message =
        HeartbeatMessage.decode(packet.getData(), packet.getLength())
            .filter(m -> m.type() == HeartbeatMessage.Type.PONG && m.run().equals(run));
    if (message.isEmpty()) {
      return;
    }
    for (ClusterSpec.Task task : tasks) {
      if (name(task).equals(message.get().task())) {
        answered.merge(task, message.get().sequence(), Math::max);
      }
    }
  }

  private synchronized void judge() {
    long now = System.nanoTime();
    long oldestAnswered = Long.MAX_VALUE;
    List<Silence> found = new ArrayList<>();
    for (ClusterSpec.Task task : tasks) {
      long last = answered.get(task);
      oldestAnswered = Math.min(oldestAnswered, last);
      Map.Entry<Long, Long> firstUnanswered = sentAt.higherEntry(last);
      if (sequence - last >= MIN_UNANSWERED
          && firstUnanswered != null
          && now - firstUnanswered.getValue() > timeouts.heartbeatTimeout().toNanos()) {
        found.add(new Silence(task, Duration.ofNanos(now - firstUnanswered.getValue())));
      }
    }
    silent = List.copyOf(found);
    sentAt.headMap(oldestAnswered, true).clear();
  }

  private void ping() {
    Map<ClusterSpec.Task, InetSocketAddress> targets = new LinkedHashMap<>();
    synchronized (this) {
      targets.putAll(addresses);
    }
    for (ClusterSpec.Task task : tasks) {
      InetSocketAddress known = targets.get(task);
      if (known == null || known.isUnresolved()) {
        targets.put(task, address(cluster, task));
      }
    }
    long round;
    synchronized (this) {
      if (closed) {
        return;
      }
      addresses.putAll(targets);
      round = ++sequence;
      sentAt.put(round, System.nanoTime());
    }
    targets.forEach(
        (task, address) ->
            send(
                socket,
                address,
                new HeartbeatMessage(HeartbeatMessage.Type.PING, run, round, name(task), "")));
  }

  private static void send(DatagramSocket socket, InetSocketAddress address, HeartbeatMessage m) {
    if (address.isUnresolved()) {
      return;
    }
    byte[] bytes = m.encode();
    try {
      socket.send(new DatagramPacket(bytes, bytes.length, address));
    } catch (IOException e) {
      // Unreachable now; the task stays unanswered, which is what the heartbeat measures.
      LOG.log(System.Logger.Level.DEBUG, "heartbeat to {0} failed: {1}", address, e);
    }
  }

  private static InetSocketAddress address(ClusterSpec cluster, ClusterSpec.Task task) {
    String address = cluster.address(task);
    int colon = address.lastIndexOf(':');
    return new InetSocketAddress(
        address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
  }

  static String name(ClusterSpec.Task task) {
    return task.job() + ":" + task.index();
  }
}
