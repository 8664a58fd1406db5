package dev.ebm.models;

import org.tensorflow.ndarray.Shape;

/** Checks that a convolutional model is given image samples, {@code [height, width, channels]}. */
final class ImageShapes {

  private ImageShapes() {}

  static void requireImage(String model, Shape sampleShape) {
    if (sampleShape.numDimensions() != 3 || sampleShape.hasUnknownDimension()) {
      throw new IllegalArgumentException(
          model
              + " needs image samples of shape [height, width, channels], got "
              + sampleShape
              + "; use the mlp model for flat data");
    }
  }
}
