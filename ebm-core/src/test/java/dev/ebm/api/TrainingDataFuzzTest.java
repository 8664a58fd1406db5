package dev.ebm.api;

import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.testing.Mutations;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Data specs ({@code toy:<name>}, {@code csv:<file>}, {@code idx:<file>}), random and mutated,
 * either parse to data of one of those kinds or are refused with an {@link
 * IllegalArgumentException} — a file name no file system allows included.
 */
class TrainingDataFuzzTest {

  private static final List<String> TOKENS =
      List.of(
          ":", "::", "toy", "csv", "idx", "memory", "/", "..", "\u0000", " ", "moons", "\uFEFF");

  @Property(tries = 1000, seed = "6111")
  void anyDataSpecParsesToAKnownKindOrIsRefused(@ForAll("specs") String spec) {
    parsedOrRefused("", () -> TrainingData.parse(spec))
        .ifPresent(
            data ->
                assertTrue(
                    data.spec().startsWith("toy:")
                        || data.spec().startsWith("csv:")
                        || data.spec().startsWith("idx:"),
                    data.spec()));
  }

  @Provide
  Arbitrary<String> specs() {
    Arbitrary<String> valid =
        Arbitraries.of(
            "toy:moons", "toy:8gaussians", "csv:points.csv", "csv:/data/x.csv", "idx:t10k.gz");
    return Arbitraries.oneOf(
        valid,
        Mutations.mutatedText(valid, TOKENS),
        Arbitraries.strings().ofMaxLength(30),
        Arbitraries.strings().withChars("toycsvidx:/\u0000.").ofMaxLength(12));
  }
}
