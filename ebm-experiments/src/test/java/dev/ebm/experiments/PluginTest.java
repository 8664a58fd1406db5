package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training method built as its own module, outside the project ({@code
 * src/test/resources/plugin-example}, the module docs/EXTENDING.md walks through): compiled here
 * into a jar of its own, it passes the contract every method must pass, and the launcher picks it
 * up from {@code EBM_PLUGINS} and trains with it, with nothing of ebm rebuilt.
 */
class PluginTest {

  @TempDir Path dir;

  private static Path example() throws Exception {
    return Path.of(PluginTest.class.getResource("/plugin-example").toURI());
  }

  private static List<String> sources(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    }
  }

  private static void compile(Path sourceRoot, String classPath, Path output) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "-d",
                output.toString(),
                "-cp",
                classPath,
                "--release",
                "17",
                "-Xlint:all",
                "-Werror"));
    arguments.addAll(sources(sourceRoot));
    Files.createDirectories(output);
    assertEquals(0, javac.run(null, null, null, arguments.toArray(String[]::new)), "javac failed");
  }

  /** The example's main classes and services file as a jar. */
  private Path buildPluginJar() throws Exception {
    Path classes = dir.resolve("classes");
    compile(example().resolve("src/main/java"), System.getProperty("java.class.path"), classes);
    Path jar = dir.resolve("ebm-mixed-dsm-1.0.0.jar");
    Path resources = example().resolve("src/main/resources");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Path root : List.of(classes, resources)) {
        try (Stream<Path> files = Files.walk(root)) {
          for (Path file : files.filter(Files::isRegularFile).toList()) {
            out.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
            out.write(Files.readAllBytes(file));
            out.closeEntry();
          }
        }
      }
    }
    return jar;
  }

  @Test
  void aMethodFromItsOwnJarPassesTheContractAndTrainsThroughTheLauncher() throws Exception {
    Path jar = buildPluginJar();

    // The example's own test: the shared contract, run on the plugin's class loader.
    Path testClasses = dir.resolve("test-classes");
    compile(
        example().resolve("src/test/java"),
        System.getProperty("java.class.path") + java.io.File.pathSeparator + jar,
        testClasses);
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader plugin =
        new URLClassLoader(
            new URL[] {jar.toUri().toURL(), testClasses.toUri().toURL()},
            PluginTest.class.getClassLoader())) {
      Thread.currentThread().setContextClassLoader(plugin);
      Class<?> contract = plugin.loadClass("org.example.ebm.MixedNoiseDenoisingContractTest");
      var constructor = contract.getDeclaredConstructor();
      constructor.setAccessible(true);
      Object test = constructor.newInstance();
      int checks = 0;
      for (Method check : contract.getSuperclass().getDeclaredMethods()) {
        if (check.isAnnotationPresent(Test.class) && !Modifier.isStatic(check.getModifiers())) {
          check.setAccessible(true);
          check.invoke(test);
          checks++;
        }
      }
      assertEquals(4, checks, "the contract's checks");
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }

    Map<String, String> env = Map.of("EBM_PLUGINS", jar.toString());
    Launcher.Launched list = Launcher.run(dir, env, "list");
    assertEquals(0, list.status(), list.err());
    assertTrue(list.out().contains("mixed-dsm"), list.out());
    Launcher.Launched trained =
        Launcher.run(
            dir,
            env,
            "train",
            "--data",
            "toy:moons",
            "--model",
            "mlp:hidden=8",
            "--method",
            "mixed-dsm:sigma_max=0.4",
            "--steps",
            "10",
            "--log-every",
            "5",
            "--run",
            dir.resolve("run").toString());
    assertEquals(0, trained.status(), trained.err());
    assertTrue(trained.out().contains("mixed-dsm on mlp"), trained.out());
    Launcher.Launched missing =
        Launcher.run(dir, Map.of("EBM_PLUGINS", dir.resolve("nothing.jar").toString()), "list");
    assertEquals(2, missing.status());
    assertTrue(missing.err().contains("neither a jar nor a directory"), missing.err());
  }
}
