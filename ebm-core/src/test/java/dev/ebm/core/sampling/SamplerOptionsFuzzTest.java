package dev.ebm.core.sampling;

import static dev.ebm.core.testing.ParserOutcomes.createdOrRefused;

import dev.ebm.core.testing.Fuzz;
import dev.ebm.core.testing.Generator;
import dev.ebm.core.testing.OptionStrings;
import dev.ebm.core.testing.ReportSeedOnFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sampler specs ({@code langevin:steps=…,epsilon=…}) of the samplers shipped in the core, valid and
 * mutated, either create the sampler through its provider or are refused with an {@link
 * IllegalArgumentException} — never another exception from a value the schema let through.
 */
@ExtendWith(ReportSeedOnFailure.class)
class SamplerOptionsFuzzTest {

  @Test
  void mutatedSamplerSpecsCreateASamplerOrAreRefused() {
    Generator<String> specs =
        Generator.elementOf(SamplerProvider.all())
            .flatMap(p -> OptionStrings.specs(p.name(), p.options()));
    Fuzz.check(
        "SamplerProvider.create valid-and-mutated",
        6061,
        1000,
        specs,
        spec -> createdOrRefused(spec, o -> SamplerProvider.byName(o.owner()).create(o)));
  }
}
