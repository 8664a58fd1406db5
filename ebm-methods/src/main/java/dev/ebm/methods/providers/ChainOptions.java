package dev.ebm.methods.providers;

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
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The options of Langevin-trained methods: {@code chains} (data, persistent, replay, noise), {@code
 * sampler} (default {@code langevin}; any sampler's name, whose own options then apply), {@code
 * steps} K (default 20), {@code epsilon} ε (default: 0.1 × the data's standard deviation, see
 * {@link ChainSettings}), {@code tau} τ (1), {@code grad_clip} (0: none), {@code clamp_low}/{@code
 * clamp_high} (unset: none), {@code init} (default: uniform over the data's range; {@code uniform}
 * with {@code init_low}/{@code init_high}, default −1, 1, or {@code gaussian} with {@code
 * init_std}, default 1), {@code buffer} (10 000), {@code reinit} (0.05), {@code transition} (none,
 * flip, jitter) and {@code jitter_std} (0.01).
 */
final class ChainOptions {

  private ChainOptions() {}

  static ChainSettings parse(Options options, ChainSource defaultSource) {
    Map<String, String> given = options.given();
    boolean initFromData =
        Stream.of("init", "init_low", "init_high", "init_std").noneMatch(given::containsKey);
    boolean stepFromData = !given.containsKey("epsilon");
    ChainSource source =
        ChainSource.valueOf(
            options
                .choice(
                    "chains",
                    defaultSource.name().toLowerCase(Locale.ROOT),
                    "data",
                    "persistent",
                    "replay",
                    "noise")
                .toUpperCase(Locale.ROOT));
    String samplerName = options.string("sampler", "langevin");
    Sampler sampler =
        samplerName.equals("langevin")
            ? SamplerProviders.Langevin.create(options, 20, 0.1)
            : SamplerProvider.byName(samplerName).create(options);
    ChainInit init =
        options.choice("init", "uniform", "uniform", "gaussian").equals("uniform")
            ? ChainInit.uniform(options.number("init_low", -1), options.number("init_high", 1))
            : ChainInit.gaussian(0, options.number("init_std", 1));
    ChainTransition transition =
        switch (options.choice("transition", "none", "none", "flip", "jitter")) {
          case "flip" -> ChainTransition.horizontalFlip();
          case "jitter" -> ChainTransition.gaussianJitter(options.number("jitter_std", 0.01));
          default -> ChainTransition.IDENTITY;
        };
    LangevinChains chains =
        new LangevinChains(
            source,
            sampler,
            init,
            options.integer("buffer", 10_000),
            options.number("reinit", ReplayBuffer.DEFAULT_REINIT_PROBABILITY),
            transition);
    return new ChainSettings(chains, initFromData, stepFromData);
  }
}
