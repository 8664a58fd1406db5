package dev.ebm.core.checkpoint;

import static dev.ebm.core.testing.ParserOutcomes.outcome;
import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ebm.core.io.Directories;
import dev.ebm.core.run.RunDirectory;
import dev.ebm.core.testing.Fuzz;
import dev.ebm.core.testing.Generator;
import dev.ebm.core.testing.JsonMutations;
import dev.ebm.core.testing.Mutations;
import dev.ebm.core.testing.Printable;
import dev.ebm.core.testing.RandomInputs;
import dev.ebm.core.testing.ReportSeedOnFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint's {@code state.json} and {@code checksums.sha256}, damaged after they were written
 * (mutated structurally and as bytes): {@link CheckpointStore#readState} gives a state or refuses
 * the file with an error naming it, and {@link CheckpointStore#damage} always answers — a file
 * changed under its checksum is named as damaged — instead of throwing, so that restoring can pass
 * a damaged checkpoint over for an older one.
 */
@ExtendWith(ReportSeedOnFailure.class)
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

  @TempDir static Path dir;

  @Test
  void mutatedStateReadsOrIsRefusedNamingTheFile() throws IOException {
    Generator<JsonElement> valid = random -> stateJson(random.nextLong(0, 1_000_001));
    Generator<byte[]> mutatedState =
        Generator.oneOf(
            valid.flatMap(JsonMutations::mutated),
            RandomInputs.text(40).map(s -> s.getBytes(StandardCharsets.UTF_8)));
    Path checkpoint = dir.resolve("ckpt-000000000010");
    Files.createDirectories(checkpoint);
    Path file = checkpoint.resolve("state.json");
    CheckpointStore store = new CheckpointStore(dir, 1);
    Fuzz.check(
        "CheckpointStore.readState mutated-valid",
        6101,
        800,
        mutatedState,
        state -> {
          Files.write(file, state);
          return outcome(
              parsedOrRefused(
                  file.toString(),
                  () -> store.readState(new CheckpointStore.Checkpoint(checkpoint, 10))));
        });
  }

  @Test
  void aDamagedCheckpointIsNamedAsDamagedNeverAnError() {
    Generator<byte[]> variables = RandomInputs.bytes(255);
    Generator<List<Mutations.Edit>> fileEdits = Mutations.edits(JsonMutations.TOKENS);
    Generator<List<Mutations.Edit>> manifestEdits = Mutations.edits(MANIFEST_TOKENS);
    Generator<Damage> damage =
        Generator.oneOf(
            random ->
                new Damage(
                    FILES.get(random.nextInt(FILES.size())),
                    fileEdits.next(random),
                    variables.next(random)),
            random ->
                new Damage(
                    CheckpointChecksums.FILE_NAME,
                    manifestEdits.next(random),
                    variables.next(random)));
    Fuzz.check(
        "CheckpointStore.damage damaged-checkpoint",
        6102,
        400,
        damage,
        CheckpointStateFuzzTest::damageIsNamed);
  }

  /** Damages a checkpoint as {@code damage} says; {@code damage()} answers and names a change. */
  private static String damageIsNamed(Damage damage) throws IOException {
    Path checkpoint = dir.resolve("ckpt-000000000020");
    Directories.deleteRecursively(checkpoint);
    Files.createDirectories(checkpoint);
    Files.write(checkpoint.resolve(FILES.get(0)), damage.variables());
    Files.write(checkpoint.resolve(FILES.get(1)), damage.variables());
    Files.writeString(checkpoint.resolve(FILES.get(2)), GSON.toJson(stateJson(20)));
    CheckpointChecksums.write(checkpoint);
    Path target = checkpoint.resolve(damage.file());
    byte[] before = Files.readAllBytes(target);
    byte[] after = Mutations.apply(before, damage.edits());
    Files.write(target, after);

    Optional<String> problem =
        new CheckpointStore(dir, 1).damage(new CheckpointStore.Checkpoint(checkpoint, 20));

    boolean changed = !Arrays.equals(before, after);
    if (!damage.file().equals(CheckpointChecksums.FILE_NAME) && changed) {
      assertTrue(problem.isPresent(), damage.file() + " changed under its checksum");
    }
    if (problem.isPresent()) {
      return "named as damaged";
    }
    return changed
        ? "intact (the manifest's edit kept it well-formed)"
        : "intact (bytes unchanged)";
  }

  /**
   * Edits of one of a checkpoint's files.
   *
   * @param file the file edited
   * @param edits the edits
   * @param variables the bytes of the variables files before the edits
   */
  record Damage(String file, List<Mutations.Edit> edits, byte[] variables) {

    @Override
    public String toString() {
      return file + " edited by " + edits + "; variables " + Printable.of(variables);
    }
  }

  /**
   * A checkpoint's state as JSON, its provenance in a fixed order: the record keeps it in a {@code
   * Map.copyOf}, whose order changes from one JVM to the next, and the same seed must edit the same
   * bytes.
   */
  private static JsonElement stateJson(long step) {
    JsonObject json = GSON.toJsonTree(state(step)).getAsJsonObject();
    JsonObject provenance = new JsonObject();
    new TreeMap<>(json.getAsJsonObject("provenance").asMap()).forEach(provenance::add);
    json.add("provenance", provenance);
    return json;
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
