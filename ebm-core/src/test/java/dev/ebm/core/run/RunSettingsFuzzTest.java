package dev.ebm.core.run;

import static dev.ebm.core.testing.ParserOutcomes.outcome;
import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ebm.core.testing.Fuzz;
import dev.ebm.core.testing.Generator;
import dev.ebm.core.testing.JsonMutations;
import dev.ebm.core.testing.RandomInputs;
import dev.ebm.core.testing.ReportSeedOnFailure;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run.json} files — valid ones with wrong-typed, missing, unknown and deeply nested values,
 * and damaged as bytes — read by {@link RunSettings#load} give every setting of its type, or are
 * refused with an error naming the run; read as a configuration file by {@link
 * RunSettings#readSettings} they give values of each key's type, or are refused naming the file.
 */
@ExtendWith(ReportSeedOnFailure.class)
class RunSettingsFuzzTest {

  private static final Gson GSON = new Gson();

  @TempDir static Path dir;

  @Test
  void mutatedRunJsonLoadsOrIsRefusedNamingTheRun() {
    Generator<byte[]> mutatedRunJson =
        Generator.oneOf(
            validSettings().map(RunSettingsFuzzTest::asWritten).flatMap(JsonMutations::mutated),
            RandomInputs.text(60).map(s -> s.getBytes(StandardCharsets.UTF_8)));
    Fuzz.check(
        "RunSettings.load mutated-valid",
        6071,
        1000,
        mutatedRunJson,
        content -> {
          Files.write(RunDirectory.at(dir).settings(), content);
          Optional<RunSettings> settings =
              parsedOrRefused(dir.toString(), () -> RunSettings.load(dir));
          settings.ifPresent(
              s -> {
                assertNotNull(s.data());
                assertNotNull(s.model());
                assertNotNull(s.method());
                assertNotNull(s.optimizer());
              });
          return outcome(settings);
        });
  }

  @Test
  void mutatedConfigurationFilesGiveTypedSettingsOrAreRefusedNamingTheFile() {
    Generator<RunSettings> valid = validSettings();
    Generator<JsonElement> partial =
        random -> {
          JsonElement json = asWritten(valid.next(random));
          int keep = random.nextInt((1 << 12) + 1);
          JsonObject subset = new JsonObject();
          int i = 0;
          for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
            if ((keep & (1 << i++)) != 0) {
              subset.add(e.getKey(), e.getValue());
            }
          }
          return subset;
        };
    Path file = dir.resolve("config.json");
    Fuzz.check(
        "RunSettings.readSettings mutated-valid",
        6072,
        1000,
        partial.flatMap(JsonMutations::mutated),
        content -> {
          Files.write(file, content);
          Optional<Map<String, Object>> settings =
              parsedOrRefused(file.toString(), () -> RunSettings.readSettings(file));
          settings.ifPresent(
              map -> {
                for (RecordComponent c : RunSettings.class.getRecordComponents()) {
                  if (map.containsKey(c.getName())) {
                    assertEquals(boxed(c.getType()), map.get(c.getName()).getClass(), c.getName());
                  }
                }
              });
          return outcome(settings);
        });
  }

  private static Class<?> boxed(Class<?> type) {
    return type == int.class
        ? Integer.class
        : type == long.class
            ? Long.class
            : type == double.class ? Double.class : type == boolean.class ? Boolean.class : type;
  }

  /** {@code settings} as {@link RunSettings#save} writes them. */
  private static JsonElement asWritten(RunSettings settings) {
    JsonObject json = GSON.toJsonTree(settings).getAsJsonObject();
    json.addProperty("format_version", RunDirectory.FORMAT_VERSION);
    return json;
  }

  /** Settings a run may record. */
  private static Generator<RunSettings> validSettings() {
    Generator<String> data =
        Generator.of("toy:moons", "toy:8gaussians", "csv:points.csv", "idx:t10k.gz");
    Generator<String> model = Generator.of("mlp", "mlp:hidden=8:8", "gaussian");
    Generator<String> method = Generator.of("dsm:sigma=0.2", "ssm", "nce:noise_samples=2");
    Generator<String> optimizer = Generator.of("adam", "sgd");
    Generator<Double> ema = Generator.of(0.0, 0.9, 0.999);
    Generator<Double> clipNorm = Generator.of(0.0, 1.0);
    Generator<Long> seed = RandomInputs.anyLong();
    return random ->
        new RunSettings(
            data.next(random),
            model.next(random),
            method.next(random),
            random.nextInt(1, 513),
            optimizer.next(random),
            Math.round(random.nextDouble(1e-5, 1) * 1e6) / 1e6,
            ema.next(random),
            clipNorm.next(random),
            seed.next(random),
            random.nextBoolean(),
            random.nextLong(0, 10_001));
  }
}
