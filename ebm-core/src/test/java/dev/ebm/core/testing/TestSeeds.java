package dev.ebm.core.testing;

import java.util.SplittableRandom;

/**
 * The seeds of randomised tests: fixed by default, so that every run checks the same points, and
 * fresh or chosen when the system property {@value #PROPERTY} asks for it.
 *
 * <ul>
 *   <li>unset: each test uses the fixed seed it names, so a run is reproducible;
 *   <li>{@code -Debm.test.seed=fresh}: each draw gets a new seed from the clock, to explore other
 *       points;
 *   <li>{@code -Debm.test.seed=N}: every draw uses seed {@code N}, to replay a failure.
 * </ul>
 *
 * <p>The seed of the current test is remembered per thread; {@link ReportSeedOnFailure} adds it to
 * the message of a failing test, with the command that replays it.
 */
public final class TestSeeds {

  /** The system property that chooses fresh or given seeds. */
  public static final String PROPERTY = "ebm.test.seed";

  private static final ThreadLocal<Long> CURRENT = new ThreadLocal<>();

  private TestSeeds() {}

  /**
   * The seed a test uses: {@code fixedSeed} unless {@value #PROPERTY} is {@code fresh} or a number.
   */
  public static long seed(long fixedSeed) {
    String requested = System.getProperty(PROPERTY, "").strip();
    long seed;
    if (requested.isEmpty()) {
      seed = fixedSeed;
    } else if (requested.equals("fresh")) {
      seed = new SplittableRandom(System.nanoTime() ^ Thread.currentThread().getId()).nextLong();
    } else {
      try {
        seed = Long.parseLong(requested);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "-D" + PROPERTY + "=" + requested + " is neither 'fresh' nor a number", e);
      }
    }
    CURRENT.set(seed);
    return seed;
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
