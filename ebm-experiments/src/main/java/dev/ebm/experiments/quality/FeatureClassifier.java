package dev.ebm.experiments.quality;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.graph.Feeds;
import dev.ebm.core.graph.Fetched;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.graph.TensorIO;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.io.Directories;
import dev.ebm.core.train.OptimizerConfig;
import dev.ebm.core.train.TrainableVariable;
import dev.ebm.models.layers.Dense;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A small Fashion-MNIST classifier whose last hidden layer is the feature space of the sample
 * quality metric: {@code 784 → hidden → features → 10}, ReLU after both hidden layers, trained with
 * softmax cross-entropy and Adam for a fixed number of epochs in an order drawn from the recipe's
 * seed. It is trained on first use and cached under {@code <cache>/classifiers/fmnist-<hash>},
 * where the hash is that of the recipe, so that every run compares images in the same feature
 * space; its weights are never committed.
 */
public final class FeatureClassifier implements AutoCloseable {

  /**
   * How the classifier is trained. Changing any of it changes the hash, and so the cache entry.
   *
   * @param seed the seed of initialisation and batch order
   * @param hidden the width of the first hidden layer
   * @param features the width of the second, the feature space
   * @param epochs passes over the 60 000 training images
   * @param batch the batch size
   * @param learningRate Adam's learning rate
   */
  public record Recipe(
      long seed, int hidden, int features, int epochs, int batch, double learningRate) {

    /** The recipe every report uses. */
    public static Recipe standard() {
      return new Recipe(1, 256, 64, 3, 128, 1e-3);
    }

    /** The first 16 hex digits of the SHA-256 of this recipe and the architecture's version. */
    public String hash() {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256")
                .digest((ARCHITECTURE + ":" + this).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, 16);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JVM has no SHA-256", e);
      }
    }
  }

  /** Names the network's layout; change it when the code that builds the network changes. */
  private static final String ARCHITECTURE = "fmnist-mlp-relu-v1";

  private static final String WEIGHTS = "weights";
  private static final String ACCURACY = "test-accuracy.txt";
  private static final int EVAL_BATCH = 1000;

  private final Recipe recipe;
  private final ModelGraph<TFloat32> graph;
  private final Placeholder<TFloat32> images;
  private final Placeholder<TInt32> labels;
  private final Operand<TFloat32> features;
  private final Operand<TInt32> correct;
  private final Operand<TFloat32> predicted;
  private final Op update;
  private double testAccuracy = Double.NaN;

  private FeatureClassifier(Recipe recipe) {
    this.recipe = recipe;
    this.graph = ModelGraph.create(TFloat32.class, recipe.seed());
    Ops tf = graph.ops();
    List<Dense> layers =
        List.of(
            new Dense("hidden", FashionMnist.PIXELS, recipe.hidden(), false),
            new Dense("features", recipe.hidden(), recipe.features(), false),
            new Dense("logits", recipe.features(), FashionMnist.CLASSES, false));
    List<ParameterSpec> specs = new ArrayList<>();
    layers.forEach(l -> specs.addAll(l.parameterSpecs()));
    VariableSet<TFloat32> variables = graph.createVariables("classifier", specs);
    Parameters<TFloat32> p = variables.read();
    this.images = graph.placeholder("images", Shape.of(-1, FashionMnist.PIXELS));
    this.labels = tf.withName("labels").placeholder(TInt32.class);
    Operand<TFloat32> h = tf.nn.relu(layers.get(0).apply(tf, images, p));
    this.features = tf.nn.relu(layers.get(1).apply(tf, h, p));
    Operand<TFloat32> logits = layers.get(2).apply(tf, features, p);
    // −mean log softmax(logits)[label], written with ops that have C++ gradients
    // (SparseSoftmaxCrossEntropyWithLogits has none in TensorFlow's C++ registry).
    Operand<TFloat32> oneHot =
        tf.oneHot(labels, tf.constant(FashionMnist.CLASSES), tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> loss =
        tf.math.neg(
            tf.math.mean(
                tf.reduceSum(tf.math.mul(oneHot, tf.nn.logSoftmax(logits)), tf.constant(1)),
                tf.constant(0)));
    Operand<TInt32> argMax = tf.math.argMax(logits, tf.constant(1), TInt32.class);
    this.predicted = tf.dtypes.cast(argMax, TFloat32.class);
    this.correct =
        tf.reduceSum(tf.dtypes.cast(tf.math.equal(argMax, labels), TInt32.class), tf.constant(0));
    List<TrainableVariable<TFloat32>> trainables = new ArrayList<>();
    for (String name : variables.trainableNames()) {
      trainables.add(new TrainableVariable<>(name, variables.variable(name), p.get(name)));
    }
    List<Operand<TFloat32>> gradients =
        Gradients.gradients(loss, trainables.stream().map(TrainableVariable::read).toList());
    List<Operation> after = new ArrayList<>();
    after.add(loss.op());
    gradients.forEach(g -> after.add(g.op()));
    this.update =
        OptimizerConfig.adam(recipe.learningRate())
            .create(graph, tf.withSubScope("optimizer"), trainables)
            .apply(gradients, tf.constant((float) recipe.learningRate()), after);
  }

  /**
   * The classifier of {@code recipe}: read from the cache under {@code cacheRoot}, or trained on
   * {@code data} (reporting progress) and cached there.
   *
   * @throws IOException if the data or the cache cannot be read or written
   */
  public static FeatureClassifier load(
      Recipe recipe, FashionMnist data, Path cacheRoot, Consumer<String> progress)
      throws IOException {
    Path entry = cacheRoot.resolve("classifiers").resolve("fmnist-" + recipe.hash());
    FeatureClassifier classifier = new FeatureClassifier(recipe);
    try {
      if (Files.isRegularFile(entry.resolve(ACCURACY))) {
        classifier.graph.restoreVariables(entry.resolve(WEIGHTS));
        classifier.testAccuracy =
            Double.parseDouble(Files.readString(entry.resolve(ACCURACY)).trim());
        progress.accept(
            "feature classifier "
                + recipe.hash()
                + " from "
                + entry
                + " (test accuracy "
                + classifier.testAccuracy
                + ")");
        return classifier;
      }
      progress.accept(
          "training the feature classifier " + recipe + " (once; cached in " + entry + ")");
      classifier.train(data.train(Integer.MAX_VALUE), progress);
      FashionMnist.Labelled test = data.test(Integer.MAX_VALUE);
      classifier.testAccuracy = classifier.accuracy(test);
      progress.accept("feature classifier test accuracy " + classifier.testAccuracy);
      classifier.save(entry);
      return classifier;
    } catch (IOException | RuntimeException e) {
      classifier.close();
      throw e;
    }
  }

  /** Where the cache lives: {@code $EBM_CACHE}, else {@code ~/.cache/ebm}. */
  public static Path defaultCacheRoot() {
    String configured = System.getenv("EBM_CACHE");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "ebm");
  }

  private void train(FashionMnist.Labelled data, Consumer<String> progress) {
    graph.initialize();
    int n = data.count();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(recipe.seed());
    int b = recipe.batch();
    float[] x = new float[b * FashionMnist.PIXELS];
    int[] y = new int[b];
    for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int start = 0; start + b <= n; start += b) {
        for (int k = 0; k < b; k++) {
          int item = order[start + k];
          System.arraycopy(
              data.pixels(),
              item * FashionMnist.PIXELS,
              x,
              k * FashionMnist.PIXELS,
              FashionMnist.PIXELS);
          y[k] = data.labels()[item];
        }
        try (Feeds feeds = feeds(x, b, y)) {
          graph.run(feeds, List.of(update));
        }
      }
      progress.accept("feature classifier: epoch " + (epoch + 1) + "/" + recipe.epochs());
    }
  }

  /** The share of {@code data} classified correctly. */
  public double accuracy(FashionMnist.Labelled data) {
    long right = 0;
    for (int start = 0; start < data.count(); start += EVAL_BATCH) {
      int count = Math.min(EVAL_BATCH, data.count() - start);
      float[] x = new float[count * FashionMnist.PIXELS];
      System.arraycopy(data.pixels(), start * FashionMnist.PIXELS, x, 0, x.length);
      int[] y = new int[count];
      System.arraycopy(data.labels(), start, y, 0, count);
      try (Feeds feeds = feeds(x, count, y);
          Fetched result = graph.run(feeds, List.of(correct), List.of())) {
        right += Math.round(result.scalar(0));
      }
    }
    return right / (double) data.count();
  }

  /** The accuracy on the 10 000 test images, measured when the classifier was trained. */
  public double testAccuracy() {
    return testAccuracy;
  }

  /** The recipe. */
  public Recipe recipe() {
    return recipe;
  }

  /** The dimension of the feature space. */
  public int featureSize() {
    return recipe.features();
  }

  /**
   * The features of {@code count} images (row-major {@code [count, 784]}, pixels in [0, 1]), as
   * row-major {@code [count, featureSize]}.
   */
  public double[] features(float[] pixels, int count) {
    return evaluate(features, featureSize(), pixels, count);
  }

  /**
   * The class, 0–9, that the classifier gives each of {@code count} images (row-major {@code
   * [count, 784]}, pixels in [0, 1]): the largest of its logits.
   */
  public int[] classes(float[] pixels, int count) {
    double[] predictions = evaluate(predicted, 1, pixels, count);
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = (int) predictions[i];
    }
    return out;
  }

  /** {@code output} ({@code width} values per image) of the images, a batch at a time. */
  private double[] evaluate(Operand<TFloat32> output, int width, float[] pixels, int count) {
    if (pixels.length != count * FashionMnist.PIXELS) {
      throw new IllegalArgumentException(
          count
              + " images of 28×28 need "
              + count * FashionMnist.PIXELS
              + " pixels, got "
              + pixels.length);
    }
    double[] out = new double[count * width];
    for (int start = 0; start < count; start += EVAL_BATCH) {
      int n = Math.min(EVAL_BATCH, count - start);
      float[] x = new float[n * FashionMnist.PIXELS];
      System.arraycopy(pixels, start * FashionMnist.PIXELS, x, 0, x.length);
      try (Feeds feeds =
              Feeds.none()
                  .put(
                      images,
                      TensorIO.tensor(TFloat32.class, Shape.of(n, FashionMnist.PIXELS), x));
          Fetched result = graph.run(feeds, List.of(output), List.of())) {
        double[] values = result.doubles(0);
        System.arraycopy(values, 0, out, start * width, values.length);
      }
    }
    return out;
  }

  private Feeds feeds(float[] x, int count, int[] y) {
    return Feeds.none()
        .put(images, TensorIO.tensor(TFloat32.class, Shape.of(count, FashionMnist.PIXELS), x))
        .put(labels, TInt32.tensorOf(Shape.of(count), DataBuffers.of(y, false, false)));
  }

  /** Writes the weights and accuracy to a fresh directory and moves it into place. */
  private void save(Path entry) throws IOException {
    Files.createDirectories(entry.getParent());
    Path staging = Files.createTempDirectory(entry.getParent(), entry.getFileName() + ".partial-");
    graph.saveVariables(staging.resolve(WEIGHTS));
    Files.writeString(staging.resolve(ACCURACY), Double.toString(testAccuracy));
    try {
      Files.move(staging, entry, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (!Files.isDirectory(entry)) {
        throw e;
      }
      // Another process cached the same recipe first; ours is the same classifier.
      Directories.deleteRecursively(staging);
    }
  }

  @Override
  public void close() {
    graph.close();
  }
}
