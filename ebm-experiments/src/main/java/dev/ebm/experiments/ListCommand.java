package dev.ebm.experiments;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.data.toy.ToyDensities;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.core.sampling.SamplerProvider;
import picocli.CommandLine.Command;

/** {@code ebm list}: the models, methods, samplers and toy datasets on the class path. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List models, methods, samplers and toy datasets.")
public final class ListCommand implements Runnable {

  @Override
  public void run() {
    System.out.println("models (--model name[:key=value,...]):");
    EnergyModelProvider.all().forEach(p -> show(p.name(), p.description(), p.options()));
    System.out.println("methods (--method name[:key=value,...]):");
    TrainingMethodProvider.all().forEach(p -> show(p.name(), p.description(), p.options()));
    System.out.println("samplers (--method ml:sampler=name,...; ebm sample --sampler name):");
    SamplerProvider.all().forEach(p -> show(p.name(), p.description(), p.options()));
    System.out.println("toy datasets (--data toy:name[:key=value,...]):");
    ToyDensities.names()
        .forEach(n -> show(n, ToyDensities.byName(n).description(), ToyDensities.options(n)));
    System.out.println("files: --data csv:points.csv, --data idx:images-idx3-ubyte.gz");
  }

  private static void show(String name, String description, OptionSchema options) {
    System.out.printf("  %-12s %s%n", name, description);
    for (String line : options.describe()) {
      System.out.println("      " + line);
    }
  }
}
