package dev.ebm.experiments.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.api.Evaluation;
import dev.ebm.api.Measurements;
import dev.ebm.api.Samples;
import dev.ebm.api.Sampling;
import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.api.TrainingData;
import dev.ebm.core.config.InvalidSettingException;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.data.toy.ToyDensities;
import dev.ebm.core.method.MethodRequirements;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.method.TrainingObjective;
import dev.ebm.core.run.RunDirectory;
import dev.ebm.core.sampling.Sampler;
import dev.ebm.core.sampling.SamplerProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.family.TFloating;

/**
 * Training and using an energy through the API alone: in memory (nothing written) and with a run
 * directory (read back without its data, to the same numbers); a method's own sampler; settings
 * refused by name.
 */
class TrainingApiTest {

  private static final double[][] POINTS = {{0, 0}, {1, 0.5}, {-1.5, 1}};

  @TempDir Path dir;

  private static Training.Builder small(TrainingData data) {
    return Training.on(data).model("mlp:hidden=16:16").method("dsm").steps(200).batch(64);
  }

  @Test
  void trainsSamplesScoresEvaluatesAndExportsInMemory() throws IOException {
    Path work = Files.createDirectories(dir.resolve("work"));
    try (TrainedEnergy energy = small(TrainingData.toy("moons")).build().run()) {
      assertEquals(200, energy.provenance().step().getAsLong());
      assertEquals("training in memory", energy.describe());
      Samples samples = energy.sample(Sampling.defaults().chains(100).steps(50));
      assertEquals(100, samples.count());
      assertTrue(samples.diagnostics().containsKey("ksd2"), samples.diagnostics().toString());
      double[] e = energy.energy(POINTS);
      double[][] s = energy.score(POINTS);
      double[] logP = energy.logDensity(POINTS);
      double logZ = energy.logPartition().orElseThrow().value();
      for (int i = 0; i < POINTS.length; i++) {
        assertEquals(-e[i] - logZ, logP[i], 1e-9);
        assertEquals(2, s[i].length);
      }
      Measurements measured = energy.evaluate(Evaluation.standard().drawing(100, 50));
      assertTrue(measured.kl().isPresent() && measured.mmd2().isPresent(), measured.toString());
      assertEquals(logZ, measured.gridLogPartition().getAsDouble(), 1e-9);
      energy.export(work.resolve("export"));
      try (TrainedEnergy saved = TrainedEnergy.load(work.resolve("export"))) {
        assertArrayEquals(e, saved.energy(POINTS), 1e-5);
      }
    }
    try (Stream<Path> written = Files.list(work)) {
      assertEquals(
          java.util.List.of(work.resolve("export")),
          written.toList(),
          "training in memory writes nothing");
    }
  }

  @Test
  void aRunDirectoryReadsBackToTheSameNumbersWithoutItsData() throws IOException {
    Path data = dir.resolve("points.csv");
    StringBuilder csv = new StringBuilder();
    double[] xy = ToyDensities.byName("rings").sample(2000, 3);
    for (int i = 0; i < xy.length; i += 2) {
      csv.append(xy[i]).append(',').append(xy[i + 1]).append('\n');
    }
    Files.writeString(data, csv);
    Path run = dir.resolve("run");
    double[] trained;
    try (TrainedEnergy energy =
        small(TrainingData.csv(data)).standardize(true).runDirectory(run).build().run()) {
      trained = energy.energy(POINTS);
    }
    assertTrue(Files.exists(RunDirectory.at(run).dataSummary()));
    Files.delete(data);
    try (TrainedEnergy loaded = TrainedEnergy.load(run)) {
      assertArrayEquals(trained, loaded.energy(POINTS), 0.0, "read back bit for bit");
      assertEquals(200, loaded.provenance().step().getAsLong());
      assertTrue(loaded.provenance().settings().orElseThrow().standardize());
      Samples samples = loaded.sample(Sampling.defaults().chains(20).steps(10));
      assertEquals(20, samples.count());
    }
  }

