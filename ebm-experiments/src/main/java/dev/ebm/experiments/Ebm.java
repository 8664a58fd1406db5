package dev.ebm.experiments;

import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ebm} command line: train energy models, reproduce the papers' experiments, export
 * SavedModels and benchmark the standard workloads.
 */
@Command(
    name = "ebm",
    mixinStandardHelpOptions = true,
    version = "ebm 0.1.0",
    description = "Energy-based models on TensorFlow Java.",
    subcommands = {
      ListCommand.class,
      TrainCommand.class,
      ExportCommand.class,
      ReproduceCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Ebm implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, with errors printed as one line naming the problem (no stack trace). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Ebm());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof NoSuchFileException missing) {
            commandLine.getErr().println("ebm " + commandLine.getCommandName() + ": no such file: " + missing.getFile());
            return 2;
          }
          if (e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof java.io.IOException) {
            commandLine.getErr().println("ebm " + commandLine.getCommandName() + ": " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return cli;
  }
}
