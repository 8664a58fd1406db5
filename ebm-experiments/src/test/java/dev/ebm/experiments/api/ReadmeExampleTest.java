package dev.ebm.experiments.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java section shows exactly the code {@link QuickStart} runs, and that code trains,
 * samples, scores, evaluates and exports: its printed line has the README's shape, the learned
 * density is close to the data's and the SavedModel is written.
 */
class ReadmeExampleTest {

  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @TempDir Path dir;

  /** The lines between the markers, without the indentation they have in the method. */
  private static String snippet() throws IOException {
    List<String> lines =
        Files.readAllLines(
            ROOT.resolve("ebm-experiments/src/test/java/dev/ebm/experiments/api/QuickStart.java"));
    int begin = lines.indexOf("    // README:begin");
    int end = lines.indexOf("    // README:end");
    return lines.subList(begin + 1, end).stream()
        .map(line -> line.length() >= 4 ? line.substring(4) : line.strip())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void theReadmeShowsTheExampleThatRuns() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher java = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(java.find(), "README.md has no ```java block");
    String shown =
        Arrays.stream(java.group(1).split("\n"))
            .filter(line -> !line.startsWith("import "))
            .collect(Collectors.joining("\n"))
            .strip();
    assertEquals(snippet().strip(), shown, "README.md's Java example differs from QuickStart");
  }

  @Test
  void theExampleTrainsSamplesScoresEvaluatesAndExports() throws IOException {
    PrintStream old = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      QuickStart.run(dir);
    } finally {
      System.setOut(old);
    }
    String line = printed.toString(StandardCharsets.UTF_8).strip();
    Matcher m =
        Pattern.compile(
                "500 samples, mean log p (-?[\\d.]+); KL\\(data \\|\\| model\\) ([\\d.]+) nats;"
                    + " exported step 3000")
            .matcher(line);
    assertTrue(m.matches(), line);
    // Measured 0.126 nats after 3 000 steps (sliced score matching learns the roll quickly).
    assertTrue(Double.parseDouble(m.group(2)) < 0.5, line);
    assertTrue(Double.parseDouble(m.group(1)) > -3, line);
    assertTrue(Files.exists(dir.resolve("swissroll-export/saved_model.pb")));
  }
}
