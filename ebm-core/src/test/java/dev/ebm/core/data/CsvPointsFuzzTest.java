package dev.ebm.core.data;

import static dev.ebm.core.testing.ParserOutcomes.outcome;
import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.testing.Fuzz;
import dev.ebm.core.testing.Generator;
import dev.ebm.core.testing.Mutations;
import dev.ebm.core.testing.RandomInputs;
import dev.ebm.core.testing.ReportSeedOnFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CsvPoints#read} fed random bytes, random text and mutated valid CSV files (flipped bytes,
 * cuts, inserted separators, huge numbers, {@code NaN}, {@code Infinity}, empty lines, a byte-order
 * mark, spliced lines, swapped fields, rows of another width) either reads points — every one
 * finite, all rows of one width — or refuses the file with an {@link IllegalArgumentException} or
 * {@link IOException} naming it.
 */
@ExtendWith(ReportSeedOnFailure.class)
class CsvPointsFuzzTest {

  /** What the mutations insert: separators, numbers at and past float32's range, non-numbers. */
  private static final List<String> TOKENS =
      List.of(
          ",",
          ";",
          "\t",
          "\n",
          "\r\n",
          "\n\n",
          "#",
          "NaN",
          "Infinity",
          "-Infinity",
          "1e39",
          "3.4028235e38",
          "-3.5e38",
          "1e400",
          "4.9e-324",
          "2e19",
          "0x1p3",
          "1d",
          "1f",
          "\uFEFF",
          "x,y",
          " ",
          "-",
          "+",
          ".",
          "e",
          "\u0000",
          "１");

  @TempDir static Path dir;

  @Test
  void mutatedValidCsvReadsOrIsRefusedNamingTheFile() {
    Fuzz.check(
        "CsvPoints mutated-valid",
        6031,
        1000,
        Mutations.mutated(validCsv(), TOKENS),
        CsvPointsFuzzTest::readsOrRefuses);
  }

  @Test
  void randomTextReadsOrIsRefusedNamingTheFile() {
    Generator<String> text =
        Generator.oneOf(
            RandomInputs.text(200),
            RandomInputs.textOf("0123456789.,;\t\n-+eE#xyNaInfity ", 0, 200));
    Fuzz.check(
        "CsvPoints random-text",
        6032,
        500,
        text,
        content -> readsOrRefuses(content.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void randomBytesReadOrAreRefusedNamingTheFile() {
    Fuzz.check(
        "CsvPoints random-bytes",
        6033,
        500,
        RandomInputs.bytes(255),
        CsvPointsFuzzTest::readsOrRefuses);
  }

  private static String readsOrRefuses(byte[] content) throws IOException {
    Path file = dir.resolve("points.csv");
    Files.write(file, content);
    Optional<Dataset> points = parsedOrRefused(file.toString(), () -> CsvPoints.read(file));
    points.ifPresent(
        d -> {
          assertTrue(d.size() > 0, "a file read holds points");
          assertEquals(1, d.sampleShape().numDimensions());
          for (double v : d.toDoubles()) {
            assertTrue(Float.isFinite((float) v), "every value read is a finite float32: " + v);
          }
        });
    return outcome(points);
  }

  /** Valid CSV files: an optional header, 1–4 columns, 1–20 rows, comments and blank lines. */
  private static Generator<byte[]> validCsv() {
    return random -> {
      int columns = random.nextInt(1, 5);
      String separator = List.of(",", ";", "\t").get(random.nextInt(3));
      StringBuilder s = new StringBuilder();
      if (random.nextBoolean()) {
        for (int i = 0; i < columns; i++) {
          s.append(i > 0 ? separator : "").append("c").append(i);
        }
        s.append("\n# a comment\n\n");
      }
      int rows = random.nextInt(1, 21);
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < columns; i++) {
          s.append(i > 0 ? separator : "").append(random.nextDouble(-1e6, 1e6));
        }
        s.append('\n');
      }
      return s.toString().getBytes(StandardCharsets.UTF_8);
    };
  }
}
