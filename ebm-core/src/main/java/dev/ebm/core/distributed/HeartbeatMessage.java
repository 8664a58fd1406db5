package dev.ebm.core.distributed;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One datagram of the heartbeat between a cluster's client and its tasks, sent over UDP to the port
 * number of the task's gRPC server: {@code ebm-heartbeat/1 TYPE RUN SEQ TASK [TEXT]}, in UTF-8, at
 * most {@value #MAX_BYTES} bytes.
 *
 * @param type what the datagram says
 * @param run the client's run: a random identifier per cluster session
 * @param sequence the number of the client's heartbeat round (a reply repeats it)
 * @param task the task the datagram is addressed to (or, in a reply, the task that answers), {@code
 *     job:index}
 * @param text the reason of an {@link Type#ABORT}, else empty
 */
record HeartbeatMessage(Type type, String run, long sequence, String task, String text) {

  /** What a datagram says. */
  enum Type {
    /** Client to task: answer, but no run has started (a reachability check). */
    PROBE,
    /** Client to task: the run is alive; answer. */
    PING,
    /** Client to task: the run ended normally; serve the next one or end when none comes. */
    END,
    /** Client to task: the run stopped on an error; end now. */
    ABORT,
    /** Task to client: the answer to a probe or a ping. */
    PONG
  }

  /** The first word of every datagram, with the protocol's version. */
  static final String MAGIC = "ebm-heartbeat/1";

  /** The largest datagram sent or read. */
  static final int MAX_BYTES = 1024;

  HeartbeatMessage {
    if (run.isEmpty() || run.contains(" ") || task.isEmpty() || task.contains(" ")) {
      throw new IllegalArgumentException(
          "a heartbeat's run and task are single words, got '" + run + "', '" + task + "'");
    }
  }

  /** The datagram's bytes (the text cut to fit). */
  byte[] encode() {
    String head = MAGIC + " " + type + " " + run + " " + sequence + " " + task;
    String line = text.isEmpty() ? head : head + " " + text.replace('\n', ' ');
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_BYTES) {
      return bytes;
    }
    // Cut on a character boundary: decode the prefix leniently and encode it again.
    String cut = new String(bytes, 0, MAX_BYTES - 3, StandardCharsets.UTF_8);
    return (cut.substring(0, cut.length() - 1) + "…").getBytes(StandardCharsets.UTF_8);
  }

  /** The message in {@code length} bytes of {@code data}, or empty for anything else. */
  static Optional<HeartbeatMessage> decode(byte[] data, int length) {
    String[] words = new String(data, 0, length, StandardCharsets.UTF_8).split(" ", 6);
    if (words.length < 5 || !words[0].equals(MAGIC)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new HeartbeatMessage(
              Type.valueOf(words[1]),
              words[2],
              Long.parseLong(words[3]),
              words[4],
              words.length == 6 ? words[5] : ""));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
