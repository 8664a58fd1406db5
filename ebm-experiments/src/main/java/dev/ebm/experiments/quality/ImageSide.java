package dev.ebm.experiments.quality;

import dev.ebm.core.data.IdxFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The side, in pixels, at which a reproduction works on Fashion-MNIST: 28 (the images as published)
 * or a divisor of it such as 14, at which every cost of a convolutional energy falls by the square
 * of the factor {@code f = 28 / side}. A smaller image is average-pooled:
 *
 * <pre>
 *   pooled[r, c] = (1/f²) Σ_{i,j &lt; f} image[f·r + i, f·c + j]
 * </pre>
 *
 * The offline metric's classifier sees 28 × 28 images, so a smaller one is shown to it {@linkplain
 * #restore restored}, each pixel repeated over its f × f block; {@link SampleQuality} restores the
 * real images it compares against the same way ({@linkplain #degrade pooled, then restored}), so
 * that samples are measured against data of their own resolution.
 *
 * @param side the image's side in pixels
 */
public record ImageSide(int side) {

  /** The images as published. */
  public static final ImageSide FULL = new ImageSide(28);

  private static final int FULL_SIDE = 28;

  /**
   * @throws IllegalArgumentException for a side that does not divide 28
   */
  public ImageSide {
    if (side < 1 || FULL_SIDE % side != 0) {
      throw new IllegalArgumentException(
          "the image side must divide 28 (28, 14, 7, 4, 2 or 1), got " + side);
    }
  }

  /** Pixels per image at this side. */
  public int pixels() {
    return side * side;
  }

  /** The pooling factor {@code f = 28 / side}. */
  public int factor() {
    return FULL_SIDE / side;
  }

  /** The shape of {@code count} images at this side, as a sampler's states have it. */
  public long[] shape(int count) {
    return new long[] {count, side, side, 1};
  }

  /** Average-pools row-major 28 × 28 images ({@code [n, 784]}) to this side. */
  public float[] pool(float[] images) {
    int n = count(images.length, FashionMnist.PIXELS);
    int f = factor();
    float[] out = new float[n * pixels()];
    for (int k = 0; k < n; k++) {
      for (int r = 0; r < side; r++) {
        for (int c = 0; c < side; c++) {
          double sum = 0;
          for (int i = 0; i < f; i++) {
            for (int j = 0; j < f; j++) {
              sum += images[k * FashionMnist.PIXELS + (f * r + i) * FULL_SIDE + f * c + j];
            }
          }
          out[k * pixels() + r * side + c] = (float) (sum / (f * f));
        }
      }
    }
    return out;
  }

  /** Row-major images at this side ({@code [n, side²]}) as 28 × 28 ones, each pixel repeated. */
  public float[] restore(float[] images) {
    int n = count(images.length, pixels());
    int f = factor();
    float[] out = new float[n * FashionMnist.PIXELS];
    for (int k = 0; k < n; k++) {
      for (int row = 0; row < FULL_SIDE; row++) {
        for (int col = 0; col < FULL_SIDE; col++) {
          out[k * FashionMnist.PIXELS + row * FULL_SIDE + col] =
              images[k * pixels() + (row / f) * side + col / f];
        }
      }
    }
    return out;
  }

  /** 28 × 28 images as they look at this side: {@code restore(pool(images))}. */
  public float[] degrade(float[] images) {
    return factor() == 1 ? images : restore(pool(images));
  }

  /** The first {@code limit} test images at this side, row-major doubles in [0, 1]. */
  public double[] testImages(FashionMnist data, int limit) throws IOException {
    float[] pooled = pool(data.test(limit).pixels());
    double[] out = new double[pooled.length];
    for (int i = 0; i < pooled.length; i++) {
      out[i] = pooled[i];
    }
    return out;
  }

  /**
   * The file of images a run trains on: the installed training images at 28, else {@code images}
   * (28 × 28, in [0, 1]) pooled to this side and written as an IDX file into {@code directory},
   * each pixel rounded to a whole 1/255 as the format holds it. Every call writes the same bytes,
   * so a resumed run reads the data it started with.
   *
   * @param name the file's name, without its {@code -idx3-ubyte.gz} ending
   */
  public Path writeImages(float[] images, Path directory, String name) throws IOException {
    float[] pooled = pool(images);
    for (int i = 0; i < pooled.length; i++) {
      pooled[i] = Math.round(pooled[i] * 255);
    }
    Path file = directory.resolve(name + "-" + side + "x" + side + "-idx3-ubyte.gz");
    Files.createDirectories(directory);
    new IdxFile(new int[] {pooled.length / pixels(), side, side}, pooled).writeUnsignedBytes(file);
    return file;
  }

  /** The training images a run at this side reads: the installed file itself at 28. */
  public Path trainingImages(FashionMnist data, Path directory) throws IOException {
    return factor() == 1
        ? data.directory().resolve("train-images-idx3-ubyte.gz")
        : writeImages(data.train(Integer.MAX_VALUE).pixels(), directory, "train");
  }

  private static int count(int length, int perImage) {
    if (length % perImage != 0) {
      throw new IllegalArgumentException(
          "expected whole images of " + perImage + " pixels, got " + length + " values");
    }
    return length / perImage;
  }
}
