package dev.ebm.core.config;

import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ebm.core.testing.Mutations;
import dev.ebm.core.testing.OptionStrings;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Option strings ({@code key=value,…}) and specs ({@code name:key=value,…}) fed as random and
 * mutated text to {@link Options#parse}, {@link Options#parseSpec} and {@link OptionSchema#resolve}
 * either give options — keys non-empty and trimmed, and, once resolved, every declared option
 * readable as its kind without a further error — or are refused with an {@link
 * IllegalArgumentException} naming the component.
 */
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

  @Property(tries = 1000, seed = "6051")
  void anyOptionTextParsesOrIsRefusedNamingTheComponent(@ForAll("optionText") String text) {
    Optional<Options> options = parsedOrRefused(OWNER, () -> Options.parse(OWNER, text));
    options.ifPresent(
        o -> {
          for (Map.Entry<String, String> given : o.given().entrySet()) {
            assertFalse(given.getKey().isEmpty(), "a parsed key is not empty: " + o.given());
            assertEquals(given.getKey().strip(), given.getKey());
            assertEquals(given.getValue().strip(), given.getValue());
          }
        });
  }

  @Property(tries = 1000, seed = "6052")
  void anySpecParsesToItsNameOrIsRefused(@ForAll("specText") String spec) {
    Optional<Options> options = parsedOrRefused("", () -> Options.parseSpec(spec));
    options.ifPresent(
        o -> {
          int colon = spec.indexOf(':');
          assertEquals(colon < 0 ? spec : spec.substring(0, colon), o.owner());
        });
  }

  @Property(tries = 1500, seed = "6053")
  void mutatedOptionsResolveToReadableValuesOrAreRefusedNamingTheComponent(
      @ForAll("schemaOptions") String text) {
    Optional<Options> resolved =
        parsedOrRefused(OWNER, () -> SCHEMA.resolve(Options.parse(OWNER, text)));
    resolved.ifPresent(OptionsFuzzTest::readsEveryOptionAsItsKind);
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

  @Provide
  Arbitrary<String> optionText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withChars("ab=,: 1.-").ofMaxLength(30),
        Mutations.mutatedText(OptionStrings.of(SCHEMA), OptionStrings.TOKENS));
  }

  @Provide
  Arbitrary<String> specText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withChars("dsm:=,a1.").ofMaxLength(30),
        OptionStrings.specs(OWNER, SCHEMA));
  }

  @Provide
  Arbitrary<String> schemaOptions() {
    Arbitrary<String> valid = OptionStrings.of(SCHEMA);
    return Arbitraries.oneOf(valid, Mutations.mutatedText(valid, OptionStrings.TOKENS));
  }
}
