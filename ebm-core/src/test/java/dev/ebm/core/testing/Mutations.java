package dev.ebm.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mutated valid inputs for fuzzing a parser: a valid file or string with one to four edits — a
 * flipped byte, a cut, a deleted, duplicated, inserted or overwritten run of bytes, lines spliced
 * (the input cut at one line and continued from another, so that lines go missing or repeat), or
 * two fields swapped — where the inserted bytes are random or one of the parser's interesting
 * tokens (separators, huge numbers, {@code NaN}, a byte-order mark). Each edit sits at a fraction
 * of the input's length, so the same edit applies to an input of any length.
 */
public final class Mutations {

  /** The bytes that end a field for {@link Kind#SWAP_FIELDS}. */
  private static final String FIELD_ENDS = ",;\t\n\r :=\"";

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
    DUPLICATE,
    /**
     * Keeps the lines before the one at the position and continues with the line at {@code other}:
     * the lines between are deleted, or repeated if {@code other} comes first.
     */
    SPLICE_LINES,
    /**
     * Swaps the field at the position with the one at {@code other}; fields are the runs of bytes
     * between separators ({@code , ; = :}, tab, space, quote, line ends).
     */
    SWAP_FIELDS
  }

  /**
   * One edit.
   *
   * @param kind what it does
   * @param at where, as a fraction of the input's length in [0, 1]
   * @param other the second place a splice or swap uses, as a fraction in [0, 1]
   * @param length how many bytes a delete or duplicate takes
   * @param payload the bytes a flip, insert or overwrite writes
   */
  public record Edit(Kind kind, double at, double other, int length, byte[] payload) {

    /** {@code input} with this edit applied (a new array; {@code input} is unchanged). */
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
        case SPLICE_LINES -> {
          int cut = lineStart(input, p);
          int resume = lineStart(input, Math.min(n, (int) (other * n)));
          out.write(input, 0, cut);
          out.write(input, resume, n - resume);
        }
        case SWAP_FIELDS -> {
          return swapFields(input);
        }
      }
      return out.toByteArray();
    }

    private byte[] swapFields(byte[] input) {
      List<int[]> fields = fields(input);
      if (fields.size() < 2) {
        return input.clone();
      }
      int i = index(at, fields.size());
      int j = index(other, fields.size());
      if (i == j) {
        j = (i + 1) % fields.size();
      }
      int[] first = fields.get(Math.min(i, j));
      int[] second = fields.get(Math.max(i, j));
      ByteArrayOutputStream out = new ByteArrayOutputStream(input.length);
      out.write(input, 0, first[0]);
      out.write(input, second[0], second[1] - second[0]);
      out.write(input, first[1], second[0] - first[1]);
      out.write(input, first[0], first[1] - first[0]);
      out.write(input, second[1], input.length - second[1]);
      return out.toByteArray();
    }

    /** The [start, end) of each run of bytes between separators. */
    private static List<int[]> fields(byte[] input) {
      List<int[]> fields = new ArrayList<>();
      int start = -1;
      for (int i = 0; i <= input.length; i++) {
        boolean separator = i == input.length || FIELD_ENDS.indexOf(input[i]) >= 0;
        if (separator && start >= 0) {
          fields.add(new int[] {start, i});
          start = -1;
        } else if (!separator && start < 0) {
          start = i;
        }
      }
      return fields;
    }

    private static int lineStart(byte[] input, int p) {
      int start = p;
      while (start > 0 && input[start - 1] != '\n') {
        start--;
      }
      return start;
    }

    private static int index(double at, int size) {
      return Math.min(size - 1, (int) (at * size));
    }

    @Override
    public String toString() {
      return kind
          + "@"
          + at
          + (kind == Kind.SPLICE_LINES || kind == Kind.SWAP_FIELDS ? " with @" + other : "")
          + (kind == Kind.DELETE || kind == Kind.DUPLICATE ? " length " + length : "")
          + (kind == Kind.INSERT || kind == Kind.OVERWRITE || kind == Kind.FLIP
              ? " " + Printable.of(payload)
              : "");
    }
  }

  private Mutations() {}

  /** One to four edits, whose inserted bytes are random or one of {@code tokens} (UTF-8). */
  public static Generator<List<Edit>> edits(List<String> tokens) {
    Generator<byte[]> randomBytes = RandomInputs.bytes(1, 8);
    List<byte[]> tokenBytes =
        tokens.stream()
            .filter(t -> !t.isEmpty())
            .map(t -> t.getBytes(StandardCharsets.UTF_8))
            .toList();
    Generator<byte[]> payload =
        tokenBytes.isEmpty()
            ? randomBytes
            : Generator.oneOf(randomBytes, Generator.elementOf(tokenBytes));
    Generator<Edit> edit =
        random ->
            new Edit(
                Kind.values()[random.nextInt(Kind.values().length)],
                random.nextDouble(),
                random.nextDouble(),
                random.nextInt(1, 65),
                payload.next(random));
    return edit.list(1, 4);
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
  public static Generator<byte[]> mutated(Generator<byte[]> valid, List<String> tokens) {
    Generator<List<Edit>> edits = edits(tokens);
    return random -> apply(valid.next(random), edits.next(random));
  }

  /**
   * Valid strings from {@code valid}, each mutated as UTF-8 bytes by {@link #edits} and decoded
   * again (a broken sequence reads as U+FFFD).
   */
  public static Generator<String> mutatedText(Generator<String> valid, List<String> tokens) {
    return mutated(valid.map(s -> s.getBytes(StandardCharsets.UTF_8)), tokens)
        .map(b -> new String(b, StandardCharsets.UTF_8));
  }
}
