package dev.ebm.experiments.reproduce;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code ncsn-toy}: {@link NcsnToyReproduction} in the registry. */
public final class NcsnToyEntry implements Reproduction {

  private static final NcsnToyReproduction.Settings DEFAULTS =
      NcsnToyReproduction.Settings.defaults();

  private static final OptionSchema SETTINGS =
      OptionSchema.of(
          "ncsn-toy",
          OptionSpec.integer("samples", DEFAULTS.trainingSamples(), "training samples"),
          OptionSpec.integer("steps", (int) DEFAULTS.steps(), "training steps"),
          OptionSpec.integer("batch", DEFAULTS.batch(), "batch size"),
          OptionSpec.number("lr", DEFAULTS.learningRate(), "Adam's learning rate"),
          OptionSpec.integers("hidden", "the MLP's hidden widths", DEFAULTS.hidden()),
          OptionSpec.integer("chains", DEFAULTS.chains(), "sampling chains"),
          OptionSpec.integer("seed", (int) DEFAULTS.seed(), "seed"));

  @Override
  public String name() {
    return "ncsn-toy";
  }

  @Override
  public String claim() {
    return "On 0.8 N((5,5),I) + 0.2 N((-5,-5),I), Langevin dynamics from uniform starts cannot"
        + " recover the mixture weights; annealed Langevin can, with exact scores and with a"
        + " noise-conditional model trained by ncsn.";
  }

  @Override
  public String source() {
    return "Song & Ermon 2019, Generative modeling by estimating gradients of the data"
        + " distribution, Section 3.2 and Fig. 3";
  }

  @Override
  public OptionSchema settings() {
    return SETTINGS;
  }

  @Override
  public Map<String, String> quickSettings() {
    // The full setting is already small (about 15 s).
    return Map.of();
  }

  @Override
  public Report run(Options o, Path out, PrintStream log) throws IOException {
    NcsnToyReproduction.Result result =
        NcsnToyReproduction.run(
            new NcsnToyReproduction.Settings(
                o.integer("samples"),
                o.integer("steps"),
                o.integer("batch"),
                o.number("lr"),
                o.integers("hidden"),
                o.integer("chains"),
                o.integer("seed")),
            out,
            log);
    Map<String, Double> f = result.heavyModeFraction();
    return new Report(
        List.of(
            new Report.Finding(
                "annealed Langevin, exact scores: share in the 0.8 mode",
                "0.8 (Fig. 3c)",
                share(f.get("exact_annealed")),
                Math.abs(f.get("exact_annealed") - 0.8) < 0.05),
            new Report.Finding(
                "Langevin, exact scores: share in the 0.8 mode",
                "≈ 0.5 (Fig. 3b)",
                share(f.get("exact_langevin")),
                Math.abs(f.get("exact_langevin") - 0.8) > 0.2),
            new Report.Finding(
                "annealed Langevin, learned scores: share in the 0.8 mode",
                "",
                share(f.get("learned_annealed")),
                Math.abs(f.get("learned_annealed") - 0.8) < 0.07),
            new Report.Finding(
                "Langevin, learned scores: further from 0.8 than annealed",
                "",
                share(f.get("learned_langevin")),
                f.get("learned_langevin") < f.get("learned_annealed") - 0.1)),
        Map.of("heavy_mode_fraction", f),
        List.of("fig3.png"));
  }

  private static String share(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
