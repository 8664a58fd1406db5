package dev.ebm.core.run;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A request, from another thread (a signal handler, a user interface), that long work stop at its
 * next safe point: training at the next step boundary, after a checkpoint; sampling between
 * updates. Thread-safe; once requested it stays requested.
 */
public final class StopRequest {

  /**
   * Why the work stops.
   *
   * @param reason what asked, e.g. {@code SIGTERM}
   * @param exitStatus the status a process that stops for it exits with, e.g. 143
   */
  public record Reason(String reason, int exitStatus) {}

  private final AtomicReference<Reason> requested = new AtomicReference<>();

  /** Asks the work to stop; a later request does not replace the first. */
  public void request(String reason, int exitStatus) {
    requested.compareAndSet(null, new Reason(reason, exitStatus));
  }

  /** Why stopping was asked, if it was. */
  public Optional<Reason> requested() {
    return Optional.ofNullable(requested.get());
  }

  /**
   * Returns normally unless stopping was asked.
   *
   * @param where where the work stands, for the message: e.g. {@code "at step 1200; the checkpoint
   *     of step 1200 is in runs/dsm/checkpoints"}
   * @throws StoppedException if it was
   */
  public void throwIfRequested(String where) {
    Reason reason = requested.get();
    if (reason != null) {
      throw new StoppedException(reason, where);
    }
  }
}
