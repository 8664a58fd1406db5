package dev.ebm.methods.providers;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.sampling.ChainInit;
import dev.ebm.core.sampling.ReplayBuffer;
import dev.ebm.core.sampling.Sampler;
import dev.ebm.core.sampling.SamplerProvider;
import dev.ebm.core.sampling.SamplerProviders;
import dev.ebm.methods.ChainSettings;
import dev.ebm.methods.ChainSource;
import dev.ebm.methods.ChainTransition;
import dev.ebm.methods.LangevinChains;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of the methods that train with negative-phase chains ({@code ml}, {@code
 * improved-cd}), declared in {@link #SCHEMA}: where chains start, their sampler ({@code langevin}
 * by default, with its options; any other sampler's options are passed to it), how fresh chains
 * start (over the data's range by default), the replay buffer and the transition applied to the
 * starts.
 */
final class ChainOptions {

  /** The chain options, before a method's own. */
  static final OptionSchema SCHEMA = new OptionSchema("chains", specs());

  private ChainOptions() {}

  private static List<OptionSpec> specs() {
    List<OptionSpec> specs = new ArrayList<>();
    specs.add(
        OptionSpec.choice(
            "chains",
            "where chains start: a replay buffer, the batch (CD-k), persistent chains or noise",
            "replay",
            "data",
            "persistent",
            "noise"));
    specs.add(
        OptionSpec.text(
            "sampler", "langevin", "the chains' sampler (ebm list); another's options go to it"));
    for (OptionSpec langevin : SamplerProviders.Langevin.KEYS) {
      OptionSpec spec =
          switch (langevin.key()) {
            case "steps" -> langevin.withDefault("40");
            case "epsilon" ->
                OptionSpec.number("epsilon", "Langevin step ε; unset: 0.1 × the data's RMS std");
            default -> langevin;
          };
      specs.add(spec.when("sampler", "langevin"));
    }
    specs.add(
        OptionSpec.choice(
            "init",
            "how fresh chains start: uniform over the data's range, or as set",
            "data",
            "uniform",
            "gaussian"));
    specs.add(
        OptionSpec.number("init_low", -1, "lower end of uniform starts").when("init", "uniform"));
    specs.add(
        OptionSpec.number("init_high", 1, "upper end of uniform starts").when("init", "uniform"));
    specs.add(OptionSpec.number("init_std", 1, "std of Gaussian starts").when("init", "gaussian"));
    specs.add(OptionSpec.integer("buffer", 10_000, "replay buffer size").when("chains", "replay"));
    specs.add(
        OptionSpec.integer(
                "bank",
                0,
                "persistent chains kept, each step drawing a batch of them (Nijkamp et al.'s"
                    + " convergent regime keeps 10 000); 0: one batch, every chain every step")
            .when("chains", "persistent"));
    specs.add(
        OptionSpec.number(
                "reinit",
                ReplayBuffer.DEFAULT_REINIT_PROBABILITY,
                "probability that a replayed chain restarts from noise")
            .when("chains", "replay"));
    specs.add(
        OptionSpec.choice(
            "transition",
            "applied to the starts (images, but jitter): none, horizontal flip, Gaussian jitter, a"
                + " random shift, a blur, or augment (Du et al.'s: flip, shift, then blur)",
            "none",
            "flip",
            "jitter",
            "shift",
            "blur",
            "augment"));
    specs.add(
        OptionSpec.number("jitter_std", 0.01, "std of the jitter").when("transition", "jitter"));
    specs.add(
        OptionSpec.integer("shift_pixels", 2, "the largest shift on each axis, in pixels")
            .when("transition", "shift", "augment"));
    return specs;
  }

  /**
   * A method's parsed options: its chains, and all its declared options resolved.
   *
   * @param chains the chains
   * @param own the method's options (chain options included), defaults filled in
   */
  record Parsed(ChainSettings chains, Options own) {}

  /**
   * Parses {@code given} with a method's {@code schema} (this class's options and its own); keys it
   * does not declare go to a sampler other than {@code langevin}.
   *
   * @throws IllegalArgumentException naming an unknown key, a bad value or a key given where it
   *     does not apply
   */
  static Parsed parse(OptionSchema schema, Options given) {
    Map<String, String> all = given.given();
    String samplerName = all.getOrDefault("sampler", "langevin");
    boolean langevin = samplerName.equals("langevin");
    // The Langevin keys belong to the default sampler; under another they are that sampler's.
    Set<String> langevinKeys = new HashSet<>();
    schema.specs().stream()
        .filter(s -> s.when().isPresent() && s.when().get().key().equals("sampler"))
        .forEach(s -> langevinKeys.add(s.key()));
    Map<String, String> own = new LinkedHashMap<>();
    Map<String, String> forSampler = new LinkedHashMap<>();
    all.forEach(
        (key, value) -> {
          boolean methods =
              langevin || (schema.keys().contains(key) && !langevinKeys.contains(key));
          (methods ? own : forSampler).put(key, value);
        });
    Options o = schema.resolve(Options.of(schema.owner(), own));
    Sampler sampler =
        langevin
            ? SamplerProviders.Langevin.fromResolved(o, ChainSettings.STEP_PER_DATA_STD)
            : SamplerProvider.byName(samplerName).create(Options.of(samplerName, forSampler));
    String init = o.string("init");
    ChainInit start =
        switch (init) {
          case "uniform" -> ChainInit.uniform(o.number("init_low"), o.number("init_high"));
          case "gaussian" -> ChainInit.gaussian(0, o.number("init_std"));
          default -> ChainInit.uniform(-1, 1); // replaced by the data's range when fitted
        };
    ChainSource source = ChainSource.valueOf(o.string("chains").toUpperCase(Locale.ROOT));
    ChainTransition transition =
        switch (o.string("transition")) {
          case "flip" -> ChainTransition.horizontalFlip();
          case "jitter" -> ChainTransition.gaussianJitter(o.number("jitter_std"));
          case "shift" -> ChainTransition.randomShift(o.integer("shift_pixels"));
          case "blur" -> ChainTransition.blur();
          case "augment" -> ChainTransition.augmentation(o.integer("shift_pixels"));
          default -> ChainTransition.IDENTITY;
        };
    boolean replay = source == ChainSource.REPLAY;
    LangevinChains chains =
        new LangevinChains(
            source,
            sampler,
            start,
            // A replay buffer has a size and restarts; persistent chains a bank and none.
            replay ? o.integer("buffer") : source == ChainSource.PERSISTENT ? o.integer("bank") : 0,
            replay ? o.number("reinit") : 0,
            transition);
    boolean stepFromData = langevin && o.optionalNumber("epsilon").isEmpty();
    return new Parsed(new ChainSettings(chains, init.equals("data"), stepFromData), o);
  }
}
