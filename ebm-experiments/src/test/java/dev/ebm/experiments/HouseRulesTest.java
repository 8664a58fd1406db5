package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * House rules the build enforces that neither the compiler nor the formatter checks: every package
 * of every module's main code has a {@code package-info.java} saying what lives there; ebm-core's
 * packages import each other without a cycle; the command line's classes stay adapters of at most
 * about 200 lines; and the reproductions call the library, not the command line.
 */
class HouseRulesTest {

  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  /** The most lines a class of the command line's package may have. */
  private static final int COMMAND_LINES = 210;

  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);

  private static List<Path> mainSources(String under) throws IOException {
    try (Stream<Path> files = Files.walk(ROOT.resolve(under))) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  @Test
  void everyPackageHasAPackageInfo() throws IOException {
    List<Path> missing;
    try (Stream<Path> files = Files.walk(ROOT)) {
      missing =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> ROOT.relativize(p).toString().matches("ebm-[a-z]+/src/main/java/.*"))
              .map(Path::getParent)
              .distinct()
              .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
              .map(ROOT::relativize)
              .sorted()
              .toList();
    }
    assertEquals(List.of(), missing, "packages without a package-info.java");
  }

  @Test
  void theCorePackagesHaveNoImportCycle() throws IOException {
    Map<String, Set<String>> imports = new TreeMap<>();
    for (Path source : mainSources("ebm-core/src/main/java")) {
      String text = Files.readString(source);
      Matcher declared = PACKAGE.matcher(text);
      if (!declared.find()) {
        continue;
      }
      String from = declared.group(1);
      Set<String> to = imports.computeIfAbsent(from, k -> new TreeSet<>());
      Matcher imported = IMPORT.matcher(text);
      while (imported.find()) {
        String target = packageOf(imported.group(1));
        if (target.startsWith("dev.ebm") && !target.equals(from)) {
          to.add(target);
        }
      }
    }
    List<String> cycles = new ArrayList<>();
    for (String start : imports.keySet()) {
      findCycle(start, start, imports, new ArrayList<>(List.of(start)), new HashSet<>(), cycles);
    }
    assertEquals(List.of(), cycles, "package import cycles in ebm-core");
  }

  /** The package of an imported name: its leading lower-case segments. */
  private static String packageOf(String imported) {
    List<String> parts = new ArrayList<>();
    for (String part : imported.split("\\.")) {
      if (Character.isUpperCase(part.charAt(0))) {
        break;
      }
      parts.add(part);
    }
    return String.join(".", parts);
  }

  private static void findCycle(
      String start,
      String at,
      Map<String, Set<String>> imports,
      List<String> path,
      Set<String> seen,
      List<String> cycles) {
    for (String next : imports.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        cycles.add(String.join(" -> ", path) + " -> " + start);
      } else if (seen.add(next) && next.compareTo(start) > 0) {
        path.add(next);
        findCycle(start, next, imports, path, seen, cycles);
        path.remove(path.size() - 1);
      }
    }
  }

  @Test
  void theCommandLineClassesAreSmallAdapters() throws IOException {
    Map<String, Long> large = new TreeMap<>();
    Path cli = ROOT.resolve("ebm-experiments/src/main/java/dev/ebm/experiments");
    try (Stream<Path> files = Files.list(cli)) {
      for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        long lines = Files.readAllLines(source).size();
        if (lines > COMMAND_LINES) {
          large.put(source.getFileName().toString(), lines);
        }
      }
    }
    assertEquals(Map.of(), large, "command-line classes over " + COMMAND_LINES + " lines");
  }

  @Test
  void theReproductionsCallTheLibraryNotTheCommandLine() throws IOException {
    List<String> offending = new ArrayList<>();
    for (Path source : mainSources("ebm-experiments/src/main/java/dev/ebm/experiments/reproduce")) {
      List<String> lines = Files.readAllLines(source);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.contains("commandLine()")
            || line.contains(".execute(")
            || line.contains("import dev.ebm.experiments.Ebm;")) {
          offending.add(source.getFileName() + ":" + (i + 1) + ": " + line.strip());
        }
      }
    }
    assertEquals(List.of(), offending, "reproductions that run the command line");
  }
}
