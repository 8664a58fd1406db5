package dev.ebm.core.testing;

import static dev.ebm.core.testing.Generator.weight;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutated valid JSON files for fuzzing a reader: a valid document with one to three structural
 * edits somewhere in its tree — a key removed, an unknown key added, a value replaced by one of
 * another type (a string, an extreme or non-finite number, {@code null}, an array, an object, a
 * deeply nested array, up to 100,000 deep) — or, as text, the byte-level edits of {@link
 * Mutations}.
 */
public final class JsonMutations {

  /** Tokens that byte-level edits of JSON text insert. */
  public static final List<String> TOKENS =
      List.of(
          "{",
          "}",
          "[",
          "]",
          ",",
          ":",
          "\"",
          "null",
          "NaN",
          "-Infinity",
          "1e400",
          "-1",
          "9223372036854775808",
          "\\u0000",
          "\uFEFF",
          "true",
          "0.5",
          "\"\"",
          "{}",
          "[]");

  private static final Gson GSON =
      new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

  /** What a structural edit does. */
  public enum Kind {
    /** Removes the chosen member or element. */
    REMOVE,
    /** Adds a member (an unknown key) or appends an element. */
    ADD,
    /** Replaces the chosen member's or element's value. */
    REPLACE
  }

  /**
   * One structural edit.
   *
   * @param kind what it does
   * @param path fractions choosing a child at each level, descending while the child is a non-empty
   *     object or array
   * @param key the key an added member gets
   * @param value the value added or written
   */
  public record Edit(Kind kind, List<Double> path, String key, JsonElement value) {

    /** {@code json} with this edit applied (a copy; {@code json} is unchanged). */
    public JsonElement apply(JsonElement json) {
      JsonElement copy = json.deepCopy();
      JsonElement container = copy;
      for (int level = 0; level < path.size() - 1; level++) {
        JsonElement child = child(container, path.get(level));
        if (child == null || !isNonEmptyContainer(child)) {
          break;
        }
        container = child;
      }
      double last = path.get(path.size() - 1);
      if (container.isJsonObject()) {
        JsonObject object = container.getAsJsonObject();
        List<String> keys = new ArrayList<>(object.keySet());
        if (kind == Kind.ADD || keys.isEmpty()) {
          object.add(key, value);
        } else if (kind == Kind.REMOVE) {
          object.remove(keys.get(index(last, keys.size())));
        } else {
          object.add(keys.get(index(last, keys.size())), value);
        }
      } else if (container.isJsonArray()) {
        JsonArray array = container.getAsJsonArray();
        if (kind == Kind.ADD || array.isEmpty()) {
          array.add(value);
        } else if (kind == Kind.REMOVE) {
          array.remove(index(last, array.size()));
        } else {
          array.set(index(last, array.size()), value);
        }
      } else {
        return value;
      }
      return copy;
    }

    private static JsonElement child(JsonElement container, double at) {
      if (container.isJsonObject()) {
        List<Map.Entry<String, JsonElement>> members =
            new ArrayList<>(container.getAsJsonObject().entrySet());
        return members.isEmpty() ? null : members.get(index(at, members.size())).getValue();
      }
      JsonArray array = container.getAsJsonArray();
      return array.isEmpty() ? null : array.get(index(at, array.size()));
    }

    private static boolean isNonEmptyContainer(JsonElement e) {
      return (e.isJsonObject() && !e.getAsJsonObject().isEmpty())
          || (e.isJsonArray() && !e.getAsJsonArray().isEmpty());
    }

    private static int index(double at, int size) {
      return Math.min(size - 1, (int) (at * size));
    }

    @Override
    public String toString() {
      return kind
          + " at "
          + path
          + (kind == Kind.ADD ? " " + key : "")
          + " := "
          + GSON.toJson(value);
    }
  }

  private JsonMutations() {}

