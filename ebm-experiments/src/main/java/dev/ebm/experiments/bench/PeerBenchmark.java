package dev.ebm.experiments.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The peer implementation of the workloads (the PyTorch reference in {@code benchmarks/peer/}):
 * runs its {@code bench.py} for one workload at a given intra-op thread count, in a process of its
 * own so that the peak resident memory it reports is that workload's, and reads the JSON line it
 * prints ({@code workload}, {@code threads}, {@code steps_per_second}, {@code peak_rss_bytes}).
 */
public final class PeerBenchmark {

  /**
   * One timing of the peer.
   *
   * @param workload the workload
   * @param threads its intra-op threads
   * @param stepsPerSecond the median over its repetitions
   * @param peakResidentBytes its process's peak resident memory
   */
  public record Timing(
      String workload, int threads, double stepsPerSecond, long peakResidentBytes) {}

  private final Path script;
  private final String python;

  /**
   * The peer whose {@code bench.py} lies in {@code directory}, run by {@code python}.
   *
   * @throws IllegalArgumentException if {@code directory} holds no {@code bench.py}
   */
  public PeerBenchmark(Path directory, String python) {
    this.script = directory.resolve("bench.py");
    this.python = python;
    if (!Files.isRegularFile(script)) {
      throw new IllegalArgumentException(
          "no peer benchmark at "
              + script
              + "; --peer takes the directory of the PyTorch reference (benchmarks/peer in the"
              + " repository)");
    }
  }

  /**
   * Times {@code workload} at {@code threads} intra-op threads: warm-up, then the median of {@code
   * repetitions} of about {@code seconds} each, as {@code ebm bench} times its own.
   *
   * @throws IllegalStateException if the peer fails (its error output is quoted) or prints no
   *     timing of the workload
   */
  public Timing time(String workload, int threads, int repetitions, double seconds) {
    List<String> command =
        List.of(
            python,
            script.toString(),
            "--only",
            workload,
            "--threads",
            String.valueOf(threads),
            "--repetitions",
            String.valueOf(repetitions),
            "--seconds",
            String.format(Locale.ROOT, "%s", seconds));
    String out;
    String err;
    int status;
    try {
      Path errFile = Files.createTempFile("ebm-peer", ".err");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectError(errFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        process.getOutputStream().close();
        out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        status = process.waitFor();
        err = Files.readString(errFile);
      } finally {
        Files.deleteIfExists(errFile);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not run the peer (" + String.join(" ", command) + "): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the peer ran " + workload, e);
    }
    if (status != 0) {
      throw new IllegalStateException(
          "the peer failed on "
              + workload
              + " (exit "
              + status
              + "): "
              + tail(err)
              + (err.contains("No module named 'torch'")
                  ? " — install PyTorch (benchmarks/peer/README.md)"
                  : ""));
    }
    for (String line : out.split("\n")) {
      if (!line.startsWith("{")) {
        continue;
      }
      try {
        JsonObject json = JsonParser.parseString(line).getAsJsonObject();
        if (json.has("workload") && json.get("workload").getAsString().equals(workload)) {
          return new Timing(
              workload,
              json.get("threads").getAsInt(),
              json.get("steps_per_second").getAsDouble(),
              json.has("peak_rss_bytes") ? json.get("peak_rss_bytes").getAsLong() : 0);
        }
      } catch (JsonSyntaxException | IllegalStateException | UnsupportedOperationException e) {
        throw new IllegalStateException("the peer printed a line that is not a timing: " + line, e);
      }
    }
    throw new IllegalStateException("the peer printed no timing of " + workload + ": " + tail(out));
  }

  private static String tail(String text) {
    String trimmed = text.strip();
    return trimmed.length() <= 600 ? trimmed : "…" + trimmed.substring(trimmed.length() - 600);
  }
}
