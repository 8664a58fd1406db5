package dev.ebm.api;

import static dev.ebm.core.testing.ParserOutcomes.outcome;
import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.testing.Fuzz;
import dev.ebm.core.testing.Generator;
import dev.ebm.core.testing.Mutations;
import dev.ebm.core.testing.RandomInputs;
import dev.ebm.core.testing.ReportSeedOnFailure;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Data specs ({@code toy:<name>}, {@code csv:<file>}, {@code idx:<file>}), random and mutated,
 * either parse to data of one of those kinds or are refused with an {@link
 * IllegalArgumentException} — a file name no file system allows included.
 */
@ExtendWith(ReportSeedOnFailure.class)
class TrainingDataFuzzTest {

  private static final List<String> TOKENS =
      List.of(
          ":", "::", "toy", "csv", "idx", "memory", "/", "..", "\u0000", " ", "moons", "\uFEFF");

  @Test
  void anyDataSpecParsesToAKnownKindOrIsRefused() {
    Generator<String> valid =
        Generator.of(
            "toy:moons", "toy:8gaussians", "csv:points.csv", "csv:/data/x.csv", "idx:t10k.gz");
    // A known kind with any file or toy name: the names the file system cannot have are rare in
    // the mutations alone.
    Generator<String> anyArgument =
        random ->
            Generator.of("toy:", "csv:", "idx:").next(random)
                + RandomInputs.textOf("ab/. :\u0000\uFEFF", 0, 12).next(random);
    Generator<String> specs =
        Generator.oneOf(
            valid,
            Mutations.mutatedText(valid, TOKENS),
            anyArgument,
            RandomInputs.text(30),
            RandomInputs.textOf("toycsvidx:/\u0000.", 0, 12));
    Fuzz.check(
        "TrainingData.parse random-and-mutated",
        6111,
        1000,
        specs,
        spec -> {
          Optional<TrainingData> data = parsedOrRefused("", () -> TrainingData.parse(spec));
          data.ifPresent(
              d ->
                  assertTrue(
                      d.spec().startsWith("toy:")
                          || d.spec().startsWith("csv:")
                          || d.spec().startsWith("idx:"),
                      d.spec()));
          return outcome(data);
        });
  }
}
