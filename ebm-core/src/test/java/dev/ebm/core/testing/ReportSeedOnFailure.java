package dev.ebm.core.testing;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A JUnit extension for randomised tests: when a test that drew a seed from {@link TestSeeds}
 * fails, its failure message ends with the seed and the command that replays it, e.g. {@code
 * (random seed 42; replay: mvn test -Dtest=SpectralNormTest -Debm.test.seed=42)}.
 */
public final class ReportSeedOnFailure
    implements BeforeEachCallback, TestExecutionExceptionHandler {

  @Override
  public void beforeEach(ExtensionContext context) {
    TestSeeds.forget();
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    Long seed = TestSeeds.current();
    if (seed == null) {
      throw failure;
    }
    String replay =
        " (random seed "
            + seed
            + "; replay: mvn test -Dtest="
            + context.getRequiredTestClass().getSimpleName()
            + " -D"
            + TestSeeds.PROPERTY
            + "="
            + seed
            + ")";
    if (failure instanceof AssertionError) {
      AssertionError withSeed = new AssertionError(failure.getMessage() + replay, failure);
      withSeed.setStackTrace(failure.getStackTrace());
      throw withSeed;
    }
    failure.addSuppressed(new IllegalStateException("the failing test" + replay));
    throw failure;
  }
}
