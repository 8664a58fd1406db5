package dev.ebm.core.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ebm.core.run.RunDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends one JSON object per log step to {@code metrics.jsonl} in the run directory ({@code
 * {"step": 100, "time_s": 1.2, "loss": 0.53, "grad_norm": 1.1, …diagnostics}}), and writes the
 * run's provenance to {@code provenance.json} at the start. A resumed run appends to the same file.
 *
 * <p>The file never ends in a partial line: a line that cannot be written whole (a full disk) is
 * cut off again before the error is reported, and when a run resumes, a partial last line left by a
 * process that died while writing it, and the lines of steps after the one it resumes from (logged
 * after that checkpoint by the run that stopped), are dropped with a warning, so that steps only
 * increase.
 */
public final class MetricsFile implements TrainingListener {

  private static final System.Logger LOG = System.getLogger(MetricsFile.class.getName());

  private static final Gson GSON =
      new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

  private Path file;
  private FileChannel channel;

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
    file = dir.metrics();
    if (Files.exists(file)) {
      keepCompleteLinesThrough(file, run.firstStep());
    }
    channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /**
   * Rewrites {@code metrics} without a partial last line and without lines of steps after {@code
   * step}, saying what it dropped.
   */
  private static void keepCompleteLinesThrough(Path metrics, long step) throws IOException {
    String text = Files.readString(metrics, StandardCharsets.UTF_8);
    boolean partialEnd = !text.isEmpty() && !text.endsWith("\n");
    List<String> lines = new ArrayList<>(text.lines().toList());
    if (partialEnd) {
      lines.remove(lines.size() - 1);
      LOG.log(
          System.Logger.Level.WARNING,
          "dropped the partial last line of {0}, left by a run that stopped while writing it",
          metrics);
    }
    List<String> kept = new ArrayList<>();
    for (String line : lines) {
      if (stepOf(line) <= step) {
        kept.add(line);
      }
    }
    if (kept.size() < lines.size()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "dropped {0} line(s) of {1} after step {2}, where this run resumes",
          lines.size() - kept.size(),
          metrics,
          step);
    }
    if (partialEnd || kept.size() < lines.size()) {
      Path temporary = metrics.resolveSibling(metrics.getFileName() + ".tmp");
      Files.write(temporary, kept, StandardCharsets.UTF_8);
      Files.move(temporary, metrics, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The step of a metrics line; a line that is not one is past every step. */
  private static long stepOf(String line) {
    try {
      JsonElement json = JsonParser.parseString(line);
      if (json.isJsonObject()) {
        JsonObject object = json.getAsJsonObject();
        if (object.has("step")) {
          return object.get("step").getAsLong();
        }
      }
    } catch (RuntimeException e) {
      // not a metrics line: dropped
    }
    return Long.MAX_VALUE;
  }

  @Override
  public void onStep(TrainingRun run, StepResult result) throws IOException {
    if (channel == null || !run.isLogStep(result.step())) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("step", result.step());
    line.put("time_s", result.elapsedSeconds());
    line.put("loss", result.loss());
    line.put("grad_norm", result.gradientNorm());
    line.putAll(result.diagnostics());
    ByteBuffer bytes = ByteBuffer.wrap((GSON.toJson(line) + "\n").getBytes(StandardCharsets.UTF_8));
    long before = channel.size();
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      channel.truncate(before);
      throw new IOException(
          "could not append the metrics of step "
              + result.step()
              + " to "
              + file
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  @Override
  public void onEnd(TrainingRun run, StepResult last) throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