  /** JSON values of every type, including extremes, non-finite numbers and deep nesting. */
  public static Generator<JsonElement> values() {
    Generator<JsonElement> strings =
        Generator.oneOf(
                RandomInputs.text(12),
                Generator.of("", "NaN", "1e400", "toy:moons", "dsm:sigma=0.1", "csv:", "\0"))
            .map(JsonPrimitive::new);
    Generator<JsonElement> numbers =
        Generator.<Number>oneOf(
                RandomInputs.anyLong(),
                RandomInputs.anyDouble(),
                Generator.of(
                    Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY,
                    -0.0,
                    1e308,
                    4.9e-324,
                    0.5,
                    2147483648.0),
                Generator.of("1e400", "-1e400", "123456789012345678901234567890", "1e-400")
                    .map(BigDecimal::new))
            .map(JsonPrimitive::new);
    Generator<JsonElement> scalars =
        Generator.oneOf(
            strings,
            numbers,
            Generator.of(true, false).map(JsonPrimitive::new),
            Generator.constant(JsonNull.INSTANCE));
    Generator<JsonElement> arrays = scalars.list(0, 4).map(JsonMutations::arrayOf);
    Generator<String> keys = RandomInputs.textOf(RandomInputs.LETTERS, 0, 6);
    Generator<JsonElement> objects =
        random -> {
          JsonObject object = new JsonObject();
          int size = random.nextInt(4);
          for (int i = 0; i < size; i++) {
            object.add(keys.next(random), scalars.next(random));
          }
          return object;
        };
    // 100,000 deep is the case that overflowed the stack; it costs ~0.1 s to write and refuse.
    Generator<JsonElement> deep =
        Generator.weighted(
                weight(6, Generator.integers(20, 600)),
                weight(1, Generator.constant(5_000)),
                weight(1, Generator.constant(100_000)))
            .map(depth -> new JsonPrimitive(DEEP + depth + DEEP));
    return Generator.weighted(
        weight(6, scalars), weight(2, arrays), weight(2, objects), weight(1, deep));
  }

  /** One to three structural edits. */
  public static Generator<List<Edit>> edits() {
    Generator<List<Double>> paths = Generator.doubles(0, 1).list(1, 4);
    Generator<String> keys =
        Generator.oneOf(
            RandomInputs.textOf(RandomInputs.LETTERS, 1, 8),
            Generator.of("format_version", "formatVersion", ""));
    Generator<JsonElement> values = values();
    Generator<Edit> edit =
        random ->
            new Edit(
                Kind.values()[random.nextInt(Kind.values().length)],
                paths.next(random),
                keys.next(random),
                values.next(random));
    return edit.list(1, 3);
  }

  /** The text of {@code valid} after structural edits. */
  public static Generator<String> structurallyMutated(JsonElement valid) {
    return edits()
        .map(
            list -> {
              JsonElement json = valid;
              for (Edit edit : list) {
                json = edit.apply(json);
              }
              return text(json);
            });
  }

  /**
   * The text of {@code valid} mutated structurally (two in three) or byte by byte (one in three).
   */
  public static Generator<byte[]> mutated(JsonElement valid) {
    byte[] text = text(valid).getBytes(StandardCharsets.UTF_8);
    return Generator.weighted(
        weight(2, structurallyMutated(valid).map(s -> s.getBytes(StandardCharsets.UTF_8))),
        weight(1, Mutations.mutated(Generator.constant(text), TOKENS)));
  }

  /**
   * {@code json} as text, non-finite numbers written as {@code NaN} and {@code Infinity}, and each
   * deep value (a placeholder until here, since Gson writes a tree recursively) as {@code
   * [[…[1]…]]}.
   */
  public static String text(JsonElement json) {
    String text = GSON.toJson(json);
    Matcher deep = DEEP_VALUE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (deep.find()) {
      int depth = Integer.parseInt(deep.group(1));
      deep.appendReplacement(out, "");
      out.append("[".repeat(depth)).append('1').append("]".repeat(depth));
    }
    deep.appendTail(out);
    return out.toString();
  }

  /** Marks the placeholder of a deep value: {@code "<mark><depth><mark>"}. */
  private static final String DEEP = "@@deep@@";

  private static final Pattern DEEP_VALUE = Pattern.compile("\"" + DEEP + "(\\d+)" + DEEP + "\"");

  private static JsonArray arrayOf(List<JsonElement> elements) {
    JsonArray array = new JsonArray();
    elements.forEach(array::add);
    return array;
  }
}
