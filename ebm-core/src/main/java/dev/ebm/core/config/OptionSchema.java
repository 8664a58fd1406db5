package dev.ebm.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The declared options of a model, method or sampler, each written once ({@link OptionSpec}).
 * {@link #resolve} checks given options against it — an unknown key, a value of the wrong type or
 * outside its choices, a key given where its condition does not hold — and fills in the defaults of
 * the keys that apply; listings ({@link #describe}), help and provenance ({@link #resolvedValues})
 * are generated from it.
 *
 * @param owner the component, for messages
 * @param specs the options, a condition's key declared before the options that depend on it
 */
public record OptionSchema(String owner, List<OptionSpec> specs) {

  public OptionSchema {
    specs = List.copyOf(specs);
    Set<String> seen = new TreeSet<>();
    for (OptionSpec spec : specs) {
      if (spec.when().isPresent() && !seen.contains(spec.when().get().key())) {
        throw new IllegalArgumentException(
            owner
                + ": "
                + spec.key()
                + " depends on "
                + spec.when().get().key()
                + ", declared after it");
      }
      if (!seen.add(spec.key())) {
        throw new IllegalArgumentException(owner + ": option " + spec.key() + " is declared twice");
      }
    }
  }

  /** The schema of {@code owner} with {@code specs}. */
  public static OptionSchema of(String owner, OptionSpec... specs) {
    return new OptionSchema(owner, List.of(specs));
  }

  /** No options. */
  public static OptionSchema none(String owner) {
    return new OptionSchema(owner, List.of());
  }

  /** This schema's options followed by {@code more}, under another owner's name. */
  public OptionSchema with(String newOwner, List<OptionSpec> more) {
    List<OptionSpec> all = new ArrayList<>(specs);
    all.addAll(more);
    return new OptionSchema(newOwner, all);
  }

  /**
   * This schema with {@code key}'s default replaced by {@code value} (a method that shares
   * another's options but not all of its defaults).
   *
   * @throws IllegalArgumentException if no option is {@code key}
   */
  public OptionSchema withDefault(String key, String value) {
    if (!keys().contains(key)) {
      throw new IllegalArgumentException(owner + " has no option " + key + " to give a default");
    }
    return new OptionSchema(
        owner, specs.stream().map(s -> s.key().equals(key) ? s.withDefault(value) : s).toList());
  }

  /** The keys declared. */
  public Set<String> keys() {
    Set<String> keys = new TreeSet<>();
    specs.forEach(s -> keys.add(s.key()));
    return keys;
  }

  /**
   * The options that apply, given or defaulted, checked.
   *
   * @throws IllegalArgumentException naming an unknown key (and the known ones), a bad value, or a
   *     key given where it does not apply (and why)
   */
  public Options resolve(Options given) {
    return Options.of(given.owner(), resolvedValues(given));
  }

  /** The values of the options that apply, given or defaulted, in declaration order. */
  public Map<String, String> resolvedValues(Options given) {
    Map<String, String> values = given.given();
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(keys());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown option"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown)
              + " for "
              + owner
              + "; known: "
              + (specs.isEmpty()
                  ? "none"
                  : String.join(", ", specs.stream().map(OptionSpec::key).toList())));
    }
    Map<String, String> resolved = new LinkedHashMap<>();
    for (OptionSpec spec : specs) {
      Optional<OptionSpec.Condition> when = spec.when();
      boolean applies =
          when.isEmpty() || when.get().values().contains(resolved.get(when.get().key()));
      if (!applies) {
        if (values.containsKey(spec.key())) {
          String other = when.get().key();
          throw new IllegalArgumentException(
              "option "
                  + spec.key()
                  + " of "
                  + owner
                  + " applies only when "
                  + when.get()
                  + (resolved.containsKey(other)
                      ? ", and " + other + " is " + resolved.get(other)
                      : ", and " + other + " does not apply here")
                  + "; set "
                  + when.get()
                  + " or leave "
                  + spec.key()
                  + " out");
        }
        continue;
      }
      String value = values.getOrDefault(spec.key(), spec.defaultValue());
      check(spec, value);
      resolved.put(spec.key(), value);
    }
    return resolved;
  }

  private void check(OptionSpec spec, String value) {
    if (value.equals(OptionSpec.UNSET) && spec.defaultValue().equals(OptionSpec.UNSET)) {
      return;
    }
    Options single = Options.of(owner, Map.of(spec.key(), value));
    switch (spec.kind()) {
      case NUMBER -> single.number(spec.key(), 0);
      case INTEGER -> single.integer(spec.key(), 0);
      case FLAG -> single.flag(spec.key(), false);
      case CHOICE -> single.choice(spec.key(), value, spec.choices().toArray(String[]::new));
      case INTEGERS -> single.integers(spec.key());
      case TEXT -> single.string(spec.key(), value);
    }
  }

  /** One line per option. */
  public List<String> describe() {
    return specs.stream().map(OptionSpec::describe).toList();
  }
}
