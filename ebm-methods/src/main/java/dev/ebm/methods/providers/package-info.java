/**
 * The methods by name for {@link java.util.ServiceLoader} ({@code esm}, {@code ssm}, {@code
 * ssm-vr}, {@code dsm}, {@code ncsn}, {@code nce}, {@code ml}, {@code improved-cd}): each provider
 * parses its {@code key=value} options, with their defaults, and builds the method.
 */
package dev.ebm.methods.providers;
