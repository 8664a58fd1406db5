package dev.ebm.core.testing;

import static dev.ebm.core.testing.Generator.weight;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Option strings ({@code key=value,…}) for fuzzing a component's options: valid ones drawn from its
 * {@link OptionSchema} — a subset of its keys, each with a value of its kind, plausible or extreme
 * — and the same mutated by {@link Mutations} with the tokens that matter to option parsing.
 */
public final class OptionStrings {

  /** What mutations of option strings insert: separators, extreme and non-numbers, words. */
  public static final List<String> TOKENS =
      List.of(
          ",",
          "=",
          ":",
          "::",
          "==",
          ",,",
          " ",
          "NaN",
          "Infinity",
          "-Infinity",
          "1e400",
          "-1",
          "0",
          "-0",
          "2147483648",
          "-2147483649",
          "1e-320",
          "unset",
          "true",
          "false",
          "TRUE",
          "0x1p3",
          "1d",
          "\u0000",
          "\uFEFF",
          "１");

  private OptionStrings() {}

  /**
   * Valid-looking option strings of {@code schema}: about a third of its keys, each with its
   * default (two in five) or another value of its kind.
   */
  public static Generator<String> of(OptionSchema schema) {
    List<Generator<String>> pairs = new ArrayList<>();
    for (OptionSpec spec : schema.specs()) {
      pairs.add(
          Generator.weighted(
              weight(2, Generator.constant("")),
              weight(1, valueOf(spec).map(v -> spec.key() + "=" + v))));
    }
    return random ->
        pairs.stream()
            .map(pair -> pair.next(random))
            .filter(p -> !p.isEmpty())
            .collect(Collectors.joining(","));
  }

  /** {@code name:options} specs of {@code schema}'s component, valid-looking or mutated. */
  public static Generator<String> specs(String name, OptionSchema schema) {
    Generator<String> valid = of(schema).map(o -> o.isEmpty() ? name : name + ":" + o);
    return Generator.oneOf(valid, Mutations.mutatedText(valid, TOKENS));
  }

  /** Values of {@code spec}'s kind: typical ones and extremes. */
  public static Generator<String> valueOf(OptionSpec spec) {
    Generator<String> kind =
        switch (spec.kind()) {
          case NUMBER ->
              Generator.oneOf(
                  Generator.doubles(-2, 200).map(String::valueOf),
                  RandomInputs.anyDouble().map(String::valueOf),
                  Generator.of("0", "1e-12", "1e308", "-1", "NaN", "1e400", "unset"));
          case INTEGER ->
              Generator.oneOf(
                  Generator.integers(-3, 300).map(String::valueOf),
                  RandomInputs.anyInt().map(String::valueOf),
                  Generator.of("0", "1.5", "2147483648", "unset"));
          case FLAG -> Generator.of("true", "false", "yes", "");
          case CHOICE ->
              Generator.oneOf(
                  Generator.elementOf(spec.choices()), Generator.of("", "none", "unset"));
          case INTEGERS ->
              Generator.oneOf(
                  Generator.integers(-2, 64)
                      .list(1, 4)
                      .map(l -> l.stream().map(String::valueOf).collect(Collectors.joining(":"))),
                  Generator.of(":", "", "1::2", "2147483648", "0"));
          case TEXT ->
              Generator.oneOf(
                  RandomInputs.textOf(RandomInputs.LETTERS, 0, 10), Generator.constant("unknown"));
        };
    return Generator.weighted(weight(2, Generator.constant(spec.defaultValue())), weight(3, kind));
  }
}
