package dev.ebm.core.testing;

import java.util.SplittableRandom;

/**
 * The seeds of randomised tests: always fixed, never from the clock, so that every run of the same
 * command checks the same points. The system property {@value #PROPERTY} chooses other fixed
 * points:
 *
 * <ul>
 *   <li>unset: each test uses the fixed seed it names;
 *   <li>{@code -Debm.test.seed=shift:K}: each test's seed mixed with {@code K}, to explore other
 *       points reproducibly (one point set per K);
 *   <li>{@code -Debm.test.seed=N}: every draw uses seed {@code N}, to replay a failure.
 * </ul>
 *
 * <p>The seed of the current test is remembered per thread; {@link ReportSeedOnFailure} adds it to
 * the message of a failing test, with the command that replays it.
 */
public final class TestSeeds {

  /** The system property that chooses shifted or given seeds. */
  public static final String PROPERTY = "ebm.test.seed";

  private static final ThreadLocal<Long> CURRENT = new ThreadLocal<>();

  private TestSeeds() {}

  /**
   * The seed a test uses: {@code fixedSeed} unless {@value #PROPERTY} is {@code shift:K} or a
   * number.
   */
  public static long seed(long fixedSeed) {
    String requested = System.getProperty(PROPERTY, "").strip();
    long seed;
    if (requested.isEmpty()) {
      seed = fixedSeed;
    } else if (requested.startsWith(SHIFT)) {
      seed =
          new SplittableRandom(fixedSeed ^ number(requested.substring(SHIFT.length()))).nextLong();
    } else {
      seed = number(requested);
    }
    CURRENT.set(seed);
    return seed;
  }

  private static final String SHIFT = "shift:";

  private static long number(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D" + PROPERTY + "=" + System.getProperty(PROPERTY) + " is neither shift:K nor a number",
          e);
    }
  }

  /** A random source seeded with {@link #seed(long)}. */
  public static SplittableRandom random(long fixedSeed) {
    return new SplittableRandom(seed(fixedSeed));
  }

  /** The seed the current thread's test drew last, if any; cleared by {@link #forget()}. */
  static Long current() {
    return CURRENT.get();
  }

  /** Forgets the current thread's seed (between tests). */
  static void forget() {
    CURRENT.remove();
  }
}
