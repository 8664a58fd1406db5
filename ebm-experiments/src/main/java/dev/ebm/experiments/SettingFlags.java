package dev.ebm.experiments;

import dev.ebm.core.config.InvalidSettingException;
import java.util.Locale;
import java.util.Map;

/**
 * The command line's flag for each setting of the Java API ({@code learningRate} → {@code --lr}),
 * so that an {@link InvalidSettingException} reads as the user typed it.
 */
final class SettingFlags {

  /** Settings whose flag is not their name in kebab case. */
  private static final Map<String, String> RENAMED =
      Map.ofEntries(
          Map.entry("learningRate", "--lr"),
          Map.entry("lrDecaySteps", "--lr-decay"),
          Map.entry("runDirectory", "--run"),
          Map.entry("startRange", "--init-range"),
          Map.entry("noiseLevel", "--sigma"),
          Map.entry("step", "--step-size"));

  private SettingFlags() {}

  /** The flag of {@code setting}: e.g. {@code clipNorm} → {@code --clip-norm}. */
  static String flagOf(String setting) {
    String renamed = RENAMED.get(setting);
    if (renamed != null) {
      return renamed;
    }
    return "--" + setting.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** The exception's message with the setting named by its flag. */
  static String message(InvalidSettingException e) {
    return flagOf(e.setting()) + " " + e.problem();
  }
}
