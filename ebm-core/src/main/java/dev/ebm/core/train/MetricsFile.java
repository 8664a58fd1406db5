package dev.ebm.core.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.ebm.core.run.RunDirectory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends one JSON object per log step to {@code metrics.jsonl} in the run directory ({@code
 * {"step": 100, "time_s": 1.2, "loss": 0.53, "grad_norm": 1.1, …diagnostics}}), and writes the
 * run's provenance to {@code provenance.json} at the start. A resumed run appends to the same file.
 */
public final class MetricsFile implements TrainingListener {

  private static final Gson GSON =
      new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

  private BufferedWriter writer;

  @Override
  public void onStart(TrainingRun run) throws IOException {
    if (run.runDirectory().isEmpty()) {
      return;
    }
    RunDirectory dir = RunDirectory.at(run.runDirectory().get());
    Files.createDirectories(dir.root());
    Map<String, Object> provenance = new LinkedHashMap<>(run.provenance());
    provenance.put("description", run.description());
    provenance.put("total_steps", run.totalSteps());
    Files.writeString(
        dir.provenance(),
        new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(provenance),
        StandardCharsets.UTF_8);
    writer =
        Files.newBufferedWriter(
            dir.metrics(),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
  }

  @Override
  public void onStep(TrainingRun run, StepResult result) throws IOException {
    if (writer == null || !run.isLogStep(result.step())) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("step", result.step());
    line.put("time_s", result.elapsedSeconds());
    line.put("loss", result.loss());
    line.put("grad_norm", result.gradientNorm());
    line.putAll(result.diagnostics());
    writer.write(GSON.toJson(line));
    writer.newLine();
    writer.flush();
  }

  @Override
  public void onEnd(TrainingRun run, StepResult last) throws IOException {
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }
}
