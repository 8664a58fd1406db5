package dev.ebm.experiments.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.api.Samples;
import dev.ebm.api.Sampling;
import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.api.TrainingData;
import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.method.MethodRequirements;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.method.TrainingObjective;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.random.RandomStream;
import dev.ebm.core.sampling.LangevinSampler;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.core.sampling.Sampler;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The sampler and the method that docs/EXTENDING.md writes against the API, compiled and run: a
 * sampler of one's own used through {@link Sampling#with}, and a method given as a Java object that
 * names that sampler as its own, which {@link Sampling#defaults()} then uses.
 */
class ExtendingExampleTest {

  /**
   * Langevin chains followed by one denoising step {@code x ← x + σ²·s(x)} (Tweedie's formula: the
   * posterior mean of a clean point given a point with noise σ).
   */
  static final class DenoisedLangevin implements Sampler {

    private final LangevinSampler chain;
    private final double sigma;

    DenoisedLangevin(LangevinSampler chain, double sigma) {
      this.chain = chain;
      this.sigma = sigma;
    }

    @Override
    public <T extends TFloating> Operand<T> sample(
        Ops tf, EnergyModel model, Parameters<T> parameters, Operand<T> x0, RandomStream stream) {
      Operand<T> x = chain.sample(tf, model, parameters, x0, stream);
      Operand<T> score = Gradients.score(tf, model.energy(tf, x, parameters), x);
      return tf.math.add(x, tf.math.mul(tf.constant(x.type(), sigma * sigma), score));
    }

    @Override
    public String describe() {
      return String.format(
          Locale.ROOT, "%s, then x <- x + %.4g * score(x)", chain.describe(), sigma * sigma);
    }
  }

  /** A method of one's own: denoising score matching that names its sampler. */
  record DenoisingWithItsSampler(TrainingMethod dsm, double sigma) implements TrainingMethod {

    @Override
    public String name() {
      return "dsm-denoised";
    }

    @Override
    public MethodRequirements requirements() {
      return dsm.requirements();
    }

    @Override
    public Map<String, Object> configuration() {
      return Map.of("method", name(), "sigma", sigma);
    }

    @Override
    public <T extends TFloating> TrainingObjective<T> build(TrainingContext<T> context) {
      return dsm.build(context);
    }

    @Override
    public Optional<Sampler> defaultSampler(DataStatistics data) {
      double step = 0.1 * data.rmsStandardDeviation();
      return Optional.of(
          new DenoisedLangevin(LangevinSampler.of(200, new LangevinStep(step, 1)), sigma));
    }
  }

  @Test
  void aSamplerOfOnesOwnAndAMethodThatNamesItRunThroughTheApi() throws IOException {
    Training training =
        Training.on(TrainingData.toy("moons"))
            .method(
                new DenoisingWithItsSampler(
                    TrainingMethodProvider.byName("dsm").create(Options.parse("dsm", "sigma=0.1")),
                    0.1))
            .steps(300)
            .build();
    try (TrainedEnergy energy = training.run()) {
      Samples own = energy.sample(Sampling.defaults().chains(200).trace(0));
      assertTrue(own.updates().get(0).endsWith("then x <- x + 0.01000 * score(x)"));
      Sampler mine = new DenoisedLangevin(LangevinSampler.of(50, new LangevinStep(0.05, 1)), 0.05);
      Samples explicit = energy.sample(Sampling.with(mine).chains(100).trace(0));
      assertEquals(100, explicit.count());
      for (double[] point : explicit.points()) {
        assertTrue(Double.isFinite(point[0]) && Double.isFinite(point[1]));
      }
    }
  }
}
