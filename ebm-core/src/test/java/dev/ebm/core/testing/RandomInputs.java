package dev.ebm.core.testing;

import static dev.ebm.core.testing.Generator.weight;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Random inputs with no structure, for fuzzing a parser: bytes, text made of the pieces that matter
 * to number and record parsers (digits, separators, exponents, {@code NaN}, {@code Infinity},
 * letters, any Unicode character including lone surrogates and characters outside the BMP, NUL and
 * a byte-order mark), text over a given alphabet, and numbers with their extremes. Lengths are
 * short half the time (at most 8) and otherwise uniform up to the maximum, so that both short and
 * long inputs are drawn.
 */
public final class RandomInputs {

  /** The ASCII letters. */
  public static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private static final String DIGITS = "0123456789";

  private static final String SEPARATORS = ",;\t\n\r :=#\"";

  private static final String NUMBER_PARTS = "eE+-.xp";

  /** Words and numbers that number parsers treat specially. */
  private static final List<String> NUMBER_WORDS =
      List.of(
          "NaN",
          "Infinity",
          "-Infinity",
          "1e400",
          "-1e400",
          "1e-400",
          "3.4028235e38",
          "4.9e-324",
          "9223372036854775808",
          "0x1p3",
          "1d",
          "1f",
          "\uFF11");

  private static final Generator<String> PIECES =
      Generator.weighted(
          weight(4, oneCharOf(DIGITS)),
          weight(3, oneCharOf(SEPARATORS)),
          weight(2, oneCharOf(NUMBER_PARTS)),
          weight(2, Generator.elementOf(NUMBER_WORDS)),
          weight(2, oneCharOf(LETTERS)),
          weight(3, random -> String.valueOf((char) random.nextInt(Character.MAX_VALUE + 1))),
          weight(
              1,
              random ->
                  Character.toString(
                      random.nextInt(Character.MIN_SUPPLEMENTARY_CODE_POINT, 0x10FFFF + 1))),
          weight(1, Generator.constant("\u0000")),
          weight(1, Generator.constant("\uFEFF")));

  private RandomInputs() {}

  /** Byte arrays of 0 to {@code maxLength} uniformly random bytes. */
  public static Generator<byte[]> bytes(int maxLength) {
    return bytes(0, maxLength);
  }

  /** Byte arrays of {@code minLength} to {@code maxLength} uniformly random bytes. */
  public static Generator<byte[]> bytes(int minLength, int maxLength) {
    return random -> {
      byte[] bytes = new byte[length(random, minLength, maxLength)];
      random.nextBytes(bytes);
      return bytes;
    };
  }

  /**
   * Text of up to {@code maxLength} pieces: digits, separators, exponent and sign characters, words
   * such as {@code NaN} and {@code 1e400}, letters, any UTF-16 unit, characters outside the BMP,
   * NUL and the byte-order mark.
   */
  public static Generator<String> text(int maxLength) {
    return random -> {
      int pieces = length(random, 0, maxLength);
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < pieces; i++) {
        text.append(PIECES.next(random));
      }
      return text.toString();
    };
  }

  /** Text of {@code minLength} to {@code maxLength} characters, each one of {@code alphabet}. */
  public static Generator<String> textOf(String alphabet, int minLength, int maxLength) {
    return random -> {
      int length = length(random, minLength, maxLength);
      StringBuilder text = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      return text.toString();
    };
  }

  /** Any {@code int}: the extremes, 0 and ±1, small ones, or uniform over all of them. */
  public static Generator<Integer> anyInt() {
    return Generator.weighted(
        weight(1, Generator.of(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE)),
        weight(1, Generator.integers(-1000, 1000)),
        weight(2, SplittableRandom::nextInt));
  }

  /** Any {@code long}: the extremes, 0 and ±1, small ones, or uniform over all of them. */
  public static Generator<Long> anyLong() {
    return Generator.weighted(
        weight(1, Generator.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 53)),
        weight(1, random -> random.nextLong(-1000, 1001)),
        weight(2, SplittableRandom::nextLong));
  }

  /**
   * Any {@code double}: the special values (NaN, ±∞, ±0, the smallest and largest), numbers of any
   * magnitude from 1e-12 to 1e12, or any bit pattern.
   */
  public static Generator<Double> anyDouble() {
    return Generator.weighted(
        weight(
            1,
            Generator.of(
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                0.0,
                -0.0,
                Double.MIN_VALUE,
                Double.MAX_VALUE,
                -Double.MAX_VALUE,
                1.0,
                -1.0)),
        weight(2, random -> random.nextGaussian() * Math.pow(10, random.nextInt(-12, 13))),
        weight(1, random -> Double.longBitsToDouble(random.nextLong())));
  }

  private static Generator<String> oneCharOf(String chars) {
    return random -> String.valueOf(chars.charAt(random.nextInt(chars.length())));
  }

  /** Short (at most 8) half the time, else uniform in [{@code min}, {@code max}]. */
  private static int length(SplittableRandom random, int min, int max) {
    int shortMax = Math.max(min, Math.min(max, 8));
    return random.nextBoolean() ? random.nextInt(min, shortMax + 1) : random.nextInt(min, max + 1);
  }
}
