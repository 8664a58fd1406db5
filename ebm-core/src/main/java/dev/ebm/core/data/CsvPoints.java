package dev.ebm.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.ndarray.Shape;

/**
 * Reads points from a CSV file: one point per line, coordinates separated by commas (or
 * semicolons, tabs), an optional header line of column names, blank lines and lines starting with
 * {@code #} ignored. Every row must have the same number of numeric columns.
 */
public final class CsvPoints {

  private CsvPoints() {}

  /**
   * The points of {@code file} as a dataset of vectors.
   *
   * @throws IllegalArgumentException naming the file, line and column of the first malformed value
   * @throws IOException if the file cannot be read
   */
  public static Dataset read(Path file) throws IOException {
    FloatBuffer values = new FloatBuffer();
    int columns = -1;
    int lineNumber = 0;
    boolean firstContentLine = true;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
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
              file + " line " + lineNumber + ": " + fields.length + " columns, expected " + columns);
        }
        for (int c = 0; c < fields.length; c++) {
          values.add(parse(file, lineNumber, c, fields[c]));
        }
      }
    }
    if (values.size() == 0) {
      throw new IllegalArgumentException(file + " holds no points");
    }
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
      return (float) value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          file
              + " line "
              + line
              + ", column "
              + (column + 1)
              + ": '"
              + text
              + "' is not a finite number",
          e);
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
