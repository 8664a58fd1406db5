package dev.ebm.experiments.reproduce;

import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.experiments.quality.FeatureClassifier;
import java.nio.file.Path;

/**
 * The {@code quality_cache} setting of the reproductions that measure samples with the offline
 * metric: where the feature classifier is cached, declared once for all of them.
 */
final class QualityCache {

  /** The setting; empty means the default place. */
  static final OptionSpec SETTING =
      OptionSpec.text(
          "quality_cache",
          "",
          "where the feature classifier is cached (empty: $EBM_CACHE or ~/.cache/ebm)");

  private QualityCache() {}

  /** The cache's root directory that {@code settings} name. */
  static Path root(Options settings) {
    String configured = settings.string(SETTING.key());
    return configured.isEmpty() ? FeatureClassifier.defaultCacheRoot() : Path.of(configured);
  }
}
