/**
 * The {@code ebm} command line ({@link dev.ebm.experiments.Ebm}): {@code list}, {@code train},
 * {@code export}, {@code sample}, {@code score}, {@code compose}, {@code eval}, {@code reproduce},
 * {@code bench} and {@code worker}. Each command is an adapter over the library's API ({@link
 * dev.ebm.api}): it parses its flags into the API's types, calls it, and prints; a setting the
 * library refuses is named by its flag ({@code SettingFlags}).
 */
package dev.ebm.experiments;
