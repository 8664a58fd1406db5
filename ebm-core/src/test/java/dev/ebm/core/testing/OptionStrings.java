package dev.ebm.core.testing;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

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
  public static Arbitrary<String> of(OptionSchema schema) {
    List<Arbitrary<String>> pairs = new ArrayList<>();
    for (OptionSpec spec : schema.specs()) {
      pairs.add(
          Arbitraries.frequencyOf(
              Tuple.of(2, Arbitraries.just("")),
              Tuple.of(1, valueOf(spec).map(v -> spec.key() + "=" + v))));
    }
    if (pairs.isEmpty()) {
      return Arbitraries.just("");
    }
    return Combinators.combine(pairs)
        .as(list -> list.stream().filter(p -> !p.isEmpty()).collect(Collectors.joining(",")));
  }

  /** {@code name:options} specs of {@code schema}'s component, valid-looking or mutated. */
  public static Arbitrary<String> specs(String name, OptionSchema schema) {
    Arbitrary<String> valid = of(schema).map(o -> o.isEmpty() ? name : name + ":" + o);
    return Arbitraries.oneOf(valid, Mutations.mutatedText(valid, TOKENS));
  }

  /** Values of {@code spec}'s kind: typical ones and extremes. */
  public static Arbitrary<String> valueOf(OptionSpec spec) {
    Arbitrary<String> kind =
        switch (spec.kind()) {
          case NUMBER ->
              Arbitraries.oneOf(
                  Arbitraries.doubles().between(-2, 200).map(String::valueOf),
                  Arbitraries.doubles().map(String::valueOf),
                  Arbitraries.of("0", "1e-12", "1e308", "-1", "NaN", "1e400", "unset"));
          case INTEGER ->
              Arbitraries.oneOf(
                  Arbitraries.integers().between(-3, 300).map(String::valueOf),
                  Arbitraries.integers().map(String::valueOf),
                  Arbitraries.of("0", "1.5", "2147483648", "unset"));
          case FLAG -> Arbitraries.of("true", "false", "yes", "");
          case CHOICE ->
              Arbitraries.oneOf(
                  Arbitraries.of(spec.choices()), Arbitraries.of("", "none", "unset"));
          case INTEGERS ->
              Arbitraries.oneOf(
                  Arbitraries.integers()
                      .between(-2, 64)
                      .list()
                      .ofMinSize(1)
                      .ofMaxSize(4)
                      .map(l -> l.stream().map(String::valueOf).collect(Collectors.joining(":"))),
                  Arbitraries.of(":", "", "1::2", "2147483648", "0"));
          case TEXT ->
              Arbitraries.oneOf(
                  Arbitraries.strings().alpha().ofMaxLength(10), Arbitraries.just("unknown"));
        };
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(spec.defaultValue())), Tuple.of(3, kind));
  }
}
