package dev.ebm.core.run;

import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ebm.core.io.Directories;
import dev.ebm.core.testing.JsonMutations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code composition.json} files, valid ones mutated structurally and as bytes, read by {@link
 * Composition#load} give members each with a run directory and a positive finite weight, or are
 * refused with an error naming the file.
 */
class CompositionFuzzTest {

  private static final Gson GSON = new Gson();

  private static Path dir;

  @BeforeContainer
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("composition-fuzz");
  }

  @AfterContainer
  static void deleteDirectory() throws IOException {
    Directories.deleteRecursively(dir);
  }

  @Property(tries = 1000, seed = "6081", edgeCases = EdgeCasesMode.NONE)
  void mutatedCompositionLoadsOrIsRefusedNamingTheFile(@ForAll("mutatedComposition") byte[] content)
      throws IOException {
    Files.write(Composition.fileIn(dir), content);
    Optional<Composition> composition =
        parsedOrRefused(Composition.fileIn(dir).toString(), () -> Composition.load(dir));
    composition.ifPresent(
        c -> {
          assertFalse(c.members().isEmpty());
          for (Composition.Member m : c.members()) {
            assertFalse(m.run().isBlank());
            assertTrue(m.weight() > 0 && Double.isFinite(m.weight()), "weight " + m.weight());
          }
        });
  }

  @Provide
  Arbitrary<byte[]> mutatedComposition() {
    Arbitrary<Composition.Member> member =
        Combinators.combine(
                Arbitraries.of("../moons", "runs/a", "/abs/run"),
                Arbitraries.doubles().between(0.01, 5))
            .as(Composition.Member::new);
    Arbitrary<JsonElement> valid =
        member
            .list()
            .ofMinSize(1)
            .ofMaxSize(3)
            .map(Composition::new)
            .map(
                c -> {
                  JsonObject json = GSON.toJsonTree(c).getAsJsonObject();
                  json.addProperty("format_version", RunDirectory.FORMAT_VERSION);
                  return (JsonElement) json;
                });
    return Arbitraries.oneOf(
        valid.flatMap(JsonMutations::mutated),
        Arbitraries.strings().ofMaxLength(60).map(s -> s.getBytes(StandardCharsets.UTF_8)));
  }
}
