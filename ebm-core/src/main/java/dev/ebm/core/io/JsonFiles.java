package dev.ebm.core.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Reads the JSON files a run keeps (its settings, data summary, composition, checkpoint state):
 * UTF-8 text, parsed as one JSON document nested at most {@value #MAX_DEPTH} deep (Gson parses
 * deeper documents, but printing one, or reading a number out of nested one-element arrays,
 * recurses once per level). What is wrong with a file's content is a {@link JsonParseException}
 * whose message says what; each reader turns it into its own error naming the file.
 */
public final class JsonFiles {

  /** The deepest nesting of arrays and objects read; the files a run writes nest 3 deep. */
  public static final int MAX_DEPTH = 255;

  private JsonFiles() {}

  /**
   * The JSON document in {@code file}.
   *
   * @throws IOException if the file cannot be read (its message names it)
   * @throws JsonParseException if it is not UTF-8 text, not one JSON document, or nests deeper than
   *     {@value #MAX_DEPTH}
   */
  public static JsonElement read(Path file) throws IOException {
    JsonElement json = JsonParser.parseString(text(file));
    requireShallow(json);
    return json;
  }

  /**
   * The UTF-8 text of {@code file}.
   *
   * @throws IOException if the file cannot be read (its message names it)
   * @throws JsonParseException if it is not UTF-8 text
   */
  public static String text(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new JsonParseException("not UTF-8 text", e);
    }
  }

  /**
   * Returns normally if the arrays and objects of {@code json} nest at most {@value #MAX_DEPTH}
   * deep; walks the tree without recursion, so that any depth is measured.
   */
  private static void requireShallow(JsonElement json) {
    Deque<Map.Entry<JsonElement, Integer>> open = new ArrayDeque<>();
    open.push(Map.entry(json, 0));
    while (!open.isEmpty()) {
      Map.Entry<JsonElement, Integer> next = open.pop();
      JsonElement e = next.getKey();
      int depth = next.getValue() + (e.isJsonArray() || e.isJsonObject() ? 1 : 0);
      if (depth > MAX_DEPTH) {
        throw new JsonParseException("arrays and objects nested more than " + MAX_DEPTH + " deep");
      }
      if (e.isJsonArray()) {
        e.getAsJsonArray().forEach(child -> open.push(Map.entry(child, depth)));
      } else if (e.isJsonObject()) {
        e.getAsJsonObject().entrySet().forEach(m -> open.push(Map.entry(m.getValue(), depth)));
      }
    }
  }

  /**
   * The whole number {@code json} holds, if it is a JSON number with no fractional part that fits
   * an {@code int} ({@code 1} and {@code 1.0}, not {@code 1.5}, {@code "1"} or {@code [1]}).
   */
  public static OptionalInt wholeNumber(JsonElement json) {
    if (json == null || !json.isJsonPrimitive() || !json.getAsJsonPrimitive().isNumber()) {
      return OptionalInt.empty();
    }
    try {
      BigDecimal exact = new BigDecimal(json.getAsJsonPrimitive().getAsString());
      return OptionalInt.of(exact.intValueExact());
    } catch (ArithmeticException | NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
