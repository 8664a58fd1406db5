/**
 * Configuration helpers: {@link dev.ebm.core.config.Options} parses the {@code key=value} options
 * that select and configure models and methods by name, and {@link
 * dev.ebm.core.config.NamedServices} finds implementations through {@link java.util.ServiceLoader}.
 */
package dev.ebm.core.config;
