package dev.ebm.core.sampling;

import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;

import dev.ebm.core.config.Options;
import dev.ebm.core.testing.OptionStrings;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Sampler specs ({@code langevin:steps=…,epsilon=…}) of the samplers shipped in the core, valid and
 * mutated, either create the sampler through its provider or are refused with an {@link
 * IllegalArgumentException} — never another exception from a value the schema let through.
 */
class SamplerOptionsFuzzTest {

  @Property(tries = 1000, seed = "6061")
  void mutatedSamplerSpecsCreateASamplerOrAreRefused(@ForAll("samplerSpecs") String spec) {
    parsedOrRefused(
        "",
        () -> {
          Options options = Options.parseSpec(spec);
          return SamplerProvider.byName(options.owner()).create(options);
        });
  }

  @Provide
  Arbitrary<String> samplerSpecs() {
    return Arbitraries.of(SamplerProvider.all())
        .flatMap(p -> OptionStrings.specs(p.name(), p.options()));
  }
}
