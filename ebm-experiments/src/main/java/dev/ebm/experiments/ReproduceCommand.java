package dev.ebm.experiments;

import dev.ebm.experiments.reproduce.DefaultsCheck;
import dev.ebm.experiments.reproduce.NcsnToyReproduction;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ebm reproduce <experiment>}: a paper's experiment with one command, on small defaults. */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description = "Reproduce a paper's experiment.",
    subcommands = {ReproduceCommand.NcsnToy.class, ReproduceCommand.DefaultsCheckCommand.class})
public final class ReproduceCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code ebm reproduce ncsn-toy}. */
  @Command(
      name = "ncsn-toy",
      mixinStandardHelpOptions = true,
      description = {
        "Song & Ermon 2019, Fig. 3: annealed vs plain Langevin on 0.8 N((5,5),I) + 0.2 N((-5,-5),I),",
        "with exact scores and with a noise-conditional MLP trained by ncsn."
      })
  static final class NcsnToy implements Callable<Integer> {

    @Option(
        names = "--out",
        description = "output directory (default: ${DEFAULT-VALUE})",
        defaultValue = "runs/ncsn-toy")
    Path out;

    @Option(
        names = "--steps",
        description = "training steps (default: ${DEFAULT-VALUE})",
        defaultValue = "3000")
    long steps;

    @Option(
        names = "--chains",
        description = "sampling chains (default: ${DEFAULT-VALUE})",
        defaultValue = "1280")
    int chains;

    @Option(
        names = "--seed",
        description = "seed (default: ${DEFAULT-VALUE})",
        defaultValue = "2019")
    long seed;

    @Override
    public Integer call() throws Exception {
      NcsnToyReproduction.Settings d = NcsnToyReproduction.Settings.defaults();
      NcsnToyReproduction.run(
          new NcsnToyReproduction.Settings(
              d.trainingSamples(), steps, d.batch(), d.learningRate(), d.hidden(), chains, seed),
          out,
          System.out);
      return 0;
    }
  }

  /** {@code ebm reproduce defaults-check}. */
  @Command(
      name = "defaults-check",
      mixinStandardHelpOptions = true,
      description = {
        "Every method with its default settings on a curved 2-D mixture of about +-10 (CSV data",
        "none of the defaults were tuned on): grid KL and TV against its exact density, time."
      })
  static final class DefaultsCheckCommand implements Callable<Integer> {

    @Option(
        names = "--out",
        description = "output directory (default: ${DEFAULT-VALUE})",
        defaultValue = "runs/defaults-check")
    Path out;

    @Option(
        names = "--methods",
        split = ",",
        description = "methods to train (default: all of them)")
    List<String> methods;

    @Option(names = "--steps", description = "training steps (default: ebm train's)")
    Long steps;

    @Option(
        names = "--points",
        description = "training points (default: ${DEFAULT-VALUE})",
        defaultValue = "10000")
    int points;

    @Option(
        names = "--quick",
        description = "a small setting for tests: dsm and nce, 1 500 steps, 2 000 points")
    boolean quick;

    @Override
    public Integer call() throws Exception {
      DefaultsCheck.Settings settings =
          quick
              ? new DefaultsCheck.Settings(List.of("dsm", "nce"), OptionalLong.of(1500), 2000, 7)
              : new DefaultsCheck.Settings(
                  methods == null ? DefaultsCheck.ALL_METHODS : methods,
                  steps == null ? OptionalLong.empty() : OptionalLong.of(steps),
                  points,
                  7);
      DefaultsCheck.run(settings, out, System.out);
      return 0;
    }
  }
}
