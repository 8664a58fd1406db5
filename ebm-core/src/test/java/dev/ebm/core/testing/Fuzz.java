package dev.ebm.core.testing;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Runs a property over generated inputs: {@code cases} inputs drawn from a {@link Generator} with a
 * fixed seed, each checked by the property, which names the case's outcome (for a parser, {@link
 * ParserOutcomes#PARSED} or {@link ParserOutcomes#REFUSED}). The outcomes are counted and printed
 * as one line, e.g. {@code fuzz CsvPoints mutated-valid: 1000 cases, 160 parsed, 840 refused (0.9
 * s)}. Any exception or error out of the property — the parser's unexpected exception, a failed
 * assertion, a stack overflow — fails at once with the property's name, the seed, the case's number
 * and the input, printable and cut short ({@link Printable}); there is no shrinking, so the
 * generators make small inputs often.
 *
 * <p>The seed comes from {@link TestSeeds#seed}, so {@code -Debm.test.seed=shift:K} explores other
 * inputs and {@code -Debm.test.seed=N} replays a failure's seed; with {@link ReportSeedOnFailure}
 * on the test class the failure also gives the command that replays it. Each case draws from its
 * own {@link SplittableRandom#split() split} of the seed's random source, so case {@code i} is the
 * same input however much the cases before it drew.
 */
public final class Fuzz {

  /**
   * What every generated input must satisfy.
   *
   * @param <T> the type of the inputs
   */
  @FunctionalInterface
  public interface Property<T> {

    /**
     * Checks {@code input} and names its outcome, under which it is counted; throws (anything) if
     * the input breaks the property.
     */
    String check(T input) throws Exception;
  }

  /**
   * How a property's cases ended.
   *
   * @param name the property's name
   * @param seed the seed its inputs were drawn from
   * @param cases how many inputs were checked
   * @param outcomes how many ended in each outcome, by name in alphabetical order
   */
  public record Counts(String name, long seed, int cases, Map<String, Integer> outcomes) {

    /** Copies the outcomes. */
    public Counts {
      outcomes = Map.copyOf(outcomes);
    }

    /** How many cases ended in {@code outcome}. */
    public int count(String outcome) {
      return outcomes.getOrDefault(outcome, 0);
    }

    /** E.g. {@code fuzz CsvPoints mutated-valid: 1000 cases, 160 parsed, 840 refused}. */
    @Override
    public String toString() {
      StringBuilder line = new StringBuilder("fuzz " + name + ": " + cases + " cases");
      new TreeMap<>(outcomes).forEach((o, n) -> line.append(", ").append(n).append(' ').append(o));
      return line.toString();
    }
  }

  private Fuzz() {}

  /**
   * Checks {@code property} on {@code cases} inputs of {@code inputs}, drawn from {@link
   * TestSeeds#seed TestSeeds.seed(fixedSeed)}, and prints and returns how they ended.
   *
   * @param name the property's name in the printed line and in a failure, e.g. {@code "CsvPoints
   *     mutated-valid"}
   * @throws AssertionError for the first input that breaks the property, naming the seed, the case
   *     and the input, with the property's exception as its cause
   */
  public static <T> Counts check(
      String name, long fixedSeed, int cases, Generator<T> inputs, Property<T> property) {
    long seed = TestSeeds.seed(fixedSeed);
    SplittableRandom perCase = new SplittableRandom(seed);
    Map<String, Integer> outcomes = new TreeMap<>();
    for (int i = 0; i < cases; i++) {
      SplittableRandom random = perCase.split();
      T input;
      try {
        input = inputs.next(random);
      } catch (RuntimeException | Error e) {
        throw new AssertionError(where(name, seed, i, cases) + " could not be drawn: " + e, e);
      }
      String outcome;
      try {
        outcome = property.check(input);
      } catch (Exception | Error e) {
        throw new AssertionError(
            where(name, seed, i, cases)
                + " failed: "
                + (e instanceof AssertionError ? e.getMessage() : e.toString())
                + "\n  input: "
                + Printable.of(input),
            e);
      }
      if (outcome == null) {
        throw new AssertionError(
            where(name, seed, i, cases) + " named no outcome; input: " + Printable.of(input));
      }
      outcomes.merge(outcome, 1, Integer::sum);
    }
    Counts counts = new Counts(name, seed, cases, outcomes);
    // A test's report, not library logging: one line per property in the test output.
    System.out.println(counts);
    return counts;
  }

  private static String where(String name, long seed, int i, int cases) {
    return "fuzz " + name + ": case " + (i + 1) + " of " + cases + " (seed " + seed + ")";
  }
}
