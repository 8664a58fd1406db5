package dev.ebm.experiments.reproduce;

import com.google.gson.GsonBuilder;
import dev.ebm.core.config.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a reproduction's {@code report.md} (the claim and its source, a table of the paper's
 * numbers against ours, the settings, the time taken, the figures) and {@code results.json} (the
 * same, machine-readable).
 */
public final class ReportWriter {

  private ReportWriter() {}

  /** Writes both files into {@code out}; returns the report's path. */
  public static Path write(
      Path out, Reproduction reproduction, Options settings, Report report, double seconds)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(reproduction.name()).append("\n\n");
    md.append("**Claim.** ").append(reproduction.claim()).append("\n\n");
    md.append("**Source.** ").append(reproduction.source()).append("\n\n");
    md.append("| finding | paper | ours | holds |\n|---|---|---|---|\n");
    for (Report.Finding f : report.findings()) {
      md.append("| ")
          .append(cell(f.what()))
          .append(" | ")
          .append(cell(f.paper()))
          .append(" | ")
          .append(cell(f.ours()))
          .append(" | ")
          .append(f.holds() ? "yes" : "**no**")
          .append(" |\n");
    }
    md.append("\n**Settings.** `");
    md.append(settingsText(reproduction, settings)).append("`\n\n");
    md.append(String.format(Locale.ROOT, "**Time.** %.0f s on this machine.%n", seconds));
    for (String figure : report.figures()) {
      md.append("\n![").append(figure).append("](").append(figure).append(")\n");
    }
    Path file = out.resolve("report.md");
    Files.createDirectories(out);
    Files.writeString(file, md);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("reproduction", reproduction.name());
    json.put("claim", reproduction.claim());
    json.put("source", reproduction.source());
    json.put("settings", reproduction.settings().resolvedValues(settings));
    json.put("seconds", seconds);
    json.put("all_hold", report.allHold());
    json.put("findings", report.findings());
    json.put("results", report.results());
    json.put("figures", report.figures());
    Files.writeString(
        out.resolve("results.json"),
        new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create()
            .toJson(json));
    return file;
  }

  /** Text for a Markdown table cell: its bars escaped. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  /** {@code key=value,…} in the order the reproduction declares its settings. */
  public static String settingsText(Reproduction reproduction, Options settings) {
    StringBuilder text = new StringBuilder();
    reproduction
        .settings()
        .resolvedValues(settings)
        .forEach(
            (k, v) -> text.append(text.length() > 0 ? "," : "").append(k).append('=').append(v));
    return text.toString();
  }
}
