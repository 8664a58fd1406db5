package dev.ebm.core.sampling;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import java.util.ArrayList;
import java.util.List;

/** The Metropolis-adjusted samplers that ship with the core: {@code mala} and {@code hmc}. */
public final class MetropolisSamplerProviders {

  /** The options every Metropolis sampler takes. */
  private static final List<OptionSpec> COMMON =
      List.of(
          OptionSpec.integer("steps", 1000, "transitions, warm-up included"),
          OptionSpec.number("epsilon", 0.1, "initial step size ε"),
          OptionSpec.integer("adapt", "warm-up transitions adapting ε; unset: half of steps"),
          OptionSpec.number("target", "acceptance rate adaptation aims at; unset: the kernel's"));

  private MetropolisSamplerProviders() {}

  private static MetropolisSampler create(Options o, MetropolisKernel kernel) {
    int steps = o.integer("steps");
    return new MetropolisSampler(
        kernel,
        steps,
        o.number("epsilon"),
        new StepSizeAdaptation(
            o.optionalInteger("adapt").orElse(steps / 2),
            o.optionalNumber("target").orElse(kernel.defaultTargetAcceptance())));
  }

  /** {@code mala}: {@link MalaKernel} chains. */
  public static final class Mala implements SamplerProvider {

    private static final OptionSchema SCHEMA = new OptionSchema("mala", COMMON);

    @Override
    public String name() {
      return "mala";
    }

    @Override
    public String description() {
      return "Metropolis-adjusted Langevin, step adapted toward acceptance 0.574 in warm-up";
    }

    @Override
    public OptionSchema options() {
      return SCHEMA;
    }

    @Override
    public MetropolisSampler create(Options options) {
      return MetropolisSamplerProviders.create(SCHEMA.resolve(options), new MalaKernel());
    }
  }

  /** {@code hmc}: {@link HmcKernel} chains with {@code leapfrog} steps per transition. */
  public static final class Hmc implements SamplerProvider {

    private static final OptionSchema SCHEMA = new OptionSchema("hmc", hmcSpecs());

    private static List<OptionSpec> hmcSpecs() {
      List<OptionSpec> specs = new ArrayList<>(COMMON);
      specs.add(OptionSpec.integer("leapfrog", 10, "leapfrog steps L per transition"));
      return specs;
    }

    @Override
    public String name() {
      return "hmc";
    }

    @Override
    public String description() {
      return "Hamiltonian Monte Carlo, L leapfrog steps, step adapted toward acceptance 0.65 in"
          + " warm-up";
    }

    @Override
    public OptionSchema options() {
      return SCHEMA;
    }

    @Override
    public MetropolisSampler create(Options options) {
      Options o = SCHEMA.resolve(options);
      return MetropolisSamplerProviders.create(o, new HmcKernel(o.integer("leapfrog")));
    }
  }
}
