package dev.ebm.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.ndarray.Shape;

/**
 * Reads points from a CSV file of UTF-8 text (a leading byte-order mark is skipped): one point per
 * line, coordinates separated by commas (or semicolons, tabs), an optional header line of column
 * names, blank lines and lines starting with {@code #} ignored. Every row must have the same number
 * of numeric columns, and every value must fit float32, the type models train in: {@code |x| ≤
 * 3.4028235e38} (an error otherwise), and, as a warning, {@code |x| ≤ 1.8e19} so that its square
 * (every method squares the data or its score) is finite too.
 */
public final class CsvPoints {

  /** What some editors write before the first line of a UTF-8 file; not part of the data. */
  private static final String BYTE_ORDER_MARK = "\uFEFF";

  private CsvPoints() {}

  /**
   * The points of {@code file} as a dataset of vectors.
   *
   * @throws IllegalArgumentException naming the file, line and column of the first malformed value,
   *     or where the file is not UTF-8 text
   * @throws IOException if the file cannot be read
   */
  public static Dataset read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    FloatBuffer values = new FloatBuffer();
    LargeValues large = new LargeValues(file);
    int columns = -1;
    int lineNumber = 0;
    boolean firstContentLine = true;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (lineNumber == 1 && line.startsWith(BYTE_ORDER_MARK)) {
          line = line.substring(1);
        }
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] fields = trimmed.split("[,;\t]", -1);
        if (firstContentLine) {
          firstContentLine = false;
          if (isHeader(fields)) {
            columns = fields.length;
            continue;
          }
        }
        if (columns < 0) {
          columns = fields.length;
        } else if (fields.length != columns) {
          throw new IllegalArgumentException(
              file
                  + " line "
                  + lineNumber
                  + ": "
                  + fields.length
                  + " columns, expected "
                  + columns);
        }
        for (int c = 0; c < fields.length; c++) {
          float value = parse(file, lineNumber, c, fields[c]);
          large.check(value, lineNumber, c);
          values.add(value);
        }
      }
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          file
              + " is not UTF-8 text (a malformed byte on line "
              + (lineNumber + 1)
              + " or after it); save it as UTF-8 (or plain ASCII)",
          e);
    }
    if (values.size() == 0) {
      throw new IllegalArgumentException(file + " holds no points");
    }
    large.warnIfAny();
    return Dataset.of(values.toArray(), Shape.of(columns));
  }

  private static boolean isHeader(String[] fields) {
    for (String f : fields) {
      try {
        Double.parseDouble(f.strip());
      } catch (NumberFormatException e) {
        return true;
      }
    }
    return false;
  }

  private static float parse(Path file, int line, int column, String field) {
    String text = field.strip();
    try {
      double value = Double.parseDouble(text);
      if (!Double.isFinite(value)) {
        throw new NumberFormatException();
      }
      if (Math.abs(value) > Float.MAX_VALUE) {
        throw new IllegalArgumentException(
            where(file, line, column)
                + ": "
                + text
                + " is outside float32's range (±"
                + Float.MAX_VALUE
                + "), the type models train in; rescale the data (e.g. standardise each column)");
      }
      return (float) value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          where(file, line, column) + ": '" + text + "' is not a finite number", e);
    }
  }

  private static String where(Path file, int line, int column) {
    return file + " line " + line + ", column " + (column + 1);
  }

  /**
   * Values whose square overflows float32 ({@code |x| > √3.4e38 ≈ 1.8e19}): legal, but every method
   * squares the data or its score, so training them is likely to overflow. Reported once, with the
   * first such value's place and their count.
   */
  private static final class LargeValues {
    private static final System.Logger LOG = System.getLogger(CsvPoints.class.getName());
    private static final double SQUARE_LIMIT = Math.sqrt(Float.MAX_VALUE);

    private final Path file;
    private String first;
    private long count;

    LargeValues(Path file) {
      this.file = file;
    }

    void check(float value, int line, int column) {
      if (Math.abs(value) > SQUARE_LIMIT) {
        if (count++ == 0) {
          first = where(file, line, column) + ": " + value;
        }
      }
    }

    void warnIfAny() {
      if (count > 0) {
        LOG.log(
            System.Logger.Level.WARNING,
            "{0} is so large that its square overflows float32 ({1} such value(s) in all, |x| >"
                + " {2}); training is likely to diverge. Rescale the data (e.g. standardise each"
                + " column)",
            first,
            String.valueOf(count),
            String.valueOf((float) SQUARE_LIMIT));
      }
    }
  }

  /** A growable float array. */
  private static final class FloatBuffer {
    private float[] data = new float[1024];
    private int size;

    void add(float v) {
      if (size == data.length) {
        data = java.util.Arrays.copyOf(data, 2 * size);
      }
      data[size++] = v;
    }

    int size() {
      return size;
    }

    float[] toArray() {
      return java.util.Arrays.copyOf(data, size);
    }
  }
}
