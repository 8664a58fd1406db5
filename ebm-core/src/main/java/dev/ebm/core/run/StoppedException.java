package dev.ebm.core.run;

/**
 * Long work stopped at a safe point because a {@link StopRequest} asked it to: the message says
 * why, where it stopped and how to go on.
 */
public final class StoppedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient StopRequest.Reason reason;

  /** Stopped for {@code reason}; {@code where} says where the work stands and how to go on. */
  public StoppedException(StopRequest.Reason reason, String where) {
    super("stopped on " + reason.reason() + " " + where);
    this.reason = reason;
  }

  /** Why it stopped. */
  public StopRequest.Reason reason() {
    return reason;
  }
}
