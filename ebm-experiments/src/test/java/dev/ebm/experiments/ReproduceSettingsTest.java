package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code ebm reproduce}'s named settings: {@code --list} shows the {@code --cpu} setting of an
 * image reproduction; {@code --cpu} with {@code --quick}, or on a reproduction without one, is
 * refused before anything runs, saying why.
 */
class ReproduceSettingsTest {

  @Test
  void theListShowsTheCpuSettingOfAnImageReproduction() {
    Cli.Outcome listed = Cli.run("reproduce", "--list");
    assertEquals(0, listed.status(), listed.err());
    String ncsn = listed.out().substring(listed.out().indexOf("ncsn-fmnist"));
    assertTrue(
        ncsn.contains("--cpu: checkpoints=5000:10000:20000:30000,batch=64,filters=16,chains=500"),
        ncsn);
  }

  @Test
  void everyImageReproductionHasACpuSettingAndTheCostlyOnesWorkAt14Pixels() {
    String listed = Cli.run("reproduce", "--list").out();
    for (String name :
        new String[] {"icd-fmnist", "anatomy-longrun", "ood-fmnist", "compose-fmnist"}) {
      String entry = listed.substring(listed.indexOf("\n" + name));
      String cpu =
          entry.substring(entry.indexOf("--cpu:"), entry.indexOf('\n', entry.indexOf("--cpu:")));
      assertTrue(cpu.contains("side=14"), name + ": " + cpu);
    }
  }

  @Test
  void quickAndCpuTogetherAreRefused() {
    Cli.Outcome run = Cli.run("reproduce", "ncsn-fmnist", "--quick", "--cpu");
    assertEquals(2, run.status(), run.err());
    assertTrue(run.err().contains("choose one"), run.err());
  }

  @Test
  void cpuOnAReproductionWithoutOneIsRefused() {
    Cli.Outcome run = Cli.run("reproduce", "ncsn-toy", "--cpu");
    assertEquals(2, run.status(), run.err());
    assertTrue(run.err().contains("ncsn-toy has no --cpu setting"), run.err());
  }
}
