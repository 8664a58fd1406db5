package dev.ebm.core.sampling;

/**
 * The longest chain one session call may run: a whole chain runs inside one call, with no output
 * until it ends, so a length beyond {@value #MAX_STEPS} updates is surely a mistake (a mistyped
 * number of steps would run for hours in silence) and is refused with the reason.
 */
public final class ChainLength {

  /** The most updates of one chain in one call. */
  public static final long MAX_STEPS = 1_000_000;

  private ChainLength() {}

  /**
   * Returns {@code steps} if it is at most {@link #MAX_STEPS}.
   *
   * @param what the chain, for the message, e.g. {@code "a Langevin chain"}
   * @throws IllegalArgumentException naming the length and the limit, otherwise
   */
  public static long requireReasonable(String what, long steps) {
    if (steps > MAX_STEPS) {
      throw new IllegalArgumentException(
          what
              + " of "
              + steps
              + " updates in one call is surely a mistake: it would run for hours with no output;"
              + " at most "
              + MAX_STEPS
              + " (draw long chains in several calls)");
    }
    return steps;
  }
}
