/**
 * An offline sample-quality metric for Fashion-MNIST images: the Fréchet distance between real and
 * generated images in the feature space of a small classifier trained inside the framework (an FID
 * analogue), reported beside the same distance for held-out real images (the floor) and for noise
 * (the ceiling).
 */
package dev.ebm.experiments.quality;
