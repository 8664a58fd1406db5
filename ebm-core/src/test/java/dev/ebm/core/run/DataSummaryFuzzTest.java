package dev.ebm.core.run;

import static dev.ebm.core.testing.ParserOutcomes.outcome;
import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.testing.Fuzz;
import dev.ebm.core.testing.Generator;
import dev.ebm.core.testing.JsonMutations;
import dev.ebm.core.testing.ReportSeedOnFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;

/**
 * {@code data.json} files written by {@link DataSummary#save}, mutated structurally and as bytes,
 * read by {@link DataSummary#load} give a summary whose statistics all have the samples' dimension
 * (means, variances, covariance, standardisation), or are refused with an error naming the file.
 */
@ExtendWith(ReportSeedOnFailure.class)
class DataSummaryFuzzTest {

  @TempDir static Path dir;

  @Test
  void mutatedDataSummaryLoadsConsistentOrIsRefusedNamingTheFile() throws IOException {
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    Path file = RunDirectory.at(run).dataSummary();
    Fuzz.check(
        "DataSummary.load mutated-valid",
        6091,
        800,
        Generator.elementOf(validSummaries()).flatMap(JsonMutations::mutated),
        content -> {
          Files.write(file, content);
          Optional<Optional<DataSummary>> loaded =
              parsedOrRefused(file.toString(), () -> DataSummary.load(run));
          loaded.flatMap(o -> o).ifPresent(DataSummaryFuzzTest::requireConsistent);
          return outcome(loaded);
        });
  }

  /** Every statistic of {@code s} has the samples' dimension. */
  private static void requireConsistent(DataSummary s) {
    long d = s.sampleShape().size();
    for (DataStatistics stats : new DataStatistics[] {s.data(), s.training()}) {
      assertEquals(d, stats.mean().length);
      assertEquals(d, stats.variance().length);
      stats
          .covariance()
          .ifPresent(
              c -> {
                assertEquals(d, c.length);
                for (double[] row : c) {
                  assertEquals(d, row.length);
                }
              });
    }
    s.standardization().ifPresent(z -> assertEquals(d, z.mean().length));
  }

  /**
   * What {@link DataSummary#save} writes for 1–12 samples of 1–3 coordinates or 2×2 images, with
   * and without standardisation: a fixed set, written once, that the mutations start from.
   */
  private static List<JsonElement> validSummaries() {
    List<JsonElement> summaries = new ArrayList<>();
    Random random = new Random(6090);
    Path template = dir.resolve("template");
    for (Shape shape : List.of(Shape.of(1), Shape.of(2), Shape.of(3), Shape.of(2, 2, 1))) {
      for (int n : new int[] {1, 5, 12}) {
        double[] values = new double[(int) shape.size() * n];
        for (int i = 0; i < values.length; i++) {
          values[i] = random.nextGaussian() * 3 + 1;
        }
        DataSummary summary = DataSummary.prepare(Dataset.of(values, shape), n > 1).summary();
        try {
          summary.save(template);
          summaries.add(
              JsonParser.parseString(Files.readString(RunDirectory.at(template).dataSummary())));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return summaries;
  }
}
