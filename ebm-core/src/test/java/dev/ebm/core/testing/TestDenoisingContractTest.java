package dev.ebm.core.testing;

/** The method defined in test code passes the contract every method must pass. */
class TestDenoisingContractTest extends TrainingMethodContract {

  @Override
  protected String methodName() {
    return "test-denoising";
  }
}
