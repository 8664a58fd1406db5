package dev.ebm.methods;

import static dev.ebm.core.testing.ParserOutcomes.createdOrRefused;

import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.core.testing.Fuzz;
import dev.ebm.core.testing.Generator;
import dev.ebm.core.testing.OptionStrings;
import dev.ebm.core.testing.ReportSeedOnFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tensorflow.ndarray.Shape;

/**
 * Method and model specs ({@code dsm:sigma=…}, {@code mlp:hidden=…}) of every provider on the class
 * path — the shipped methods and models — drawn from each one's declared options, valid and
 * mutated, either create the method or model or are refused with an {@link
 * IllegalArgumentException}: no value the schema lets through makes a constructor throw anything
 * else.
 */
@ExtendWith(ReportSeedOnFailure.class)
class ProviderOptionsFuzzTest {

  /**
   * A spec and the shape of the samples a model is created for.
   *
   * @param spec the model's spec
   * @param shape the sample shape
   */
  record ModelCase(String spec, Shape shape) {}

  @Test
  void mutatedMethodSpecsCreateAMethodOrAreRefused() {
    Generator<String> specs =
        Generator.elementOf(TrainingMethodProvider.all())
            .flatMap(p -> OptionStrings.specs(p.name(), p.options()));
    Fuzz.check(
        "TrainingMethodProvider.create valid-and-mutated",
        6121,
        1500,
        specs,
        spec -> createdOrRefused(spec, o -> TrainingMethodProvider.byName(o.owner()).create(o)));
  }

  @Test
  void mutatedModelSpecsCreateAModelOrAreRefused() {
    Generator<String> specs =
        Generator.elementOf(EnergyModelProvider.all())
            .flatMap(p -> OptionStrings.specs(p.name(), p.options()));
    Generator<Shape> shapes =
        Generator.oneOf(
            Generator.of(1, 2, 3).map(size -> Shape.of(size)),
            Generator.of(1, 3).map(channels -> Shape.of(28, 28, channels)));
    Fuzz.check(
        "EnergyModelProvider.create valid-and-mutated",
        6122,
        1500,
        random -> new ModelCase(specs.next(random), shapes.next(random)),
        c ->
            createdOrRefused(
                c.spec(), o -> EnergyModelProvider.byName(o.owner()).create(c.shape(), o)));
  }
}
