package dev.ebm.methods.contract;

import dev.ebm.core.testing.TrainingMethodContract;
import org.junit.jupiter.api.Nested;

/**
 * The shipped methods that train the analytic Gaussian energy directly pass the shared contract of
 * {@link TrainingMethodContract}.
 */
class ShippedMethodContractsTest {

  @Nested
  class ExactScoreMatching extends TrainingMethodContract {
    @Override
    protected String methodName() {
      return "esm";
    }
  }

  @Nested
  class SlicedScoreMatching extends TrainingMethodContract {
    @Override
    protected String methodName() {
      return "ssm-vr";
    }
  }

  @Nested
  class DenoisingScoreMatching extends TrainingMethodContract {
    @Override
    protected String methodName() {
      return "dsm";
    }

    @Override
    protected String options() {
      return "sigma=0.3";
    }
  }

  @Nested
  class NoiseContrastiveEstimation extends TrainingMethodContract {
    @Override
    protected String methodName() {
      return "nce";
    }
  }
}
