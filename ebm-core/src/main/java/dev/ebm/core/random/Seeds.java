package dev.ebm.core.random;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * Derives independent seeds from one root seed and a component name: {@code seed(root, name)} is a
 * 64-bit hash (Murmur3) of both, so renaming or adding a component changes no other component's
 * random numbers, and the same root and name always give the same seed.
 */
public final class Seeds {

  private Seeds() {}

  /** The seed of the component {@code name} under {@code root}. */
  public static long derive(long root, String name) {
    return Hashing.murmur3_128()
        .newHasher()
        .putLong(root)
        .putString(name, StandardCharsets.UTF_8)
        .hash()
        .asLong();
  }

  /** The seed of the component {@code name} under {@code root}, as a non-negative value. */
  public static long deriveNonNegative(long root, String name) {
    return derive(root, name) & Long.MAX_VALUE;
  }
}
