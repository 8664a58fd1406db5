package dev.ebm.api;

import dev.ebm.core.config.InvalidSettingException;
import dev.ebm.core.config.Options;
import dev.ebm.core.sampling.AnnealedLangevinSampler;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.core.sampling.Sampler;
import dev.ebm.core.sampling.SamplerProvider;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How to draw samples from a {@link TrainedEnergy}, immutable: which chain, how many chains, where
 * they start, the seed, and how many states per chain are recorded for the chains' diagnostics.
 *
 * <ul>
 *   <li>{@link #defaults()}: the sampler the training method names for itself (NCSN: annealed
 *       Langevin over its noise levels); else, for a noise-conditional energy, annealed Langevin
 *       with NCSN's image settings; else {@link #steps} steps of Langevin fitted to the data
 *       ({@code ε = 0.1·s}, τ = 1; {@link dev.ebm.core.trained.DefaultSampling}).
 *   <li>{@link #langevin(LangevinStep)}: plain Langevin with a step in any paper's convention
 *       ({@link LangevinStep#fromNcsnImage} and the others).
 *   <li>{@link #annealed(AnnealedLangevinSampler)}: annealed Langevin dynamics (Song &amp; Ermon
 *       2019).
 *   <li>{@link #with(Sampler)} and {@link #named(String, String)}: any sampler, a plugin's
 *       included, run inside a graph with the whole chain in one session call (not for a
 *       SavedModel).
 * </ul>
 *
 * Langevin and annealed Langevin run outside the graph, one batched score evaluation per update, so
 * that they work on every energy, a SavedModel's included. Chains start uniformly in {@code [low,
 * high]} per coordinate: by default the training data's range.
 */
public final class Sampling {

  /** The default number of chains. */
  public static final int DEFAULT_CHAINS = 1000;

  /** The default number of Langevin steps. */
  public static final int DEFAULT_STEPS = 1000;

  /** The default number of states per chain recorded for ESS and R-hat. */
  public static final int DEFAULT_TRACE = 20;

  /** Watches chains run outside the graph: progress, or what the states do over time. */
  @FunctionalInterface
  public interface Observer {
    /**
     * Called after update {@code done} (from 1) of {@code total} with the chains' states, row-major
     * {@code [chains] + sampleShape}, which it must not keep or change.
     */
    void after(long done, long total, double[] states);
  }

  /** The chain, as asked. */
  sealed interface Chain {}

  /** The method's own sampler, or the fitted default. */
  record Default() implements Chain {}

  /** Plain Langevin with this step. */
  record Langevin(LangevinStep step) implements Chain {}

  /** Annealed Langevin. */
  record Annealed(AnnealedLangevinSampler sampler) implements Chain {}

  /** A sampler run inside the graph. */
  record InGraph(Sampler sampler) implements Chain {}

  // Set only on a fresh copy (with(…)), so that a sampling never changes once made.
  private Chain chain;
  private int chains = DEFAULT_CHAINS;
  private int steps = DEFAULT_STEPS;
  private long seed;
  private Optional<double[]> startRange = Optional.empty();
  private int trace = DEFAULT_TRACE;
  private boolean diagnostics = true;
  private Optional<Observer> observer = Optional.empty();

  private Sampling(Chain chain) {
    this.chain = chain;
  }

  /** A copy of this sampling with {@code change} applied to it. */
  private Sampling with(Consumer<Sampling> change) {
    Sampling copy = new Sampling(chain);
    copy.chains = chains;
    copy.steps = steps;
    copy.seed = seed;
    copy.startRange = startRange;
    copy.trace = trace;
    copy.diagnostics = diagnostics;
    copy.observer = observer;
    change.accept(copy);
    return copy;
  }

  /** The energy's default sampler (see the class comment). */
  public static Sampling defaults() {
    return new Sampling(new Default());
  }

  /** Plain Langevin, {@code x ← x − λ∇ₓE(x) + σ_z·z}, with the drift and noise of {@code step}. */
  public static Sampling langevin(LangevinStep step) {
    if (step == null) {
      throw new InvalidSettingException("step", "must not be null");
    }
    return new Sampling(new Langevin(step));
  }

  /**
   * Annealed Langevin with {@code sampler}'s schedule, steps per level, step and convention. For an
   * energy trained on standardised data the chains run in the standardised coordinates, so the
   * noise levels and step are in those units (as the model's own sampler's are).
   */
  public static Sampling annealed(AnnealedLangevinSampler sampler) {
    if (sampler == null) {
      throw new InvalidSettingException("sampler", "must not be null");
    }
    return new Sampling(new Annealed(sampler));
  }

  /** Any sampler, run in a graph of its own with the energy's parameters frozen. */
  public static Sampling with(Sampler sampler) {
    if (sampler == null) {
      throw new InvalidSettingException("sampler", "must not be null");
    }
    return sampler instanceof AnnealedLangevinSampler annealed
        ? annealed(annealed)
        : new Sampling(new InGraph(sampler));
  }

  /**
   * The sampler a provider of that name creates with {@code options} ({@code key=value,…}), run in
   * the graph.
   *
   * @throws IllegalArgumentException listing the samplers, for an unknown name; for a bad option
   */
  public static Sampling named(String name, String options) {
    Options parsed = Options.parse(name, options);
    SamplerProvider provider = SamplerProvider.byName(name);
    Sampler created = provider.create(parsed);
    if (provider.options().specs().isEmpty()) {
      // A provider without a schema reads its options itself; one with a schema checked them.
      parsed.requireAllKnown();
    }
    return new Sampling(new InGraph(created));
  }

  /** This sampling with {@code n} chains (default {@value #DEFAULT_CHAINS}). */
  public Sampling chains(int n) {
    if (n < 1) {
      throw new InvalidSettingException("chains", "must be at least 1, got " + n);
    }
    return with(s -> s.chains = n);
  }

  /**
   * This sampling with {@code n} Langevin steps where the default chain is fitted Langevin (default
   * {@value #DEFAULT_STEPS}); other chains set their own length.
   */
  public Sampling steps(int n) {
    if (n < 1) {
      throw new InvalidSettingException("steps", "must be at least 1, got " + n);
    }
    return with(s -> s.steps = n);
  }

  /** This sampling with another seed of the starts and the noise (default 0). */
  public Sampling seed(long value) {
    return with(s -> s.seed = value);
  }

  /** Chains start uniformly in {@code [low, high]} per coordinate (default: the data's range). */
  public Sampling startUniform(double low, double high) {
    if (!(high > low) || Double.isInfinite(low) || Double.isInfinite(high)) {
      throw new InvalidSettingException(
          "startRange", "must be LOW:HIGH with finite LOW < HIGH, got " + low + ":" + high);
    }
    return with(s -> s.startRange = Optional.of(new double[] {low, high}));
  }

  /**
   * Records {@code states} states per chain over the chain's second half (after a Metropolis
   * sampler's warm-up) for ESS and R-hat; 0 for none (default {@value #DEFAULT_TRACE}).
   */
  public Sampling trace(int states) {
    if (states < 0) {
      throw new InvalidSettingException("trace", "must be 0 or more, got " + states);
    }
    return with(s -> s.trace = states);
  }

  /** This sampling without the chains' diagnostics (ESS, R-hat, kernel Stein discrepancy). */
  public Sampling withoutDiagnostics() {
    return with(
        s -> {
          s.trace = 0;
          s.diagnostics = false;
        });
  }

  /** This sampling without its observer. */
  Sampling withoutObserver() {
    return with(s -> s.observer = Optional.empty());
  }

  /** This sampling, telling {@code listener} after each update of a chain run outside the graph. */
  public Sampling observing(Observer listener) {
    return with(s -> s.observer = Optional.of(listener));
  }

  Chain chain() {
    return chain;
  }

  int chainCount() {
    return chains;
  }

  int stepCount() {
    return steps;
  }

  long seedValue() {
    return seed;
  }

  Optional<double[]> startRange() {
    return startRange.map(double[]::clone);
  }

  int traceLength() {
    return trace;
  }

  boolean wantsDiagnostics() {
    return diagnostics;
  }

  Optional<Observer> observer() {
    return observer;
  }
}
