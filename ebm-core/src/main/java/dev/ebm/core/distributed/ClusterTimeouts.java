package dev.ebm.core.distributed;

import java.time.Duration;

/**
 * How long a client of a cluster waits before it gives a task up: each session call ends within
 * {@code callTimeout} (TensorFlow's {@code RunOptions.timeout_in_ms}), and a task that answers none
 * of the client's heartbeats for {@code heartbeatTimeout} stops the run at once, even in the middle
 * of a call. The heartbeat is what finds a hung task quickly; the call timeout is the bound when
 * everything else fails (a task whose process answers but whose TensorFlow runtime does not).
 *
 * <p>The first call of each kind (the same feeds, fetches and targets) also partitions the graph
 * and registers its parts with the tasks, which can take a while for a large graph: it may take up
 * to {@link #setupTimeout()}, at least {@value #SETUP_TIMEOUT_SECONDS} s.
 *
 * @param callTimeout the longest a session call may take
 * @param heartbeatTimeout how long a task may leave every heartbeat unanswered
 */
public record ClusterTimeouts(Duration callTimeout, Duration heartbeatTimeout) {

  /** The default call timeout, in seconds (10 minutes). */
  public static final long DEFAULT_CALL_TIMEOUT_SECONDS = 600;

  /** The default heartbeat timeout, in seconds. */
  public static final long DEFAULT_HEARTBEAT_TIMEOUT_SECONDS = 30;

  /** The least time the first call of each kind gets, in seconds. */
  public static final long SETUP_TIMEOUT_SECONDS = 600;

  /** The shortest heartbeat timeout: ten heartbeats of the shortest interval. */
  public static final Duration MIN_HEARTBEAT_TIMEOUT = Duration.ofMillis(500);

  /** The longest interval between two heartbeats. */
  public static final Duration MAX_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

  public ClusterTimeouts {
    if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException(
          "the call timeout must be positive, got " + callTimeout + "; the default is 600 s");
    }
    if (heartbeatTimeout == null || heartbeatTimeout.compareTo(MIN_HEARTBEAT_TIMEOUT) < 0) {
      throw new IllegalArgumentException(
          "the heartbeat timeout must be at least "
              + MIN_HEARTBEAT_TIMEOUT.toMillis()
              + " ms, got "
              + heartbeatTimeout
              + "; the default is "
              + DEFAULT_HEARTBEAT_TIMEOUT_SECONDS
              + " s");
    }
  }

  /** The defaults: 600 s per call, 30 s of heartbeat silence. */
  public static ClusterTimeouts defaults() {
    return new ClusterTimeouts(
        Duration.ofSeconds(DEFAULT_CALL_TIMEOUT_SECONDS),
        Duration.ofSeconds(DEFAULT_HEARTBEAT_TIMEOUT_SECONDS));
  }

  /** The time the first call of each kind gets: the call timeout, at least 600 s. */
  public Duration setupTimeout() {
    Duration setup = Duration.ofSeconds(SETUP_TIMEOUT_SECONDS);
    return callTimeout.compareTo(setup) > 0 ? callTimeout : setup;
  }

  /**
   * The interval between two heartbeats: a tenth of the heartbeat timeout, at most 1 s, so that a
   * silent task has missed about ten of them (or thirty at the default) before it is given up.
   */
  public Duration heartbeatInterval() {
    Duration tenth = heartbeatTimeout.dividedBy(10);
    return tenth.compareTo(MAX_HEARTBEAT_INTERVAL) < 0 ? tenth : MAX_HEARTBEAT_INTERVAL;
  }
}
