package dev.ebm.experiments.quality;

import dev.ebm.core.data.IdxFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The Fashion-MNIST files of Debian's {@code dataset-fashion-mnist} package: 60 000 training and 10
 * 000 test images of 28 × 28 pixels with labels 0–9, read with pixels scaled to [0, 1].
 *
 * @param directory where the four {@code *-ubyte.gz} files are
 */
public record FashionMnist(Path directory) {

  /** Where the Debian package installs the files. */
  public static final Path INSTALLED = Path.of("/usr/share/datasets/fashion-mnist");

  /** Pixels per image. */
  public static final int PIXELS = 28 * 28;

  /** The number of classes. */
  public static final int CLASSES = 10;

  /**
   * Images with their labels.
   *
   * @param pixels row-major {@code [count, 784]}, in [0, 1]
   * @param labels the classes, 0–9
   */
  public record Labelled(float[] pixels, int[] labels) {
    /** The number of images. */
    public int count() {
      return labels.length;
    }

    /** The pixels of the first {@code limit} images whose class passes {@code keep}, row-major. */
    public float[] pixelsOf(IntPredicate keep, int limit) {
      List<Integer> indices = new ArrayList<>();
      for (int i = 0; i < count() && indices.size() < limit; i++) {
        if (keep.test(labels[i])) {
          indices.add(i);
        }
      }
      float[] out = new float[indices.size() * PIXELS];
      for (int k = 0; k < indices.size(); k++) {
        System.arraycopy(pixels, indices.get(k) * PIXELS, out, k * PIXELS, PIXELS);
      }
      return out;
    }

    /** The pixels as doubles, for energies and estimators that take them. */
    public double[] pixelsAsDoubles() {
      double[] out = new double[pixels.length];
      for (int i = 0; i < pixels.length; i++) {
        out[i] = pixels[i];
      }
      return out;
    }
  }

  /**
   * The installed data set.
   *
   * @throws IllegalStateException naming the install command if the files are missing
   */
  public static FashionMnist installed() {
    FashionMnist data = new FashionMnist(INSTALLED);
    for (String name :
        new String[] {"train-images", "train-labels", "t10k-images", "t10k-labels"}) {
      Path file = data.file(name);
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException(
            "Fashion-MNIST is not installed ("
                + file
                + " is missing); install it with: apt-get install -y dataset-fashion-mnist");
      }
    }
    return data;
  }

  /** The first {@code limit} training images and labels. */
  public Labelled train(int limit) throws IOException {
    return read("train", limit);
  }

  /** The first {@code limit} test images and labels. */
  public Labelled test(int limit) throws IOException {
    return read("t10k", limit);
  }

  private Labelled read(String split, int limit) throws IOException {
    IdxFile images = IdxFile.read(file(split + "-images"));
    IdxFile labels = IdxFile.read(file(split + "-labels"));
    int count = Math.min(limit, images.dimensions()[0]);
    float[] pixels = new float[count * PIXELS];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = images.values()[i] / 255f;
    }
    int[] classes = new int[count];
    for (int i = 0; i < count; i++) {
      classes[i] = (int) labels.values()[i];
    }
    return new Labelled(pixels, classes);
  }

  private Path file(String name) {
    return directory.resolve(name + "-idx" + (name.endsWith("images") ? "3" : "1") + "-ubyte.gz");
  }
}
