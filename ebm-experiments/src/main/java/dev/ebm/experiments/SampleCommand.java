package dev.ebm.experiments;

import dev.ebm.api.Samples;
import dev.ebm.api.Sampling;
import dev.ebm.api.TrainedEnergy;
import dev.ebm.experiments.output.SampleFiles;
import dev.ebm.experiments.process.StopSignals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ebm sample}: draws samples from a trained energy (a run, a composition or a SavedModel)
 * through {@link TrainedEnergy#sample}: Langevin dynamics in any of the papers' step conventions,
 * annealed Langevin dynamics over noise levels (Song &amp; Ermon 2019) — by default the sampler of
 * the {@code ncsn} method a run was trained with — or any registered sampler. Writes {@code
 * samples.csv}, {@code samples.png}, {@code sampler.json} and {@code diagnostics.json} ({@link
 * SampleFiles}).
 */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = {
      "Draw samples from a trained energy with Langevin or annealed Langevin dynamics.",
      "Example: ebm sample --run runs/dsm --chains 2000 --steps 1000"
    })
public final class SampleCommand implements Callable<Integer> {

  @ArgGroup(exclusive = true, multiplicity = "1")
  EnergySource source;

  @Option(
      names = "--sampler",
      description =
          "langevin, annealed-langevin, or any sampler ebm list shows (a run only; its options in"
              + " --sampler-options) (default: the training method's own sampler — annealed-langevin"
              + " with its settings for ncsn; annealed-langevin for another noise-conditional"
              + " energy; else langevin)")
  String sampler;

  @Option(
      names = "--sampler-options",
      defaultValue = "",
      description = "key=value,... for a sampler other than langevin and annealed-langevin")
  String samplerOptions;

  @Option(
      names = "--steps",
      defaultValue = "" + Sampling.DEFAULT_STEPS,
      description = "Langevin steps (default: ${DEFAULT-VALUE})")
  int steps;

  @Mixin LangevinOptions langevin;

  @Mixin AnnealedOptions annealed;

  @Option(
      names = "--chains",
      defaultValue = "" + Sampling.DEFAULT_CHAINS,
      description = "number of chains (default: ${DEFAULT-VALUE})")
  int chains;

  @Option(
      names = "--init-range",
      description =
          "chains start uniformly in LOW:HIGH per coordinate (default: the run's data range)")
  String initRange;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "seed of the starts and the noise (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--trace",
      defaultValue = "" + Sampling.DEFAULT_TRACE,
      description =
          "states per chain recorded over the chain's second half (after a Metropolis sampler's"
              + " warm-up) for ESS and R-hat; 0 for none (default: ${DEFAULT-VALUE})")
  int trace;

  @Option(
      names = "--out",
      description = "directory to write to (default: <run>/samples; required with --saved)")
  Path out;

  @Mixin QualityOptions quality;

  @Override
  public Integer call() throws IOException {
    StopSignals.install(System.err);
    try (TrainedEnergy energy = source.open()) {
      Path target = target();
      if (initRange == null && !source.isRun()) {
        throw new IllegalArgumentException(
            "a SavedModel has no data range: give --init-range LOW:HIGH");
      }
      Sampling sampling =
          chain(energy).chains(chains).seed(seed).trace(trace).observing(SampleCommand::progress);
      if (initRange != null) {
        sampling = sampling.startUniform(bound(0), bound(1));
      }
      Samples samples = energy.sample(sampling);
      // A chain run inside the graph cannot stop midway: a signal during it stops here.
      StopSignals.request().throwIfRequested("after sampling; nothing was written");
      SampleFiles.write(target, energy, samples);
      System.out.println(SampleFiles.headline(samples));
      quality.measure(target, samples, energy.sampleSize(), seed);
      System.out.printf(
          Locale.ROOT,
          "drew %d samples with %s (%.1f s) from %s into %s%n",
          samples.count(),
          samples.totalSteps().isPresent()
              ? samples.totalSteps().getAsLong() + " steps"
              : samples.updates().get(0),
          samples.seconds(),
          energy.describe(),
          target);
    }
    return 0;
  }

  /**
   * The chain asked for: the energy's default when nothing is asked (the method's own sampler,
   * annealed Langevin for a noise-conditional energy, else Langevin fitted to the data, in the
   * coordinates the model trained in); else plain or annealed Langevin by the options, or the
   * sampler named.
   */
  private Sampling chain(TrainedEnergy energy) {
    boolean asked = sampler != null || langevin.given() || annealed.given();
    if (!asked && source.isRun()) {
      return Sampling.defaults().steps(steps);
    }
    String kind =
        sampler != null ? sampler : energy.isNoiseConditional() ? "annealed-langevin" : "langevin";
    boolean builtIn = kind.equals("langevin") || kind.equals("annealed-langevin");
    if (builtIn && !samplerOptions.isBlank()) {
      throw new IllegalArgumentException(
          "--sampler-options sets samplers other than langevin and annealed-langevin; "
              + kind
              + " takes --steps, --step-size, --convention and the other options of ebm sample"
              + " --help");
    }
    return switch (kind) {
      case "langevin" -> Sampling.langevin(langevin.step(energy)).steps(steps);
      case "annealed-langevin" -> Sampling.annealed(annealed.applyTo(energy.annealedSampler()));
      default -> {
        if (!source.isRun()) {
          throw new IllegalArgumentException(
              "sampler "
                  + kind
                  + " runs in a run's graph: give --run (a SavedModel can be sampled"
                  + " with langevin or annealed-langevin)");
        }
        yield Sampling.named(kind, samplerOptions);
      }
    };
  }

  private static void progress(long done, long total, double[] states) {
    StopSignals.request()
        .throwIfRequested("after update " + done + " of " + total + "; nothing was written");
    if (done % Math.max(1, total / 10) == 0 || done == total) {
      System.err.printf(
          Locale.ROOT, "sampling: step %d/%d (%.0f%%)%n", done, total, 100.0 * done / total);
    }
  }

  private Path target() {
    if (out != null) {
      return out;
    }
    if (!source.isRun()) {
      throw new IllegalArgumentException("sampling a SavedModel needs --out DIR for the samples");
    }
    return source.runDirectory().resolve("samples");
  }

  /** End {@code i} of {@code --init-range LOW:HIGH}. */
  private double bound(int i) {
    String[] parts = initRange.split(":");
    try {
      double low = Double.parseDouble(parts[0]);
      double high = Double.parseDouble(parts[1]);
      if (parts.length == 2 && high > low) {
        return i == 0 ? low : high;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--init-range must be LOW:HIGH with LOW < HIGH, got " + initRange);
  }
}
