package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * House rules the build enforces that neither the compiler nor the formatter checks: every package
 * of every module's main code has a {@code package-info.java} saying what lives there.
 */
class HouseRulesTest {

  @Test
  void everyPackageHasAPackageInfo() throws IOException {
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    List<Path> missing;
    try (Stream<Path> files = Files.walk(root)) {
      missing =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> root.relativize(p).toString().matches("ebm-[a-z]+/src/main/java/.*"))
              .map(Path::getParent)
              .distinct()
              .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
              .map(root::relativize)
              .sorted()
              .toList();
    }
    assertEquals(List.of(), missing, "packages without a package-info.java");
  }
}
