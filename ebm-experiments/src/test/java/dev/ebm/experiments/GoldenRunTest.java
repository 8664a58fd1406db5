package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ebm.core.run.RunDirectory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A run directory written by an earlier version of the code ({@code golden/run-format-1}, trained
 * with {@code ebm train --data toy:8gaussians --model mlp:hidden=8:8 --method dsm:sigma=0.2 --steps
 * 20 --batch 32 --checkpoint-every 20}) is read by this one: it exports to the same energies,
 * resumes, and is refused by number when it claims a newer format. Its format-0 variant (no
 * version, no checksums: what runs looked like before versions were recorded) is read too.
 */
class GoldenRunTest {

  @TempDir Path dir;

  private Path golden() throws IOException, URISyntaxException {
    Path source = Path.of(getClass().getResource("/golden/run-format-1").toURI());
    Path copy = dir.resolve("golden");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : files.toList()) {
        Path target = copy.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return copy;
  }

  private void assertExportsTheRecordedEnergies(Path run) throws IOException {
    Path saved = dir.resolve("saved-" + run.getFileName());
    Cli.Outcome exported = Cli.run("export", "--run", run.toString(), "--out", saved.toString());
    assertEquals(0, exported.status(), exported.err());
    assertTrue(exported.out().contains("exported step 20 "), exported.out());
    JsonObject expected =
        JsonParser.parseString(Files.readString(run.resolve("expected-energies.json")))
            .getAsJsonObject();
    JsonArray points = expected.getAsJsonArray("points");
    float[] flat = new float[2 * points.size()];
    for (int i = 0; i < points.size(); i++) {
      flat[2 * i] = points.get(i).getAsJsonArray().get(0).getAsFloat();
      flat[2 * i + 1] = points.get(i).getAsJsonArray().get(1).getAsFloat();
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(saved.toString(), "serve");
        TFloat32 x = TFloat32.tensorOf(Shape.of(points.size(), 2), DataBuffers.of(flat));
        Result result = bundle.function("energy").call(Map.of("x", x))) {
      TFloat32 energies = (TFloat32) result.get("energy").orElseThrow();
      JsonArray recorded = expected.getAsJsonArray("energies");
      for (int i = 0; i < points.size(); i++) {
        assertEquals(recorded.get(i).getAsDouble(), energies.getFloat(i), 1e-6, "point " + i);
      }
    }
  }

  @Test
  void exportsARunOfFormat1ToTheEnergiesItWasWrittenWith() throws Exception {
    assertExportsTheRecordedEnergies(golden());
  }

  @Test
  void resumesARunOfFormat1() throws Exception {
    Path run = golden();
    Cli.Outcome resumed =
        Cli.run(
            "train",
            "--data",
            "toy:8gaussians",
            "--model",
            "mlp:hidden=8:8",
            "--method",
            "dsm:sigma=0.2",
            "--steps",
            "30",
            "--batch",
            "32",
            "--checkpoint-every",
            "20",
            "--log-every",
            "10",
            "--run",
            run.toString());
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.out().contains("trained from step 20 to 30"), resumed.out());
  }

  @Test
  void readsTheSameRunWrittenBeforeFormatVersionsWereRecorded() throws Exception {
    Path run = golden();
    RunDirectory layout = RunDirectory.at(run);
    Files.writeString(
        layout.settings(),
        Files.readString(layout.settings()).replaceAll(",\\s*\"format_version\": 1", ""));
    Path checkpoint = layout.checkpoints().resolve("ckpt-000000000020");
    Files.delete(checkpoint.resolve("checksums.sha256"));
    Path state = checkpoint.resolve("state.json");
    Files.writeString(
        state, Files.readString(state).replace("\"formatVersion\": 1", "\"formatVersion\": 0"));
    assertTrue(!Files.readString(layout.settings()).contains("format_version"));
    assertExportsTheRecordedEnergies(run);
  }

  @Test
  void refusesARunOfANewerFormatByNumber() throws Exception {
    Path run = golden();
    Path settings = RunDirectory.at(run).settings();
    Files.writeString(
        settings,
        Files.readString(settings).replace("\"format_version\": 1", "\"format_version\": 99"));
    Cli.Outcome refused =
        Cli.run("export", "--run", run.toString(), "--out", dir.resolve("x").toString());
    assertEquals(2, refused.status());
    assertTrue(refused.err().contains("run format 99 by a newer ebm"), refused.err());
    assertTrue(
        refused.err().contains("reads formats 0 to " + RunDirectory.FORMAT_VERSION), refused.err());
  }
}
