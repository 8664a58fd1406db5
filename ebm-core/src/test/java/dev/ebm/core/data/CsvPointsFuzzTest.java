package dev.ebm.core.data;

import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.io.Directories;
import dev.ebm.core.testing.Mutations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@link CsvPoints#read} fed random bytes, random text and mutated valid CSV files (flipped bytes,
 * cuts, inserted separators, huge numbers, {@code NaN}, {@code Infinity}, empty lines, a byte-order
 * mark, rows of another width) either reads points — every one finite, all rows of one width — or
 * refuses the file with an {@link IllegalArgumentException} or {@link IOException} naming it.
 */
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

  private static Path dir;

  @BeforeContainer
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("csv-fuzz");
  }

  @AfterContainer
  static void deleteDirectory() throws IOException {
    Directories.deleteRecursively(dir);
  }

  @Property(tries = 1000, seed = "6031", edgeCases = EdgeCasesMode.NONE)
  void mutatedValidCsvReadsOrIsRefusedNamingTheFile(@ForAll("mutatedCsv") byte[] content)
      throws IOException {
    readsOrRefuses(content);
  }

  @Property(tries = 500, seed = "6032")
  void randomTextReadsOrIsRefusedNamingTheFile(@ForAll("randomText") String content)
      throws IOException {
    readsOrRefuses(content.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 500, seed = "6033")
  void randomBytesReadOrAreRefusedNamingTheFile(@ForAll byte[] content) throws IOException {
    readsOrRefuses(content);
  }

  private static void readsOrRefuses(byte[] content) throws IOException {
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
  }

  @Provide
  Arbitrary<byte[]> mutatedCsv() {
    return Mutations.mutated(validCsv(), TOKENS);
  }

  @Provide
  Arbitrary<String> randomText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(200),
        Arbitraries.strings().withChars("0123456789.,;\t\n-+eE#xyNaInfity ").ofMaxLength(200));
  }

  /** Valid CSV files: an optional header, 1–4 columns, 1–20 rows, comments and blank lines. */
  private static Arbitrary<byte[]> validCsv() {
    Arbitrary<Integer> columns = Arbitraries.integers().between(1, 4);
    return columns.flatMap(
        c ->
            Combinators.combine(
                    Arbitraries.of(true, false),
                    Arbitraries.of(",", ";", "\t"),
                    Arbitraries.doubles()
                        .between(-1e6, 1e6)
                        .list()
                        .ofSize(c)
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(20))
                .as(
                    (header, separator, rows) -> {
                      StringBuilder s = new StringBuilder();
                      if (header) {
                        for (int i = 0; i < c; i++) {
                          s.append(i > 0 ? separator : "").append("c").append(i);
                        }
                        s.append("\n# a comment\n\n");
                      }
                      for (List<Double> row : rows) {
                        for (int i = 0; i < c; i++) {
                          s.append(i > 0 ? separator : "").append(row.get(i));
                        }
                        s.append('\n');
                      }
                      return s.toString().getBytes(StandardCharsets.UTF_8);
                    }));
  }
}
