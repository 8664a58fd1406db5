package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain length that would run for hours inside one silent session call is refused with the reason
 * before anything is written (the issue's {@code ml:steps=100000000} ran 14 minutes with no
 * output).
 */
class NoSilentHoursTest {

  @TempDir Path dir;

  @Test
  void aChainOfHoursPerStepIsRefusedBeforeAnythingIsWritten() {
    Path run = dir.resolve("ml");
    Cli.Outcome refused =
        Cli.run(
            "train",
            "--data",
            "toy:moons",
            "--method",
            "ml:steps=100000000",
            "--steps",
            "1",
            "--run",
            run.toString());
    assertEquals(2, refused.status(), refused.err());
    assertTrue(
        refused.err().contains("100000000 updates in one call is surely a mistake"), refused.err());
    assertTrue(refused.err().contains("at most 1000000"), refused.err());
    assertFalse(Files.exists(run), "nothing written");
  }
}
