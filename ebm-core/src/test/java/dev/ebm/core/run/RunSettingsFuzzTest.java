package dev.ebm.core.run;

import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ebm.core.io.Directories;
import dev.ebm.core.testing.JsonMutations;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * {@code run.json} files — valid ones with wrong-typed, missing, unknown and deeply nested values,
 * and damaged as bytes — read by {@link RunSettings#load} give every setting of its type, or are
 * refused with an error naming the run; read as a configuration file by {@link
 * RunSettings#readSettings} they give values of each key's type, or are refused naming the file.
 */
class RunSettingsFuzzTest {

  private static final Gson GSON = new Gson();

  private static Path dir;

  @BeforeContainer
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("run-settings-fuzz");
  }

  @AfterContainer
  static void deleteDirectory() throws IOException {
    Directories.deleteRecursively(dir);
  }

  @Property(tries = 1000, seed = "6071", edgeCases = EdgeCasesMode.NONE)
  void mutatedRunJsonLoadsOrIsRefusedNamingTheRun(@ForAll("mutatedRunJson") byte[] content)
      throws IOException {
    Files.write(RunDirectory.at(dir).settings(), content);
    Optional<RunSettings> settings = parsedOrRefused(dir.toString(), () -> RunSettings.load(dir));
    settings.ifPresent(
        s -> {
          assertNotNull(s.data());
          assertNotNull(s.model());
          assertNotNull(s.method());
          assertNotNull(s.optimizer());
        });
  }

  @Property(tries = 1000, seed = "6072", edgeCases = EdgeCasesMode.NONE)
  void mutatedConfigurationFilesGiveTypedSettingsOrAreRefusedNamingTheFile(
      @ForAll("mutatedConfiguration") byte[] content) throws IOException {
    Path file = dir.resolve("config.json");
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
  }

  private static Class<?> boxed(Class<?> type) {
    return type == int.class
        ? Integer.class
        : type == long.class
            ? Long.class
            : type == double.class ? Double.class : type == boolean.class ? Boolean.class : type;
  }

  @Provide
  Arbitrary<byte[]> mutatedRunJson() {
    return Arbitraries.oneOf(
        validSettings().map(RunSettingsFuzzTest::asWritten).flatMap(JsonMutations::mutated),
        Arbitraries.strings().ofMaxLength(60).map(s -> s.getBytes(StandardCharsets.UTF_8)));
  }

  @Provide
  Arbitrary<byte[]> mutatedConfiguration() {
    Arbitrary<JsonElement> partial =
        Combinators.combine(
                validSettings().map(RunSettingsFuzzTest::asWritten),
                Arbitraries.integers().between(0, 1 << 12))
            .as(
                (json, keep) -> {
                  JsonObject subset = new JsonObject();
                  int i = 0;
                  for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
                    if ((keep & (1 << i++)) != 0) {
                      subset.add(e.getKey(), e.getValue());
                    }
                  }
                  return (JsonElement) subset;
                });
    return partial.flatMap(JsonMutations::mutated);
  }

  /** {@code settings} as {@link RunSettings#save} writes them. */
  private static JsonElement asWritten(RunSettings settings) {
    JsonObject json = GSON.toJsonTree(settings).getAsJsonObject();
    json.addProperty("format_version", RunDirectory.FORMAT_VERSION);
    return json;
  }

  /** Settings a run may record. */
  private static Arbitrary<RunSettings> validSettings() {
    Arbitrary<RunSettings> specs =
        Combinators.combine(
                Arbitraries.of("toy:moons", "toy:8gaussians", "csv:points.csv", "idx:t10k.gz"),
                Arbitraries.of("mlp", "mlp:hidden=8:8", "gaussian"),
                Arbitraries.of("dsm:sigma=0.2", "ssm", "nce:noise_samples=2"),
                Arbitraries.integers().between(1, 512),
                Arbitraries.of("adam", "sgd"))
            .as(
                (data, model, method, batch, optimizer) ->
                    new RunSettings(data, model, method, batch, optimizer, 0, 0, 0, 0, false, 0));
    return Combinators.combine(
            specs,
            Arbitraries.doubles().between(1e-5, 1).ofScale(6),
            Arbitraries.of(0.0, 0.9, 0.999),
            Arbitraries.of(0.0, 1.0),
            Arbitraries.longs(),
            Arbitraries.of(true, false),
            Arbitraries.longs().between(0, 10_000))
        .as(
            (s, learningRate, ema, clipNorm, seed, standardize, decay) ->
                new RunSettings(
                    s.data(),
                    s.model(),
                    s.method(),
                    s.batch(),
                    s.optimizer(),
                    learningRate,
                    ema,
                    clipNorm,
                    seed,
                    standardize,
                    decay));
  }
}
