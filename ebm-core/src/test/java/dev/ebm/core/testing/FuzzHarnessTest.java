package dev.ebm.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fuzz harness itself: the same seed draws the same cases, a failure names the seed, the case
 * and the input, and the edits of {@link Mutations} do what they say, checked on inputs small
 * enough to write the answer by hand.
 */
class FuzzHarnessTest {

  @Test
  void theSameSeedDrawsTheSameCasesAndCountsEveryOutcome() {
    List<Integer> first = new ArrayList<>();
    List<Integer> second = new ArrayList<>();
    Generator<Integer> ints = Generator.integers(0, 9);
    Fuzz.Counts counts =
        Fuzz.check(
            "harness",
            11,
            200,
            ints,
            i -> {
              first.add(i);
              return i < 5 ? "low" : "high";
            });
    Fuzz.check(
        "harness",
        11,
        200,
        ints,
        i -> {
          second.add(i);
          return "any";
        });
    assertEquals(first, second);
    assertEquals(200, counts.count("low") + counts.count("high"));
    assertEquals(first.stream().filter(i -> i < 5).count(), counts.count("low"));
  }

  @Test
  void aFailureNamesTheSeedTheCaseAndThePrintableInput() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                Fuzz.check(
                    "harness",
                    12,
                    10,
                    random -> "a\u0000b\n",
                    s -> {
                      throw new ArithmeticException("/ by zero");
                    }));
    assertTrue(e.getMessage().startsWith("fuzz harness: case 1 of 10 (seed 12) failed"));
    assertTrue(e.getMessage().contains("java.lang.ArithmeticException: / by zero"));
    assertTrue(e.getMessage().contains("input: \"a\\u0000b\\n\""), e.getMessage());
  }

  @Test
  void printableCutsLongInputsAndEscapesBytes() {
    assertEquals("(3 bytes) \"A\\xFF\\n\"", Printable.of(new byte[] {'A', (byte) 0xFF, '\n'}));
    String shown = Printable.of("x".repeat(1000));
    assertTrue(shown.endsWith("… (" + (1000 - (Printable.LIMIT - 1)) + " more characters)"));
  }

  @Test
  void editsSpliceLinesAndSwapFields() {
    byte[] lines = bytes("a\nb\nc\n");
    // Cut before line b (at 2/6), continue from line c (at 4/6): line b is gone.
    assertArrayEquals(bytes("a\nc\n"), edit(Mutations.Kind.SPLICE_LINES, 2.0 / 6, 4.0 / 6, lines));
    // Cut before line c, continue from line a: lines a and b repeat.
    assertArrayEquals(
        bytes("a\nb\na\nb\nc\n"), edit(Mutations.Kind.SPLICE_LINES, 4.0 / 6, 0, lines));
    assertArrayEquals(bytes("3,22;1"), edit(Mutations.Kind.SWAP_FIELDS, 0, 0.9, bytes("1,22;3")));
    assertArrayEquals(bytes("a\nb"), edit(Mutations.Kind.TRUNCATE, 0.5, 0, lines));
  }

  private static byte[] edit(Mutations.Kind kind, double at, double other, byte[] input) {
    return new Mutations.Edit(kind, at, other, 1, new byte[] {1}).apply(input);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
