package dev.ebm.core.checkpoint;

import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import dev.ebm.core.io.Directories;
import dev.ebm.core.run.RunDirectory;
import dev.ebm.core.testing.JsonMutations;
import dev.ebm.core.testing.Mutations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
import net.jqwik.api.statistics.Statistics;

/**
 * A checkpoint's {@code state.json} and {@code checksums.sha256}, damaged after they were written
 * (mutated structurally and as bytes): {@link CheckpointStore#readState} gives a state or refuses
 * the file with an error naming it, and {@link CheckpointStore#damage} always answers — a file
 * changed under its checksum is named as damaged — instead of throwing, so that restoring can pass
 * a damaged checkpoint over for an older one.
 */
class CheckpointStateFuzzTest {

  /** What mutations of a manifest insert: separators, path parts, hex digits. */
  private static final List<String> MANIFEST_TOKENS =
      List.of("  ", " ", "\n", "\r\n", "../", "/", "\u0000", ".", "..", "0", "f", "state.json");

  /** The files of a checkpoint, as {@link CheckpointStore#save} writes them. */
  private static final List<String> FILES =
      List.of("variables.index", "variables.data-00000-of-00001", "state.json");

  private static final Gson GSON =
      new GsonBuilder()
          .setPrettyPrinting()
          .serializeSpecialFloatingPointValues()
          .disableHtmlEscaping()
          .create();

  private static Path dir;

  @BeforeContainer
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("checkpoint-fuzz");
  }

  @AfterContainer
  static void deleteDirectory() throws IOException {
    Directories.deleteRecursively(dir);
  }

  @Property(tries = 800, seed = "6101", edgeCases = EdgeCasesMode.NONE)
  void mutatedStateReadsOrIsRefusedNamingTheFile(@ForAll("mutatedState") byte[] state)
      throws IOException {
    Path checkpoint = dir.resolve("ckpt-000000000010");
    Files.createDirectories(checkpoint);
    Files.write(checkpoint.resolve("state.json"), state);
    CheckpointStore store = new CheckpointStore(dir, 1);
    parsedOrRefused(
        checkpoint.resolve("state.json").toString(),
        () -> store.readState(new CheckpointStore.Checkpoint(checkpoint, 10)));
  }

  @Property(tries = 400, seed = "6102", edgeCases = EdgeCasesMode.NONE)
  void aDamagedCheckpointIsNamedAsDamagedNeverAnError(
      @ForAll("damage") Damage damage, @ForAll byte[] variables) throws IOException {
    Path checkpoint = dir.resolve("ckpt-000000000020");
    Directories.deleteRecursively(checkpoint);
    Files.createDirectories(checkpoint);
    Files.write(checkpoint.resolve(FILES.get(0)), variables);
    Files.write(checkpoint.resolve(FILES.get(1)), variables);
    Files.writeString(checkpoint.resolve(FILES.get(2)), GSON.toJson(state(20)));
    CheckpointChecksums.write(checkpoint);
    Path target = checkpoint.resolve(damage.file());
    byte[] before = Files.readAllBytes(target);
    byte[] after = Mutations.apply(before, damage.edits());
    Files.write(target, after);

    Optional<String> problem =
        new CheckpointStore(dir, 1).damage(new CheckpointStore.Checkpoint(checkpoint, 20));

    Statistics.collect(damage.file(), problem.isPresent() ? "damaged" : "intact");
    if (!damage.file().equals(CheckpointChecksums.FILE_NAME) && !Arrays.equals(before, after)) {
      assertTrue(problem.isPresent(), damage.file() + " changed under its checksum");
    }
  }

  /**
   * Edits of one of a checkpoint's files.
   *
   * @param file the file
   * @param edits the edits
   */
  record Damage(String file, List<Mutations.Edit> edits) {}

  @Provide
  Arbitrary<Damage> damage() {
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.of(FILES), Mutations.edits(JsonMutations.TOKENS))
            .as(Damage::new),
        Mutations.edits(MANIFEST_TOKENS).map(e -> new Damage(CheckpointChecksums.FILE_NAME, e)));
  }

  @Provide
  Arbitrary<byte[]> mutatedState() {
    Arbitrary<JsonElement> valid =
        Arbitraries.longs().between(0, 1_000_000).map(step -> GSON.toJsonTree(state(step)));
    return Arbitraries.oneOf(
        valid.flatMap(JsonMutations::mutated),
        Arbitraries.strings().ofMaxLength(40).map(s -> s.getBytes(StandardCharsets.UTF_8)));
  }

  private static CheckpointState state(long step) {
    return new CheckpointState(
        RunDirectory.FORMAT_VERSION,
        step,
        step / 7,
        (int) (step % 7),
        step % 2 == 0 ? Double.NaN : 0.25,
        "2026-06-01T12:00:00Z",
        Map.of("method", "dsm:sigma=0.1", "seed", "7"));
  }
}
