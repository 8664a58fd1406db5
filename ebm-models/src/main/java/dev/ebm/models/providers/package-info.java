/**
 * The models by name for {@link java.util.ServiceLoader} ({@code mlp}, {@code convnet}, {@code
 * resnet}, {@code multiscale}): each provider parses its {@code key=value} options, with their
 * defaults and the options every model shares ({@code noise_conditional}, {@code conditioning},
 * {@code sigma}), and builds the model for the data's sample shape.
 */
package dev.ebm.models.providers;
