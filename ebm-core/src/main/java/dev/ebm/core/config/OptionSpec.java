package dev.ebm.core.config;

import java.util.List;
import java.util.Optional;

/**
 * One declared option of a model, method or sampler: its key, type, default, allowed values, a
 * one-line meaning, and the condition under which it applies (e.g. {@code init_std} only when
 * {@code init=gaussian}). Declared once in an {@link OptionSchema}, from which parsing, listings,
 * help and provenance are generated.
 *
 * @param key the key, e.g. {@code sigma}
 * @param kind its type
 * @param defaultValue its default, as text
 * @param choices the allowed values of a {@link Kind#CHOICE} (empty otherwise)
 * @param meaning one line saying what it sets
 * @param when the condition under which it applies; empty: always
 */
public record OptionSpec(
    String key,
    Kind kind,
    String defaultValue,
    List<String> choices,
    String meaning,
    Optional<Condition> when) {

  /** The types of option values. */
  public enum Kind {
    /** A finite floating-point number. */
    NUMBER,
    /** An integer. */
    INTEGER,
    /** {@code true} or {@code false}. */
    FLAG,
    /** One of a fixed list of words. */
    CHOICE,
    /** Integers separated by {@code :}. */
    INTEGERS,
    /** Any text (e.g. another component's name). */
    TEXT
  }

  /**
   * An option applies only when another, declared before it, has one of some values.
   *
   * @param key the other option
   * @param values the values under which this one applies
   */
  public record Condition(String key, List<String> values) {
    public Condition {
      values = List.copyOf(values);
    }

    /** {@code key=a|b}. */
    @Override
    public String toString() {
      return key + "=" + String.join("|", values);
    }
  }

  public OptionSpec {
    if (key == null || key.isBlank() || meaning == null || meaning.isBlank()) {
      throw new IllegalArgumentException("an option needs a key and a meaning");
    }
    choices = List.copyOf(choices);
    if (kind == Kind.CHOICE && !choices.contains(defaultValue)) {
      throw new IllegalArgumentException(
          "the default of " + key + " (" + defaultValue + ") is not one of " + choices);
    }
  }

  /**
   * The default of an option that may be left unset (what unset means is in its meaning), as help
   * and provenance show it; code reads such options with {@link Options#optionalNumber} and kin.
   */
  static final String UNSET = "unset";

  /** A number that may be left {@link #UNSET}. */
  public static OptionSpec number(String key, String meaning) {
    return new OptionSpec(key, Kind.NUMBER, UNSET, List.of(), meaning, Optional.empty());
  }

  /** A number with a default. */
  public static OptionSpec number(String key, double defaultValue, String meaning) {
    return new OptionSpec(
        key, Kind.NUMBER, String.valueOf(defaultValue), List.of(), meaning, Optional.empty());
  }

  /** An integer that may be left {@link #UNSET}. */
  public static OptionSpec integer(String key, String meaning) {
    return new OptionSpec(key, Kind.INTEGER, UNSET, List.of(), meaning, Optional.empty());
  }

  /** An integer with a default. */
  public static OptionSpec integer(String key, int defaultValue, String meaning) {
    return new OptionSpec(
        key, Kind.INTEGER, String.valueOf(defaultValue), List.of(), meaning, Optional.empty());
  }

  /** A flag with a default. */
  public static OptionSpec flag(String key, boolean defaultValue, String meaning) {
    return new OptionSpec(
        key, Kind.FLAG, String.valueOf(defaultValue), List.of(), meaning, Optional.empty());
  }

  /** One of {@code choices}, the first being the default. */
  public static OptionSpec choice(String key, String meaning, String... choices) {
    return new OptionSpec(
        key, Kind.CHOICE, choices[0], List.of(choices), meaning, Optional.empty());
  }

  /**
   * One of {@code choices}, or left unset (the default) where the meaning says what unset chooses.
   */
  public static OptionSpec choiceOrUnset(String key, String meaning, String... choices) {
    List<String> all = new java.util.ArrayList<>(List.of(UNSET));
    all.addAll(List.of(choices));
    return new OptionSpec(key, Kind.CHOICE, UNSET, List.copyOf(all), meaning, Optional.empty());
  }

  /** {@code :}-separated integers with a default. */
  public static OptionSpec integers(String key, String meaning, int... defaultValue) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < defaultValue.length; i++) {
      text.append(i > 0 ? ":" : "").append(defaultValue[i]);
    }
    return new OptionSpec(
        key, Kind.INTEGERS, text.toString(), List.of(), meaning, Optional.empty());
  }

  /** Text with a default. */
  public static OptionSpec text(String key, String defaultValue, String meaning) {
    return new OptionSpec(key, Kind.TEXT, defaultValue, List.of(), meaning, Optional.empty());
  }

  /** This option, applying only when {@code otherKey} has one of {@code values}. */
  public OptionSpec when(String otherKey, String... values) {
    return new OptionSpec(
        key,
        kind,
        defaultValue,
        choices,
        meaning,
        Optional.of(new Condition(otherKey, List.of(values))));
  }

  /** This option with another default. */
  public OptionSpec withDefault(String value) {
    return new OptionSpec(key, kind, value, choices, meaning, when);
  }

  /** One line: {@code key (type, default d): meaning [when k=v]}. */
  public String describe() {
    String type =
        switch (kind) {
          case CHOICE -> String.join("|", choices);
          case INTEGERS -> "integers a:b:…";
          default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    return key
        + " ("
        + type
        + ", default "
        + defaultValue
        + "): "
        + meaning
        + when.map(c -> " [when " + c + "]").orElse("");
  }
}
