package dev.ebm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The whole {@code auto} policy and its parsing: a call holds about 4 000 graph ops, at most 10
 * steps, and runs shorter than 5 000 steps take one step per call.
 */
class StepsPerRunPolicyTest {

  @Test
  void parsesAutoAndPositiveWholeNumbersAndPrintsThemBack() {
    assertEquals(StepsPerRun.auto(), StepsPerRun.parse("--steps-per-run", "auto"));
    assertEquals(StepsPerRun.fixed(4), StepsPerRun.parse("--steps-per-run", "4"));
    assertEquals("auto", StepsPerRun.auto().toString());
    assertEquals("4", StepsPerRun.fixed(4).toString());
  }

  @Test
  void anythingElseIsRefusedNamingTheOptionAndTheValue() {
    for (String value : new String[] {"0", "-2", "1.5", "Auto", ""}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> StepsPerRun.parse("--steps-per-call", value));
      assertEquals(
          "--steps-per-call takes auto or a whole number of at least 1, got '" + value + "'",
          e.getMessage());
    }
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> StepsPerRun.fixed(0));
    assertEquals("steps per run must be at least 1, got 0; or use auto", zero.getMessage());
  }

  @Test
  void autoTakesOneStepPerCallInRunsTooShortToRepayTheLargerGraph() {
    assertEquals(5000, StepsPerRun.AUTO_MIN_STEPS);
    assertEquals(StepsPerRun.fixed(1), StepsPerRun.auto().forRunOf(StepsPerRun.AUTO_MIN_STEPS - 1));
    assertEquals(StepsPerRun.auto(), StepsPerRun.auto().forRunOf(StepsPerRun.AUTO_MIN_STEPS));
    assertEquals(StepsPerRun.fixed(4), StepsPerRun.fixed(4).forRunOf(25));
  }

  @Test
  void autoFillsACallWithAboutFourThousandOpsAndBetweenOneAndTenSteps() {
    assertEquals(4000, StepsPerRun.OPS_PER_CALL);
    assertEquals(10, StepsPerRun.MAX_AUTO_STEPS_PER_RUN);
    StepsPerRun auto = StepsPerRun.auto();
    assertEquals(9, auto.resolve(467)); // 8.57 rounds to 9
    assertEquals(5, auto.resolve(800));
    assertEquals(10, auto.resolve(100)); // 40 is capped at 10
    assertEquals(1, auto.resolve(4000));
    assertEquals(1, auto.resolve(20000)); // 0.2 is raised to 1
    assertEquals(3, StepsPerRun.fixed(3).resolve(1));
    assertThrows(IllegalArgumentException.class, () -> auto.resolve(0));
  }
}
