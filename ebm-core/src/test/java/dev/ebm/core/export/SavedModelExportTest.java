package dev.ebm.core.export;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.analytic.GaussianMixture;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.testing.ExportRoundTrip;
import dev.ebm.core.testing.ReportSeedOnFailure;
import dev.ebm.core.testing.TestSeeds;
import dev.ebm.core.testing.TrainingFixture;
import dev.ebm.core.train.TrainingProgram;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

@ExtendWith(ReportSeedOnFailure.class)
class SavedModelExportTest {

  @TempDir Path dir;

  private static double[] randomPoints(int n, long seed) {
    SplittableRandom random = TestSeeds.random(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextDouble(-3, 3);
    }
    return values;
  }

  @Test
  void aTrainedModelExportedFromItsMovingAverageGivesTheSameNumbersWhenLoadedBack()
      throws Exception {
    ParameterSnapshot ema;
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 7)) {
      TrainingProgram<TFloat64> program = TrainingFixture.program(graph, 0.05);
      TrainingFixture.trainer(program, Optional.empty(), 30, 0, List.of()).train();
      ema = ParameterSnapshot.read(graph, program.finalParameters());
      ParameterSnapshot raw =
          ParameterSnapshot.read(graph, program.modelVariables().detachedRead(graph.ops()));
      assertFalse(
          java.util.Arrays.equals(raw.values().get("mean"), ema.values().get("mean")),
          "the exported parameters are the moving average, not the raw ones");
    }
    ExportRoundTrip.check(
        GaussianEnergy.standard(2),
        ema,
        TFloat64.class,
        dir.resolve("gauss64"),
        5,
        randomPoints(10, 1),
        null);
    ExportRoundTrip.check(
        GaussianEnergy.standard(2),
        ema,
        TFloat32.class,
        dir.resolve("gauss32"),
        5,
        randomPoints(10, 2),
        null);
  }

  @Test
  void aNoiseConditionalModelTakesSigmaInEverySignature() throws Exception {
    GaussianMixture mixture =
        GaussianMixture.isotropic(new double[] {0.8, 0.2}, new double[][] {{5, 5}, {-5, -5}}, 1);
    ParameterSnapshot none = new ParameterSnapshot(Map.of(), Map.of());
    ExportRoundTrip.check(
        mixture,
        none,
        TFloat64.class,
        dir.resolve("mixture"),
        4,
        randomPoints(8, 3),
        new double[] {0.1, 1, 5, 20});
  }

  @Test
  void exportRefusesToOverwriteUnlessAskedAndLeavesNoPartialDirectory() throws Exception {
    Path target = dir.resolve("model");
    ParameterSnapshot initial;
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 1)) {
      var variables = graph.createVariables("m", GaussianEnergy.standard(2).parameterSpecs());
      graph.initialize();
      initial = ParameterSnapshot.read(graph, variables.detachedRead(graph.ops()));
    }
    SavedModelExport.export(GaussianEnergy.standard(2), initial, target, TFloat64.class, false);
    FileAlreadyExistsException refused =
        assertThrows(
            FileAlreadyExistsException.class,
            () ->
                SavedModelExport.export(
                    GaussianEnergy.standard(2), initial, target, TFloat64.class, false));
    assertTrue(refused.getMessage().contains("overwrit"), refused.getMessage());
    SavedModelExport.export(GaussianEnergy.standard(2), initial, target, TFloat64.class, true);
    try (var listing = Files.list(dir)) {
      assertTrue(
          listing.allMatch(p -> p.getFileName().toString().equals("model")),
          "no temporary directories left");
    }
  }
}
