package dev.ebm.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The higher-order gradients stay usable when their first registration in a JVM happens while a
 * sampler's while loop is built (in a fresh JVM, since registration happens once per JVM): a
 * second-order gradient built after a garbage collection must not overflow the stack.
 */
class RegistrationInsideAWhileLoopTest {

  @Test
  void gradientsFirstRegisteredInsideAWhileLoopOutliveIt()
      throws IOException, InterruptedException {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FirstRegisteredInAWhileLoop.class.getName())
            .redirectErrorStream(true)
            .start();
    byte[] output = child.getInputStream().readAllBytes();
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child did not end within 2 minutes");
    String log = new String(output, StandardCharsets.UTF_8);
    assertEquals(0, child.exitValue(), log.length() > 4000 ? log.substring(0, 4000) : log);
    assertTrue(log.contains("second-order gradient built"), log);
  }
}
