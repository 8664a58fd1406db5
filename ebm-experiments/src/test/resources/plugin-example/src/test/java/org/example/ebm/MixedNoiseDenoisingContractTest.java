package org.example.ebm;

import dev.ebm.core.testing.TrainingMethodContract;

/** mixed-dsm passes the checks every training method must pass. */
class MixedNoiseDenoisingContractTest extends TrainingMethodContract {

  @Override
  protected String methodName() {
    return "mixed-dsm";
  }

  /** Noise up to σ = 0.5 makes each step's estimate noisier than plain DSM's: more steps. */
  @Override
  protected int trainingSteps() {
    return 800;
  }
}
