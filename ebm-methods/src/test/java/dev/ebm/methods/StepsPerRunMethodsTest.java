package dev.ebm.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ebm.core.config.Options;
import dev.ebm.core.data.Batcher;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.core.train.OptimizerConfig;
import dev.ebm.core.train.ProgramConfig;
import dev.ebm.core.train.StepsPerRun;
import dev.ebm.core.train.Trainer;
import dev.ebm.core.train.TrainerConfig;
import dev.ebm.core.train.TrainingProgram;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Every method computes, bit for bit, the same training run whether each session call runs one step
 * or several: its own variables (NCE's log Z, replay buffers, persistent chains), its samplers'
 * while loops and its random draws are repeated per step in the graph, each step reading what the
 * previous one wrote.
 */
class StepsPerRunMethodsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "esm|",
        "ssm|probes=2,distribution=rademacher",
        "ssm-vr|probes=1",
        "dsm|sigma=0.2",
        "ncsn|",
        "nce|nu=2",
        "ml|chains=persistent,steps=5",
        "ml|chains=noise,steps=5,alpha=0.1",
        "ml|chains=replay,steps=5,buffer=64",
        "ml|chains=replay,steps=5,buffer=64,sampler=mala",
        "improved-cd|steps=5,buffer=64,entropy_references=32"
      })
  void threeStepsPerCallComputeWhatOneStepPerCallComputes(String spec) throws IOException {
    Map<String, double[]> one = train(spec, 1);
    // Seven steps at three per call: calls of 3, 3 and 1.
    Map<String, double[]> three = train(spec, 3);
    assertEquals(one.keySet(), three.keySet());
    for (String name : one.keySet()) {
      assertArrayEquals(one.get(name), three.get(name), 0.0, spec + ": " + name);
    }
  }

  /** Live and averaged parameters and the learned log Z (if any) after 7 steps. */
  private static Map<String, double[]> train(String spec, int stepsPerRun) throws IOException {
    String[] parts = spec.split("\\|", -1);
    TrainingMethod method =
        TrainingMethodProvider.byName(parts[0]).create(Options.parse(parts[0], parts[1]));
    EnergyModel model =
        EnergyModelProvider.byName("mlp")
            .create(
                Shape.of(2),
                Options.parse(
                    "mlp",
                    method.requirements().noiseConditional()
                        ? "hidden=16,noise_conditional=true,sigma=0.1"
                        : "hidden=16"));
    Dataset data = Dataset.of(MethodsContractTest.sample(), Shape.of(2));
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, 3)) {
      TrainingProgram<TFloat32> program =
          TrainingProgram.build(
              graph,
              model,
              method,
              ProgramConfig.of(OptimizerConfig.adam(1e-2)).withEma(0.9),
              DataStatistics.of(data),
              32,
              StepsPerRun.fixed(stepsPerRun));
      assertEquals(stepsPerRun, program.stepsPerRun());
      new Trainer<>(program, new Batcher(data, 32, 1, true), TrainerConfig.inMemory(7), List.of())
          .train();
      Map<String, double[]> out = new LinkedHashMap<>();
      ParameterSnapshot.read(graph, program.modelVariables().detachedRead(graph.ops()))
          .values()
          .forEach((name, value) -> out.put("live/" + name, value));
      ParameterSnapshot.read(graph, program.finalParameters())
          .values()
          .forEach((name, value) -> out.put("averaged/" + name, value));
      program.finalLogPartition().ifPresent(logZ -> out.put("log_z", graph.evaluate(logZ)));
      return out;
    }
  }
}
