package dev.ebm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * No silent hours: a slow first step is reported at once with the time the run will take at that
 * pace; a fast one is not (its time is mostly warm-up).
 */
class ProgressBarTest {

  private static final TrainingRun RUN =
      new TrainingRun("test step", 0, 100, 10, Optional.empty(), Map.of());

  private static String shown(double firstStepSeconds) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    bar.onStart(RUN);
    bar.onStep(RUN, new StepResult(1, 0.5, 1.0, Map.of(), true, firstStepSeconds));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aSlowFirstStepIsReportedWithTheWholeRunsTime() {
    String shown = shown(2.0);
    assertTrue(
        shown.contains(
            "the first step took 2.0 s (warm-up included): at that pace the 100 steps"
                + " take about 0:03:20"),
        shown);
  }

  @Test
  void aFastFirstStepIsLeftToTheProgressLines() {
    assertEquals(1, shown(0.05).lines().count(), "only the start line");
  }
}
