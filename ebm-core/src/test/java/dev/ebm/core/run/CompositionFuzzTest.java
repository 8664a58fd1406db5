package dev.ebm.core.run;

import static dev.ebm.core.testing.ParserOutcomes.outcome;
import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ebm.core.testing.Fuzz;
import dev.ebm.core.testing.Generator;
import dev.ebm.core.testing.JsonMutations;
import dev.ebm.core.testing.RandomInputs;
import dev.ebm.core.testing.ReportSeedOnFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code composition.json} files, valid ones mutated structurally and as bytes, read by {@link
 * Composition#load} give members each with a run directory and a positive finite weight, or are
 * refused with an error naming the file.
 */
@ExtendWith(ReportSeedOnFailure.class)
class CompositionFuzzTest {

  private static final Gson GSON = new Gson();

  @TempDir static Path dir;

  @Test
  void mutatedCompositionLoadsOrIsRefusedNamingTheFile() {
    Generator<Composition.Member> member =
        random ->
            new Composition.Member(
                Generator.of("../moons", "runs/a", "/abs/run").next(random),
                random.nextDouble(0.01, 5));
    Generator<JsonElement> valid =
        member
            .list(1, 3)
            .map(Composition::new)
            .map(
                c -> {
                  JsonObject json = GSON.toJsonTree(c).getAsJsonObject();
                  json.addProperty("format_version", RunDirectory.FORMAT_VERSION);
                  return json;
                });
    Generator<byte[]> mutated =
        Generator.oneOf(
            valid.flatMap(JsonMutations::mutated),
            RandomInputs.text(60).map(s -> s.getBytes(StandardCharsets.UTF_8)));
    Path file = Composition.fileIn(dir);
    Fuzz.check(
        "Composition.load mutated-valid",
        6081,
        1000,
        mutated,
        content -> {
          Files.write(file, content);
          Optional<Composition> composition =
              parsedOrRefused(file.toString(), () -> Composition.load(dir));
          composition.ifPresent(
              c -> {
                assertFalse(c.members().isEmpty());
                for (Composition.Member m : c.members()) {
                  assertFalse(m.run().isBlank());
                  assertTrue(m.weight() > 0 && Double.isFinite(m.weight()), "weight " + m.weight());
                }
              });
          return outcome(composition);
        });
  }
}
