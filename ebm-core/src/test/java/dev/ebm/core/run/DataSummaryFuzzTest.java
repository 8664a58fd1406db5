package dev.ebm.core.run;

import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.io.Directories;
import dev.ebm.core.testing.JsonMutations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.tensorflow.ndarray.Shape;

/**
 * {@code data.json} files written by {@link DataSummary#save}, mutated structurally and as bytes,
 * read by {@link DataSummary#load} give a summary whose statistics all have the samples' dimension
 * (means, variances, covariance, standardisation), or are refused with an error naming the file.
 */
class DataSummaryFuzzTest {

  private static Path dir;

  @BeforeContainer
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("data-summary-fuzz");
  }

  @AfterContainer
  static void deleteDirectory() throws IOException {
    Directories.deleteRecursively(dir);
  }

  @Property(tries = 800, seed = "6091", edgeCases = EdgeCasesMode.NONE)
  void mutatedDataSummaryLoadsConsistentOrIsRefusedNamingTheFile(
      @ForAll("mutatedSummary") byte[] content) throws IOException {
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    Files.write(RunDirectory.at(run).dataSummary(), content);
    Optional<Optional<DataSummary>> loaded =
        parsedOrRefused(RunDirectory.at(run).dataSummary().toString(), () -> DataSummary.load(run));
    loaded
        .flatMap(o -> o)
        .ifPresent(
            s -> {
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
            });
  }

  @Provide
  Arbitrary<byte[]> mutatedSummary() {
    return Arbitraries.of(validSummaries()).flatMap(JsonMutations::mutated);
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
