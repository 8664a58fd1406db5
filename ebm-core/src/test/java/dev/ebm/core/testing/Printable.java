package dev.ebm.core.testing;

/**
 * A fuzz input written so that a failure message shows it exactly and stays short: bytes as text
 * where they are printable ASCII and as {@code \xNN} elsewhere, strings with every character
 * outside printable ASCII as {@code \}{@code uXXXX}, line ends and tabs as {@code \n}, {@code \r}
 * and {@code \t}; anything longer than {@value #LIMIT} characters cut, with the number left out.
 */
public final class Printable {

  /** How many characters of the input a message shows. */
  public static final int LIMIT = 400;

  private Printable() {}

  /**
   * {@code input} written printably: a byte array, a string, or anything by its {@code toString}.
   */
  public static String of(Object input) {
    if (input instanceof byte[] bytes) {
      return bytes(bytes);
    }
    return text(String.valueOf(input));
  }

  private static String bytes(byte[] bytes) {
    StringBuilder out = new StringBuilder("(" + bytes.length + " bytes) \"");
    int i = 0;
    for (; i < bytes.length && out.length() < LIMIT; i++) {
      int b = bytes[i] & 0xFF;
      if (!escape(out, (char) b)) {
        if (b >= 0x20 && b < 0x7F) {
          out.append((char) b);
        } else {
          out.append(String.format("\\x%02X", b));
        }
      }
    }
    return out.append('"').append(rest(bytes.length - i, "bytes")).toString();
  }

  private static String text(String text) {
    StringBuilder out = new StringBuilder("\"");
    int i = 0;
    for (; i < text.length() && out.length() < LIMIT; i++) {
      char c = text.charAt(i);
      if (!escape(out, c)) {
        if (c >= 0x20 && c < 0x7F) {
          out.append(c);
        } else {
          out.append(String.format("\\u%04X", (int) c));
        }
      }
    }
    return out.append('"').append(rest(text.length() - i, "characters")).toString();
  }

  /** Appends the escape of a quote, backslash, line end or tab; false for any other character. */
  private static boolean escape(StringBuilder out, char c) {
    String escaped =
        switch (c) {
          case '"' -> "\\\"";
          case '\\' -> "\\\\";
          case '\n' -> "\\n";
          case '\r' -> "\\r";
          case '\t' -> "\\t";
          default -> null;
        };
    if (escaped == null) {
      return false;
    }
    out.append(escaped);
    return true;
  }

  private static String rest(int left, String unit) {
    return left == 0 ? "" : "… (" + left + " more " + unit + ")";
  }
}
