package dev.ebm.core.testing;

import dev.ebm.core.config.Options;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The two outcomes a parser fed arbitrary input may have: a value, or the project's own clear error
 * — {@link IllegalArgumentException} (or one of the project's subclasses, such as {@code
 * InvalidSettingException}) for bad input, {@link IllegalStateException} for a damaged or newer
 * file, {@link IOException} for a file that cannot be read — whose message names the file or the
 * value. Anything else (a {@code NullPointerException}, an escaping {@code NumberFormatException},
 * a JSON library's exception, an {@code OutOfMemoryError} from a huge declared size, an error
 * without a message) fails the property with the input that caused it. {@link #outcome} names the
 * outcome for {@link Fuzz}, which counts how many inputs parsed and how many were refused.
 */
public final class ParserOutcomes {

  /** A parse that may throw anything. */
  @FunctionalInterface
  public interface Parse<T> {
    /** Parses, returning the value. */
    T run() throws Exception;
  }

  /** The outcome of an input that parsed, for {@link Fuzz}. */
  public static final String PARSED = "parsed";

  /** The outcome of an input refused with the project's own clear error, for {@link Fuzz}. */
  public static final String REFUSED = "refused";

  private ParserOutcomes() {}

  /**
   * The value {@code parse} returns, or empty if it refuses the input with the project's own clear
   * error whose message contains {@code mustName} (the file or the value; "" for any message).
   *
   * @throws AssertionError for any other outcome: another exception type, an error without a
   *     message or not naming {@code mustName}, or a {@code null} value
   */
  public static <T> Optional<T> parsedOrRefused(String mustName, Parse<T> parse) {
    T value;
    try {
      value = parse.run();
    } catch (Throwable e) {
      requireClearError(e, mustName);
      return Optional.empty();
    }
    if (value == null) {
      throw new AssertionError("the parser returned null instead of a value or an error");
    }
    return Optional.of(value);
  }

  /** {@link #PARSED} if {@code parsed} holds a value, {@link #REFUSED} if it is empty. */
  public static String outcome(Optional<?> parsed) {
    return parsed.isPresent() ? PARSED : REFUSED;
  }

  /**
   * The outcome of creating a component from a spec {@code name[:key=value,…]}: {@code create}
   * receives the spec's options ({@link Options#parseSpec}, owned by the name) and must return the
   * component or refuse with a clear error.
   */
  public static String createdOrRefused(String spec, Function<Options, ?> create) {
    return outcome(parsedOrRefused("", () -> create.apply(Options.parseSpec(spec))));
  }

  /**
   * Returns normally if {@code e} is the project's own clear error naming {@code mustName}.
   *
   * @throws AssertionError saying what is wrong with it, {@code e} as its cause
   */
  public static void requireClearError(Throwable e, String mustName) {
    if (!isOwnErrorType(e)) {
      throw new AssertionError(
          "refused with "
              + e.getClass().getName()
              + ", not IllegalArgumentException, IllegalStateException or IOException: "
              + e,
          e);
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      throw new AssertionError(e.getClass().getName() + " without a message", e);
    }
    if (!message.contains(mustName)) {
      throw new AssertionError(
          e.getClass().getName() + "'s message does not name '" + mustName + "': " + message, e);
    }
  }

  /**
   * Whether {@code e} is one of the allowed types: any {@link IOException}, and {@link
   * IllegalArgumentException} or {@link IllegalStateException} themselves or the project's
   * subclasses of them — not the JDK's subclasses such as {@code NumberFormatException} or {@code
   * InvalidPathException}, which escape a parser that did not validate its input.
   */
  private static boolean isOwnErrorType(Throwable e) {
    if (e instanceof IOException) {
      return true;
    }
    boolean ownSubclass = e.getClass().getName().startsWith("dev.ebm.");
    return (e instanceof IllegalArgumentException
            && (e.getClass() == IllegalArgumentException.class || ownSubclass))
        || (e instanceof IllegalStateException
            && (e.getClass() == IllegalStateException.class || ownSubclass));
  }
}
