package dev.ebm.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's JSON files damaged or hand-edited: each refusal names the file and what is wrong with it
 * — a setting missing or of the wrong type, a format version that is not a number, a member of a
 * composition that is not a run with a weight — and a seed beyond 2⁵³ reads back exactly.
 */
class DamagedRunFilesTest {

  @TempDir Path dir;

  private static final RunSettings SETTINGS =
      new RunSettings("toy:moons", "mlp", "dsm:sigma=0.2", 32, "adam", 1e-3, 0.999, 0, 0, false, 0);

  private String savedSettings() throws IOException {
    SETTINGS.save(dir);
    return Files.readString(RunDirectory.at(dir).settings());
  }

  @Test
  void aMissingOrWronglyTypedSettingIsNamed() throws IOException {
    Path file = RunDirectory.at(dir).settings();
    Files.writeString(file, savedSettings().replace("\"data\": \"toy:moons\",", ""));
    IllegalStateException missing =
        assertThrows(IllegalStateException.class, () -> RunSettings.load(dir));
    assertEquals(file + " has no 'data' setting; is it damaged?", missing.getMessage());

    Files.writeString(file, savedSettings().replace("\"batch\": 32", "\"batch\": [32]"));
    IllegalStateException wrong =
        assertThrows(IllegalStateException.class, () -> RunSettings.load(dir));
    assertEquals(
        file + ": 'batch' must be a whole number, got [32]; is it damaged?", wrong.getMessage());
  }

  @Test
  void aFormatVersionThatIsNotAWholeNumberIsNamed() throws IOException {
    Path file = RunDirectory.at(dir).settings();
    Files.writeString(
        file, savedSettings().replace("\"format_version\": 1", "\"format_version\": \"one\""));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> RunSettings.load(dir));
    assertEquals(
        file + " records run format \"one\", which is not a whole number; is the file damaged?",
        e.getMessage());
  }

  @Test
  void aValueNestedTooDeepIsRefusedBeforeAnythingRecursesIntoIt() throws IOException {
    Path file = RunDirectory.at(dir).settings();
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    Files.writeString(file, savedSettings().replace("\"batch\": 32", "\"batch\": " + deep));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> RunSettings.load(dir));
    assertEquals(
        file
            + " is not valid JSON (arrays and objects nested more than 255 deep); is it"
            + " damaged?",
        e.getMessage());
  }

  @Test
  void settingsWithoutTheLaterKeysReadAsTheirDefaultsAndSeedsReadBackExactly() throws IOException {
    RunSettings large =
        new RunSettings(
            "toy:moons", "mlp", "dsm", 8, "sgd", 0.1, 0, 0, Long.MAX_VALUE - 1, true, 500);
    large.save(dir);
    assertEquals(large, RunSettings.load(dir));
    Path file = RunDirectory.at(dir).settings();
    Files.writeString(
        file,
        savedSettings()
            .replace(",\n  \"standardize\": false", "")
            .replace(",\n  \"lrDecaySteps\": 0", ""));
    assertEquals(SETTINGS, RunSettings.load(dir));
  }

  @Test
  void aCompositionMemberThatIsNotARunWithAWeightIsNamed() throws IOException {
    new Composition(List.of(new Composition.Member("../a", 1))).save(dir);
    Path file = Composition.fileIn(dir);
    Files.writeString(file, Files.readString(file).replace("1.0", "\"heavy\""));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Composition.load(dir));
    assertEquals(
        file
            + ": a member must be {\"run\": <directory>, \"weight\": <number>}, got"
            + " {\"run\":\"../a\",\"weight\":\"heavy\"}; is it damaged?",
        e.getMessage());
    Files.writeString(file, "{\"members\": [{\"run\": \"../a\", \"weight\": -2}]}");
    e = assertThrows(IllegalStateException.class, () -> Composition.load(dir));
    assertEquals(
        file + ": the weight of ../a must be positive and finite, got -2.0; is it damaged?",
        e.getMessage());
  }

  @Test
  void aConfigurationFileWithASeedBeyondDoublePrecisionReadsItExactly() throws IOException {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"seed\": 9007199254740993}");
    assertEquals(Map.of("seed", 9007199254740993L), RunSettings.readSettings(file));
  }
}
