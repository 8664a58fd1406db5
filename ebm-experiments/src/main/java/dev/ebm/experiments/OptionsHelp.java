package dev.ebm.experiments;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.core.sampling.SamplerProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --help} footers of the commands that take models, methods or samplers by name,
 * generated from the options the providers declare: one line per provider with each key and its
 * default ({@code key=default}, or {@code key=default?cond} when it applies only under a
 * condition).
 */
final class OptionsHelp {

  private OptionsHelp() {}

  /** For {@code ebm train}: the models' and methods' options. */
  static String[] forTrain() {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("Models (--model name[:key=value,...]) and their options' defaults:");
    EnergyModelProvider.all().forEach(p -> lines.add(line(p.name(), p.options())));
    lines.add("Methods (--method name[:key=value,...]):");
    TrainingMethodProvider.all().forEach(p -> lines.add(line(p.name(), p.options())));
    lines.add("key=default?k=v applies only when k=v; ebm list says what each option sets.");
    return lines.toArray(String[]::new);
  }

  /** For {@code ebm sample}: the samplers' options. */
  static String[] forSample() {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("Samplers (--sampler name, options in --sampler-options) and their defaults:");
    SamplerProvider.all().forEach(p -> lines.add(line(p.name(), p.options())));
    return lines.toArray(String[]::new);
  }

  private static String line(String name, OptionSchema schema) {
    StringBuilder line = new StringBuilder("  ").append(name).append(':');
    if (schema.specs().isEmpty()) {
      line.append(" (no declared options)");
    }
    for (OptionSpec spec : schema.specs()) {
      line.append(' ').append(spec.key()).append('=').append(spec.defaultValue());
      spec.when().ifPresent(c -> line.append('?').append(c));
    }
    return line.toString();
  }
}
