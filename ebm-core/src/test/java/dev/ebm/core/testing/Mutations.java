package dev.ebm.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Mutated valid inputs for fuzzing a parser: a valid file or string with one to four edits — a
 * flipped byte, a cut, a deleted, duplicated, inserted or overwritten run of bytes — where the
 * inserted bytes are random or one of the parser's interesting tokens (separators, huge numbers,
 * {@code NaN}, a byte-order mark). Each edit sits at a fraction of the input's length, so it
 * shrinks toward the start of the input and toward small edits.
 */
public final class Mutations {

  /** What an edit does. */
  public enum Kind {
    /** XORs one byte with the payload's first byte (made odd, so the byte changes). */
    FLIP,
    /** Cuts the input at the position. */
    TRUNCATE,
    /** Deletes {@code length} bytes at the position. */
    DELETE,
    /** Inserts the payload at the position. */
    INSERT,
    /** Overwrites bytes from the position with the payload. */
    OVERWRITE,
    /** Inserts a copy of the {@code length} bytes at the position. */
    DUPLICATE
  }

  /**
   * One edit.
   *
   * @param kind what it does
   * @param at where, as a fraction of the input's length in [0, 1]
   * @param length how many bytes a delete or duplicate takes
   * @param payload the bytes an insert or overwrite writes
   */
  public record Edit(Kind kind, double at, int length, byte[] payload) {

    /** {@code input} with this edit applied. */
    public byte[] apply(byte[] input) {
      int n = input.length;
      int p = Math.min(n, (int) (at * n));
      int end = Math.min(n, p + length);
      ByteArrayOutputStream out = new ByteArrayOutputStream(n + payload.length + length);
      switch (kind) {
        case FLIP -> {
          byte[] copy = input.clone();
          if (p < n) {
            copy[p] ^= (byte) (payload[0] | 1);
          }
          return copy;
        }
        case TRUNCATE -> {
          return Arrays.copyOf(input, p);
        }
        case DELETE -> {
          out.write(input, 0, p);
          out.write(input, end, n - end);
        }
        case INSERT -> {
          out.write(input, 0, p);
          out.write(payload, 0, payload.length);
          out.write(input, p, n - p);
        }
        case OVERWRITE -> {
          out.write(input, 0, p);
          out.write(payload, 0, payload.length);
          int after = Math.min(n, p + payload.length);
          out.write(input, after, n - after);
        }
        case DUPLICATE -> {
          out.write(input, 0, end);
          out.write(input, p, n - p);
        }
      }
      return out.toByteArray();
    }

    @Override
    public String toString() {
      return kind
          + "@"
          + at
          + (kind == Kind.DELETE || kind == Kind.DUPLICATE ? " length " + length : "")
          + (kind == Kind.INSERT || kind == Kind.OVERWRITE || kind == Kind.FLIP
              ? " " + Arrays.toString(payload)
              : "");
    }
  }

  private Mutations() {}

  /** One to four edits, whose inserted bytes are random or one of {@code tokens} (UTF-8). */
  public static Arbitrary<List<Edit>> edits(List<String> tokens) {
    Arbitrary<byte[]> randomBytes =
        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8);
    Arbitrary<byte[]> payload =
        tokens.isEmpty()
            ? randomBytes
            : Arbitraries.oneOf(
                randomBytes,
                Arbitraries.of(tokens)
                    .filter(t -> !t.isEmpty())
                    .map(t -> t.getBytes(StandardCharsets.UTF_8)));
    return Combinators.combine(
            Arbitraries.of(Kind.class),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.integers().between(1, 64),
            payload)
        .as(Edit::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  /** {@code input} with every edit applied in turn. */
  public static byte[] apply(byte[] input, List<Edit> edits) {
    byte[] result = input;
    for (Edit edit : edits) {
      result = edit.apply(result);
    }
    return result;
  }

  /** Valid inputs from {@code valid}, each mutated by {@link #edits}. */
  public static Arbitrary<byte[]> mutated(Arbitrary<byte[]> valid, List<String> tokens) {
    return Combinators.combine(valid, edits(tokens)).as(Mutations::apply);
  }

  /**
   * Valid strings from {@code valid}, each mutated as UTF-8 bytes by {@link #edits} and decoded
   * again (a broken sequence reads as U+FFFD).
   */
  public static Arbitrary<String> mutatedText(Arbitrary<String> valid, List<String> tokens) {
    return mutated(valid.map(s -> s.getBytes(StandardCharsets.UTF_8)), tokens)
        .map(b -> new String(b, StandardCharsets.UTF_8));
  }
}
