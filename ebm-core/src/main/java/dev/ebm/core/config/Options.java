package dev.ebm.core.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code key=value} options for a named component, e.g. {@code sigma=0.1,steps=60} or {@code
 * hidden=128:128}. Typed getters take the default in one place and record which keys the component
 * understands; {@link #requireAllKnown} then rejects any other key with a message listing the known
 * ones, so a typo is an error rather than a silently ignored setting.
 */
public final class Options {

  private final String owner;
  private final Map<String, String> values;
  private final Map<String, String> used = new LinkedHashMap<>();

  private Options(String owner, Map<String, String> values) {
    this.owner = owner;
    this.values = new LinkedHashMap<>(values);
  }

  /** No options. */
  public static Options none(String owner) {
    return new Options(owner, Map.of());
  }

  /** Options from a map. */
  public static Options of(String owner, Map<String, String> values) {
    return new Options(owner, values);
  }

  /**
   * The options of a spec {@code name[:key=value,…]}, owned by {@code name} ({@link #owner()}).
   *
   * @throws IllegalArgumentException for an option that is not {@code key=value}
   */
  public static Options parseSpec(String spec) {
    int colon = spec.indexOf(':');
    return colon < 0 ? parse(spec, "") : parse(spec.substring(0, colon), spec.substring(colon + 1));
  }

  /**
   * Options from {@code key=value} pairs separated by commas.
   *
   * @throws IllegalArgumentException for a pair without {@code =} or without a key before it, or a
   *     repeated key
   */
  public static Options parse(String owner, String text) {
    Map<String, String> values = new LinkedHashMap<>();
    if (text != null && !text.isBlank()) {
      for (String pair : text.split(",")) {
        int eq = pair.indexOf('=');
        if (eq < 0 || pair.substring(0, eq).isBlank()) {
          throw new IllegalArgumentException(
              "option '" + pair.strip() + "' for " + owner + " is not of the form key=value");
        }
        String key = pair.substring(0, eq).strip();
        if (values.put(key, pair.substring(eq + 1).strip()) != null) {
          throw new IllegalArgumentException(
              "option '" + key + "' for " + owner + " is given twice");
        }
      }
    }
    return new Options(owner, values);
  }

  /** The component these options configure, for messages. */
  public String owner() {
    return owner;
  }

  /** A string option. */
  public String string(String key, String defaultValue) {
    used.put(key, defaultValue);
    return values.getOrDefault(key, defaultValue);
  }

  /** One of the given choices. */
  public String choice(String key, String defaultValue, String... choices) {
    String value = string(key, defaultValue);
    if (!Arrays.asList(choices).contains(value)) {
      throw new IllegalArgumentException(
          "option "
              + key
              + " of "
              + owner
              + ": '"
              + value
              + "' is not one of "
              + String.join(", ", choices));
    }
    return value;
  }

  /** A floating-point option. */
  public double number(String key, double defaultValue) {
    used.put(key, String.valueOf(defaultValue));
    String text = values.get(key);
    if (text == null) {
      return defaultValue;
    }
    try {
      double value = Double.parseDouble(text);
      if (!Double.isFinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "option " + key + " of " + owner + ": '" + text + "' is not a finite number", e);
    }
  }

  /** An integer option. */
  public int integer(String key, int defaultValue) {
    used.put(key, String.valueOf(defaultValue));
    String text = values.get(key);
    if (text == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "option " + key + " of " + owner + ": '" + text + "' is not an integer", e);
    }
  }

  /** A boolean option ({@code true} or {@code false}). */
  public boolean flag(String key, boolean defaultValue) {
    String text = string(key, String.valueOf(defaultValue));
    if (!text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException(
          "option " + key + " of " + owner + ": '" + text + "' is neither true nor false");
    }
    return Boolean.parseBoolean(text);
  }

  /** A list of integers separated by {@code :}, e.g. {@code 128:128}. */
  public int[] integers(String key, int... defaultValue) {
    if (!values.containsKey(key)) {
      used.put(key, join(defaultValue));
      return defaultValue.clone();
    }
    return integers(key);
  }

  /**
   * The value of {@code key}, which must be present: options resolved by an {@link OptionSchema}
   * hold every option that applies, with its default when not given.
   *
   * @throws IllegalStateException if {@code key} is absent (not declared, or not applying)
   */
  public String string(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalStateException(
          "option " + key + " of " + owner + " is not declared, or does not apply here");
    }
    used.put(key, value);
    return value;
  }

  /** The number {@code key}, which must be present (see {@link #string(String)}). */
  public double number(String key) {
    return number(key, Double.parseDouble(string(key)));
  }

  /** The integer {@code key}, which must be present. */
  public int integer(String key) {
    return integer(key, Integer.parseInt(string(key)));
  }

  /** The flag {@code key}, which must be present. */
  public boolean flag(String key) {
    return flag(key, Boolean.parseBoolean(string(key)));
  }

  /** The {@code :}-separated integers {@code key}, which must be present. */
  public int[] integers(String key) {
    String text = string(key);
    try {
      return Arrays.stream(text.split(":"))
          .map(String::strip)
          .mapToInt(Integer::parseInt)
          .toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "option "
              + key
              + " of "
              + owner
              + ": '"
              + text
              + "' is not a ':'-separated list of integers",
          e);
    }
  }

  /**
   * The number {@code key}, or empty where the schema leaves it unset (an option declared without a
   * default, such as a step fitted to the data unless given).
   */
  public OptionalDouble optionalNumber(String key) {
    return isUnset(key) ? OptionalDouble.empty() : OptionalDouble.of(number(key));
  }

  /** The integer {@code key}, or empty where the schema leaves it unset. */
  public OptionalInt optionalInteger(String key) {
    return isUnset(key) ? OptionalInt.empty() : OptionalInt.of(integer(key));
  }

  /** The text {@code key}, or empty where the schema leaves it unset. */
  public Optional<String> optionalString(String key) {
    return isUnset(key) ? Optional.empty() : Optional.of(string(key));
  }

  private boolean isUnset(String key) {
    return string(key).equals(OptionSpec.UNSET);
  }

  /** Whether {@code key} is present. */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /**
   * Returns normally if every given key was asked for by a getter.
   *
   * @throws IllegalArgumentException naming the unknown keys and listing the known ones
   */
  public void requireAllKnown() {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(used.keySet());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown option"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown)
              + " for "
              + owner
              + "; known: "
              + (used.isEmpty() ? "none" : String.join(", ", new LinkedHashSet<>(used.keySet()))));
    }
  }

  /** The options given, for provenance. */
  public Map<String, String> given() {
    return Map.copyOf(values);
  }

  private static String join(int[] values) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        s.append(':');
      }
      s.append(values[i]);
    }
    return s.toString();
  }
}
