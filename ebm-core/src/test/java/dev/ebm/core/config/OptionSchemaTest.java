package dev.ebm.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Declared options: defaults filled in, types and choices checked, unknown keys named with the
 * known ones, and a key that applies only under another key's value accepted then and refused,
 * saying why, otherwise.
 */
class OptionSchemaTest {

  private static final OptionSchema CHAINS =
      OptionSchema.of(
          "ml",
          OptionSpec.integer("steps", 20, "chain length"),
          OptionSpec.choice("init", "how chains start", "data", "uniform", "gaussian"),
          OptionSpec.number("init_std", 1, "std of Gaussian starts").when("init", "gaussian"),
          OptionSpec.number("clamp_low", "lower clamp; unset: none"));

  @Test
  void fillsInTheDefaultsOfTheOptionsThatApply() {
    Map<String, String> values = CHAINS.resolvedValues(Options.parse("ml", "steps=5"));
    assertEquals(Map.of("steps", "5", "init", "data", "clamp_low", "unset"), values);
    assertEquals(List.of("steps", "init", "clamp_low"), List.copyOf(values.keySet()));
    Options resolved = CHAINS.resolve(Options.parse("ml", "init=gaussian"));
    assertEquals(1.0, resolved.number("init_std"));
    assertEquals(20, resolved.integer("steps"));
  }

  @Test
  void anotherDefaultReplacesOneKeysDefaultAndKeepsTheRest() {
    OptionSchema longer = CHAINS.withDefault("steps", "60");
    assertEquals(60, longer.resolve(Options.parse("ml", "")).integer("steps"));
    assertEquals(
        2.0, longer.resolve(Options.parse("ml", "init=gaussian,init_std=2")).number("init_std"));
    assertEquals(20, CHAINS.resolve(Options.parse("ml", "")).integer("steps"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CHAINS.withDefault("step", "60"));
    assertEquals("ml has no option step to give a default", e.getMessage());
  }

  @Test
  void aKeyThatAppliesUnderAnotherKeysValueIsAcceptedThenAndRefusedOtherwiseSayingWhy() {
    assertEquals(
        2.0, CHAINS.resolve(Options.parse("ml", "init=gaussian,init_std=2")).number("init_std"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CHAINS.resolve(Options.parse("ml", "init_std=2")));
    assertEquals(
        "option init_std of ml applies only when init=gaussian, and init is data; set"
            + " init=gaussian or leave init_std out",
        e.getMessage());
  }

  @Test
  void unknownKeysBadValuesAndBadChoicesAreNamed() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class, () -> CHAINS.resolve(Options.parse("ml", "step=5")));
    assertEquals(
        "unknown option step for ml; known: steps, init, init_std, clamp_low",
        unknown.getMessage());
    IllegalArgumentException number =
        assertThrows(
            IllegalArgumentException.class,
            () -> CHAINS.resolve(Options.parse("ml", "steps=many")));
    assertTrue(number.getMessage().contains("'many' is not an integer"), number.getMessage());
    IllegalArgumentException choice =
        assertThrows(
            IllegalArgumentException.class,
            () -> CHAINS.resolve(Options.parse("ml", "init=zeros")));
    assertTrue(choice.getMessage().contains("data, uniform, gaussian"), choice.getMessage());
  }

  @Test
  void anOptionWithoutAKeyBeforeItsEqualsSignIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Options.parse("ml", "steps=5,  =3"));
    assertEquals("option '=3' for ml is not of the form key=value", e.getMessage());
  }

  @Test
  void describesEachOptionOnOneLine() {
    assertEquals(
        "init_std (number, default 1.0): std of Gaussian starts [when init=gaussian]",
        CHAINS.describe().get(2));
    IllegalArgumentException order =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                OptionSchema.of(
                    "x",
                    OptionSpec.number("b", 1, "b").when("a", "on"),
                    OptionSpec.choice("a", "a", "off", "on")));
    assertTrue(order.getMessage().contains("declared after it"), order.getMessage());
  }
}
