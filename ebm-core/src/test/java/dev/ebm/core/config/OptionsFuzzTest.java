package dev.ebm.core.config;

import static dev.ebm.core.testing.ParserOutcomes.outcome;
import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ebm.core.testing.Fuzz;
import dev.ebm.core.testing.Generator;
import dev.ebm.core.testing.Mutations;
import dev.ebm.core.testing.OptionStrings;
import dev.ebm.core.testing.RandomInputs;
import dev.ebm.core.testing.ReportSeedOnFailure;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Option strings ({@code key=value,…}) and specs ({@code name:key=value,…}) fed as random and
 * mutated text to {@link Options#parse}, {@link Options#parseSpec} and {@link OptionSchema#resolve}
 * either give options — keys non-empty and trimmed, and, once resolved, every declared option
 * readable as its kind without a further error — or are refused with an {@link
 * IllegalArgumentException} naming the component.
 */
@ExtendWith(ReportSeedOnFailure.class)
class OptionsFuzzTest {

  private static final String OWNER = "fuzzed";

  /** Every kind of option, unset defaults and a condition among them. */
  private static final OptionSchema SCHEMA =
      OptionSchema.of(
          OWNER,
          OptionSpec.number("sigma", 0.1, "noise scale"),
          OptionSpec.number("step", "fitted unless given"),
          OptionSpec.integer("steps", 100, "chain length"),
          OptionSpec.integer("adapt", "unset: half of steps"),
          OptionSpec.flag("denoise", false, "finish with a denoising step"),
          OptionSpec.choice("init", "initialisation", "gaussian", "uniform"),
          OptionSpec.number("init_std", 1.0, "initial scale").when("init", "gaussian"),
          OptionSpec.integers("hidden", "layer widths", 128, 128),
          OptionSpec.text("sampler", "langevin", "the chain's sampler"),
          OptionSpec.choiceOrUnset("convention", "unset: image", "image", "toy"));

  @Test
  void anyOptionTextParsesOrIsRefusedNamingTheComponent() {
    Generator<String> optionText =
        Generator.oneOf(
            RandomInputs.text(40),
            RandomInputs.textOf("ab=,: 1.-", 0, 30),
            Mutations.mutatedText(OptionStrings.of(SCHEMA), OptionStrings.TOKENS));
    Fuzz.check(
        "Options.parse random-and-mutated",
        6051,
        1000,
        optionText,
        text -> {
          Optional<Options> options = parsedOrRefused(OWNER, () -> Options.parse(OWNER, text));
          options.ifPresent(
              o -> {
                for (Map.Entry<String, String> given : o.given().entrySet()) {
                  assertFalse(given.getKey().isEmpty(), "a parsed key is not empty: " + o.given());
                  assertEquals(given.getKey().strip(), given.getKey());
                  assertEquals(given.getValue().strip(), given.getValue());
                }
              });
          return outcome(options);
        });
  }

  @Test
  void anySpecParsesToItsNameOrIsRefused() {
    Generator<String> specText =
        Generator.oneOf(
            RandomInputs.text(40),
            RandomInputs.textOf("dsm:=,a1.", 0, 30),
            OptionStrings.specs(OWNER, SCHEMA));
    Fuzz.check(
        "Options.parseSpec random-and-mutated",
        6052,
        1000,
        specText,
        spec -> {
          Optional<Options> options = parsedOrRefused("", () -> Options.parseSpec(spec));
          options.ifPresent(
              o -> {
                int colon = spec.indexOf(':');
                assertEquals(colon < 0 ? spec : spec.substring(0, colon), o.owner());
              });
          return outcome(options);
        });
  }

  @Test
  void mutatedOptionsResolveToReadableValuesOrAreRefusedNamingTheComponent() {
    Generator<String> valid = OptionStrings.of(SCHEMA);
    Fuzz.check(
        "OptionSchema.resolve valid-and-mutated",
        6053,
        1500,
        Generator.oneOf(valid, Mutations.mutatedText(valid, OptionStrings.TOKENS)),
        text -> {
          Optional<Options> resolved =
              parsedOrRefused(OWNER, () -> SCHEMA.resolve(Options.parse(OWNER, text)));
          resolved.ifPresent(OptionsFuzzTest::readsEveryOptionAsItsKind);
          return outcome(resolved);
        });
  }

  /** Reads every option that applies as its kind; a resolved value never fails to read. */
  private static void readsEveryOptionAsItsKind(Options o) {
    for (OptionSpec spec : SCHEMA.specs()) {
      if (!o.has(spec.key())) {
        continue;
      }
      boolean unsetAllowed = spec.defaultValue().equals(OptionSpec.UNSET);
      switch (spec.kind()) {
        case NUMBER -> {
          if (unsetAllowed) {
            o.optionalNumber(spec.key());
          } else {
            o.number(spec.key());
          }
        }
        case INTEGER -> {
          if (unsetAllowed) {
            o.optionalInteger(spec.key());
          } else {
            o.integer(spec.key());
          }
        }
        case FLAG -> o.flag(spec.key());
        case INTEGERS -> o.integers(spec.key());
        case CHOICE, TEXT -> o.optionalString(spec.key());
      }
    }
  }
}
