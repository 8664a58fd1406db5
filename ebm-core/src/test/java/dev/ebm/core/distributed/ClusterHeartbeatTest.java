package dev.ebm.core.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat between a run's client and its tasks, over UDP on localhost without TensorFlow: a
 * task that stops answering is found silent within the heartbeat timeout, and a task ends when its
 * run's client aborts, disappears or ends the run, but serves on when no run ever reached it.
 */
class ClusterHeartbeatTest {

  private static final ClusterSpec.Task W0 = new ClusterSpec.Task("worker", 0);
  private static final ClusterSpec.Task W1 = new ClusterSpec.Task("worker", 1);

  private static int freeUdpPort() throws SocketException {
    try (DatagramSocket socket = new DatagramSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static ClusterPlacement placement(int... ports) {
    List<String> addresses = new java.util.ArrayList<>();
    for (int port : ports) {
      addresses.add("localhost:" + port);
    }
    return ClusterPlacement.of(new ClusterSpec(Map.of("worker", addresses)));
  }

  /**
   * The end of {@code watch}'s task, awaited on a daemon thread (a task no run reached has none).
   */
  private static CompletableFuture<TaskServer.End> endOf(ChiefWatch watch) {
    CompletableFuture<TaskServer.End> end = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                end.complete(watch.awaitEnd());
              } catch (InterruptedException e) {
                end.completeExceptionally(e);
              }
            });
    waiter.setDaemon(true);
    waiter.start();
    return end;
  }

  @Test
  void aTaskThatStopsAnsweringIsSilentWithinTheHeartbeatTimeout() throws Exception {
    int p0 = freeUdpPort();
    int p1 = freeUdpPort();
    ClusterTimeouts timeouts = new ClusterTimeouts(Duration.ofSeconds(10), Duration.ofMillis(800));
    assertEquals(Duration.ofMillis(80), timeouts.heartbeatInterval());
    ChiefWatch first = ChiefWatch.open(W0, p0);
    ChiefWatch second = ChiefWatch.open(W1, p1);
    try (ClusterHeartbeat heartbeat = ClusterHeartbeat.start(placement(p0, p1), timeouts)) {
      Thread.sleep(1500);
      assertEquals(List.of(), heartbeat.silent(), "both answer");
      second.close();
      long closed = System.nanoTime();
      while (heartbeat.silent().isEmpty()) {
        assertTrue(System.nanoTime() - closed < TimeUnit.SECONDS.toNanos(5), "never silent");
        Thread.sleep(10);
      }
      List<ClusterHeartbeat.Silence> silent = heartbeat.silent();
      assertEquals(1, silent.size(), silent.toString());
      assertEquals(W1, silent.get(0).task());
      // Not before the timeout, as the heartbeat measures it from the task's last answer. (Against
      // the test's own clock no lower bound holds: the last answer may have come any time before
      // the close on a loaded machine.)
      assertTrue(silent.get(0).since().toMillis() >= 800, silent.toString());
    } finally {
      first.close();
      second.close();
    }
  }

  @Test
  void aTaskEndsAtOnceWhenItsRunAborts() throws Exception {
    int port = freeUdpPort();
    try (ChiefWatch watch = ChiefWatch.open(W0, port)) {
      watch.watch(Duration.ofSeconds(30));
      CompletableFuture<TaskServer.End> end = endOf(watch);
      ClusterHeartbeat heartbeat =
          ClusterHeartbeat.start(
              placement(port), new ClusterTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(1)));
      Thread.sleep(300);
      heartbeat.close(Optional.of("task worker:1 at h:1 does not answer"));
      TaskServer.End ended = end.get(5, TimeUnit.SECONDS);
      assertEquals(TaskServer.End.Kind.ABORTED, ended.kind());
      assertFalse(ended.normal());
      assertTrue(ended.message().startsWith("worker:0: the run's client at "), ended.message());
      assertTrue(ended.message().contains("worker:1 at h:1 does not answer"), ended.message());
    }
  }

  @Test
  void aTaskEndsWhenItsClientFallsSilentOrItsRunEndsButNotBeforeARun() throws Exception {
    int lost = freeUdpPort();
    int finished = freeUdpPort();
    int unused = freeUdpPort();
    Duration chiefTimeout = Duration.ofMillis(800);
    try (ChiefWatch lostWatch = ChiefWatch.open(W0, lost);
        ChiefWatch finishedWatch = ChiefWatch.open(W0, finished);
        ChiefWatch unusedWatch = ChiefWatch.open(W0, unused);
        DatagramSocket client = new DatagramSocket()) {
      for (ChiefWatch watch : List.of(lostWatch, finishedWatch, unusedWatch)) {
        watch.watch(chiefTimeout);
      }
      CompletableFuture<TaskServer.End> lostEnd = endOf(lostWatch);
      CompletableFuture<TaskServer.End> finishedEnd = endOf(finishedWatch);
      CompletableFuture<TaskServer.End> unusedEnd = endOf(unusedWatch);
      long lastPing = 0;
      for (int i = 1; i <= 5; i++) {
        lastPing = System.nanoTime();
        send(client, lost, HeartbeatMessage.Type.PING, i);
        send(client, finished, HeartbeatMessage.Type.PING, i);
        send(client, unused, HeartbeatMessage.Type.PROBE, i);
        Thread.sleep(100);
      }
      send(client, finished, HeartbeatMessage.Type.END, 6);
      TaskServer.End gone = lostEnd.get(5, TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - lastPing) / 1e9;
      assertEquals(TaskServer.End.Kind.CHIEF_LOST, gone.kind());
      assertTrue(gone.message().contains("no heartbeat from the run's client"), gone.message());
      // The watch counts from when it received the last ping, which is after the clock was read
      // for the send: never sooner than the timeout after that reading. (How much later depends on
      // the machine's load; the bound above is the get's 5 s.)
      assertTrue(seconds >= 0.8, "ended " + seconds + " s after the last ping, before the timeout");
      TaskServer.End done = finishedEnd.get(5, TimeUnit.SECONDS);
      assertEquals(TaskServer.End.Kind.FINISHED, done.kind());
      assertTrue(done.normal());
      Thread.sleep(1000);
      assertFalse(unusedEnd.isDone(), "a task no run reached serves on");
    }
  }

  @Test
  void aProbeNamesTheTasksThatDoNotAnswerWithoutStartingARun() throws Exception {
    int answering = freeUdpPort();
    int silent = freeUdpPort();
    try (ChiefWatch watch = ChiefWatch.open(W0, answering)) {
      watch.watch(Duration.ofMillis(300));
      CompletableFuture<TaskServer.End> end = endOf(watch);
      ClusterPlacement placement = placement(answering, silent);
      assertEquals(
          List.of(W1),
          ClusterHeartbeat.unanswered(
              placement.cluster(), placement.tasks(), Duration.ofSeconds(2)));
      Thread.sleep(600);
      assertFalse(end.isDone(), "a probe does not start a run");
    }
  }

  @Test
  void messagesReadBackAndStayWithinOneDatagram() {
    HeartbeatMessage abort =
        new HeartbeatMessage(HeartbeatMessage.Type.ABORT, "a1", 7, "ps:0", "é".repeat(2000));
    byte[] bytes = abort.encode();
    assertTrue(bytes.length <= HeartbeatMessage.MAX_BYTES, "" + bytes.length);
    HeartbeatMessage read = HeartbeatMessage.decode(bytes, bytes.length).orElseThrow();
    assertEquals(HeartbeatMessage.Type.ABORT, read.type());
    assertEquals("a1", read.run());
    assertEquals(7, read.sequence());
    assertEquals("ps:0", read.task());
    assertTrue(read.text().startsWith("ééé") && read.text().endsWith("…"), read.text());
    byte[] junk = "GET / HTTP/1.1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(HeartbeatMessage.decode(junk, junk.length).isEmpty());
    byte[] unknown =
        "ebm-heartbeat/1 HELLO a 1 worker:0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(HeartbeatMessage.decode(unknown, unknown.length).isEmpty());
  }

  private static void send(DatagramSocket socket, int port, HeartbeatMessage.Type type, long seq)
      throws java.io.IOException {
    byte[] bytes = new HeartbeatMessage(type, "r1", seq, "worker:0", "").encode();
    socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("localhost", port)));
  }
}