  @Test
  void aRunWrittenBeforeDataSummariesReadsItsDataAgain() throws IOException {
    Path run = dir.resolve("old");
    double[] trained;
    try (TrainedEnergy energy =
        small(TrainingData.toy("8gaussians")).runDirectory(run).build().run()) {
      trained = energy.energy(POINTS);
    }
    Files.delete(RunDirectory.at(run).dataSummary());
    try (TrainedEnergy loaded = TrainedEnergy.load(run)) {
      assertArrayEquals(trained, loaded.energy(POINTS), 0.0);
    }
  }

  @Test
  void aMethodNamesItsOwnSamplerAndTheDefaultSamplingUsesIt() throws IOException {
    Sampler mala = SamplerProvider.byName("mala").create(Options.parse("mala", "steps=100"));
    TrainingMethod dsm = TrainingMethodProvider.byName("dsm").create(Options.none("dsm"));
    TrainingMethod withOwnSampler = new SamplingMethod(dsm, mala);
    try (TrainedEnergy energy =
        small(TrainingData.toy("moons")).method(withOwnSampler).build().run()) {
      Samples samples = energy.sample(Sampling.defaults().chains(50).trace(10));
      assertEquals(java.util.List.of(mala.describe()), samples.updates());
      assertTrue(samples.totalSteps().isEmpty(), "a graph sampler runs inside the graph");
      assertTrue(samples.diagnostics().containsKey("acceptance_rate"));
    }
  }

  @Test
  void badSettingsAreRefusedByName() {
    Training.Builder builder = small(TrainingData.toy("moons"));
    InvalidSettingException rate =
        assertThrows(InvalidSettingException.class, () -> builder.learningRate(-1));
    assertEquals("learningRate", rate.setting());
    assertEquals(
        "ema", assertThrows(InvalidSettingException.class, () -> builder.ema(1)).setting());
    assertEquals(
        "steps", assertThrows(InvalidSettingException.class, () -> builder.steps(0)).setting());
    assertEquals(
        "callTimeout",
        assertThrows(
                InvalidSettingException.class, () -> builder.callTimeout(java.time.Duration.ZERO))
            .setting());
    InvalidSettingException heartbeat =
        assertThrows(
            InvalidSettingException.class,
            () -> builder.heartbeatTimeout(java.time.Duration.ofMillis(100)));
    assertEquals("heartbeatTimeout", heartbeat.setting());
    assertEquals("must be at least 0.5 seconds, got 0.1", heartbeat.problem());
    IllegalArgumentException method =
        assertThrows(IllegalArgumentException.class, () -> builder.method("dsmx"));
    assertTrue(method.getMessage().contains("dsm"), method.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TrainingData.parse("toy"));
  }

  @Test
  void dataInMemoryTrainsAndIsRecordedByItsDescription() throws IOException {
    Dataset points = Dataset.of(ToyDensities.byName("moons").sample(1000, 1), Shape.of(2));
    Path run = dir.resolve("memory");
    try (TrainedEnergy energy =
        small(TrainingData.of(points, "moons drawn in the test")).runDirectory(run).build().run()) {
      assertEquals(
          "memory:moons drawn in the test", energy.provenance().settings().orElseThrow().data());
      DataStatistics statistics = energy.dataStatistics().orElseThrow();
      assertEquals(1000, statistics.count());
    }
    try (TrainedEnergy loaded = TrainedEnergy.load(run)) {
      Measurements measured = loaded.evaluate(Evaluation.standard().drawing(10, 5));
      assertFalse(measured.mmd2().isPresent(), "data in memory is not read again for the MMD");
    }
  }

  /** DSM that names a graph sampler of its own, as a plugin method may. */
  private record SamplingMethod(TrainingMethod base, Sampler own) implements TrainingMethod {
    @Override
    public String name() {
      return base.name();
    }

    @Override
    public MethodRequirements requirements() {
      return base.requirements();
    }

    @Override
    public Map<String, Object> configuration() {
      return base.configuration();
    }

    @Override
    public <T extends TFloating> TrainingObjective<T> build(TrainingContext<T> context) {
      return base.build(context);
    }

    @Override
    public Optional<Sampler> defaultSampler(DataStatistics data) {
      return Optional.of(own);
    }
  }
}
