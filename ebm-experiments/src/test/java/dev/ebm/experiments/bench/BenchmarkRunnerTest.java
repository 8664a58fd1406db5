package dev.ebm.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.graph.SessionOptions;
import dev.ebm.core.train.StepsPerRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the benchmark reports beside its timings (never the timings themselves: no timed test). */
class BenchmarkRunnerTest {

  @TempDir Path dir;

  private static Workload workload(String name) {
    return Workloads.all().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void countsTheFlopsOfALangevinStepFromItsShapes() {
    try (Workload.Step step =
        workload("langevin_mlp2d")
            .factory()
            .build(SessionOptions.defaults(), StepsPerRun.fixed(1))) {
      // One energy evaluation and one input gradient of MLP(2, 128) on 1 024 chains: each pass
      // multiplies [1024, 2]·[2, 128], [1024, 128]·[128, 128] and [1024, 128]·[128, 1].
      double pass = 2.0 * 1024 * (2 * 128 + 128 * 128 + 128);
      assertEquals(2 * pass, step.flopsPerStep(), 0.0);
    }
  }

  @Test
  void twoReplicasSplitTheLangevinChainsIntoTwoLoopsOfHalfTheWork() {
    try (Workload.Step split =
        workload("langevin_mlp2d")
            .factory()
            .build(SessionOptions.defaults().withLocalReplicas(2), StepsPerRun.fixed(1))) {
      // Two loops over 512 chains each: together the work of one loop over 1 024.
      double halfPass = 2.0 * 512 * (2 * 128 + 128 * 128 + 128);
      assertEquals(2 * 2 * halfPass, split.flopsPerStep(), 0.0);
      split.run();
    }
  }

  @Test
  void aTrainingStepCountsTheSameFlopsAtAnyStepsPerCall() {
    Workload dsm = workload("dsm_mlp2d");
    try (Workload.Step one = dsm.factory().build(SessionOptions.defaults(), StepsPerRun.fixed(1));
        Workload.Step three =
            dsm.factory().build(SessionOptions.defaults(), StepsPerRun.fixed(3))) {
      assertEquals(1, one.stepsPerCall());
      assertEquals(3, three.stepsPerCall());
      assertEquals(one.flopsPerStep(), three.flopsPerStep(), 1e-6 * one.flopsPerStep());
      // At least the forward pass, the input gradient and the two backward passes through them.
      double pass = 2.0 * 1024 * (2 * 128 + 128 * 128 + 128);
      assertTrue(one.flopsPerStep() >= 4 * pass, "counted " + one.flopsPerStep());
    }
  }

  @Test
  void reportsBothWaysOpsFlopsAndMemoryAndWritesAProfile() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    BenchmarkRunner runner =
        new BenchmarkRunner(SessionOptions.defaults(), 1, 0.05, StepsPerRun.auto(), out);
    BenchmarkRunner.Measurement m = runner.run(List.of("dsm_mlp2d")).get(0);
    assertTrue(m.stepsPerCall() > 1, "auto chose " + m.stepsPerCall());
    assertTrue(m.onePerCall().isPresent());
    assertTrue(m.medianStepsPerSecond() > 0 && m.onePerCall().getAsDouble() > 0);
    assertTrue(m.opsPerStep() > 50 && m.opsPerStep() < 1000, "ops per step " + m.opsPerStep());
    assertTrue(m.flopsPerStep() > 0 && m.gflopsPerSecond() > 0);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("\"matmul_peak_gflops\""), printed);
    assertTrue(printed.contains("\"steps_per_s_one_per_call\""), printed);
    assertTrue(printed.contains("\"peak_fraction\""), printed);

    Path profile = dir.resolve("profile.json");
    runner.profile("dsm_mlp2d", 1, profile);
    String json = Files.readString(profile);
    assertTrue(json.contains("\"op_type\"") && json.contains("MatMul"), json);
    // By op type and output shape too: the first layer's product has the batch × width shape.
    assertTrue(json.contains("\"op_types_by_output_shape\""), json);
    assertTrue(json.contains("MatMul [1024,128]"), json);
  }
}
