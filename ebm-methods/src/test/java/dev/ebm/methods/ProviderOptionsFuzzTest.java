package dev.ebm.methods;

import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;

import dev.ebm.core.config.Options;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.core.testing.OptionStrings;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.tensorflow.ndarray.Shape;

/**
 * Method and model specs ({@code dsm:sigma=…}, {@code mlp:hidden=…}) of every provider on the class
 * path — the shipped methods and models — drawn from each one's declared options, valid and
 * mutated, either create the method or model or are refused with an {@link
 * IllegalArgumentException}: no value the schema lets through makes a constructor throw anything
 * else.
 */
class ProviderOptionsFuzzTest {

  @Property(tries = 1500, seed = "6121")
  void mutatedMethodSpecsCreateAMethodOrAreRefused(@ForAll("methodSpecs") String spec) {
    parsedOrRefused(
        "",
        () -> {
          Options options = Options.parseSpec(spec);
          return TrainingMethodProvider.byName(options.owner()).create(options);
        });
  }

  @Property(tries = 1500, seed = "6122")
  void mutatedModelSpecsCreateAModelOrAreRefused(
      @ForAll("modelSpecs") String spec, @ForAll("sampleShapes") Shape shape) {
    parsedOrRefused(
        "",
        () -> {
          Options options = Options.parseSpec(spec);
          return EnergyModelProvider.byName(options.owner()).create(shape, options);
        });
  }

  @Provide
  Arbitrary<String> methodSpecs() {
    return Arbitraries.of(TrainingMethodProvider.all())
        .flatMap(p -> OptionStrings.specs(p.name(), p.options()));
  }

  @Provide
  Arbitrary<String> modelSpecs() {
    return Arbitraries.of(EnergyModelProvider.all())
        .flatMap(p -> OptionStrings.specs(p.name(), p.options()));
  }

  @Provide
  Arbitrary<Shape> sampleShapes() {
    return Combinators.combine(
            Arbitraries.of(1, 2, 3), Arbitraries.of(false, true), Arbitraries.of(1, 3))
        .as((size, image, channels) -> image ? Shape.of(28, 28, channels) : Shape.of(size));
  }
}
