package dev.ebm.experiments;

import dev.ebm.core.config.InvalidSettingException;
import dev.ebm.core.train.TrainingDivergedException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
      SampleCommand.class,
      ScoreCommand.class,
      ComposeCommand.class,
      EvalCommand.class,
      ReproduceCommand.class,
      BenchCommand.class,
      WorkerCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Ebm implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * {@code --verbose}: our own debug logging too; the {@code ebm} launcher also lets TensorFlow's
   * native start-up logging through.
   */
  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "show debug logging and TensorFlow's native log lines")
  void setVerbose(boolean verbose) {
    if (verbose) {
      java.util.logging.Logger root = java.util.logging.Logger.getLogger("dev.ebm");
      root.setLevel(java.util.logging.Level.FINE);
      for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
        h.setLevel(java.util.logging.Level.FINE);
      }
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * Runs the command line and exits with its status. When the environment names a file descriptor
   * in {@value #STDERR_FD} (the {@code ebm} launcher does, to keep TensorFlow's native logging off
   * the terminal), our own error output goes there.
   */
  public static void main(String[] args) throws IOException {
    if (System.getProperty(LOG_FORMAT) == null) {
      System.setProperty(LOG_FORMAT, "ebm: %4$s: %5$s%6$s%n");
    }
    String fd = System.getenv(STDERR_FD);
    if (fd != null && fd.matches("\\d+")) {
      System.setErr(
          new PrintStream(new FileOutputStream("/dev/fd/" + fd), true, StandardCharsets.UTF_8));
    }
    System.exit(commandLine().execute(args));
  }

  private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

  /** The environment variable naming the file descriptor for our own error output. */
  public static final String STDERR_FD = "EBM_STDERR_FD";

  /** The exit status of {@code ebm train} when its divergence guard stopped the run. */
  public static final int EXIT_DIVERGED = 3;

  /**
   * The command line, with errors printed as one line naming the problem (no stack trace) and exit
   * status 2; a diverged training run exits with {@link #EXIT_DIVERGED}.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Ebm());
    cli.getSubcommands()
        .get("train")
        .getCommandSpec()
        .usageMessage()
        .footer(OptionsHelp.forTrain());
    cli.getSubcommands()
        .get("sample")
        .getCommandSpec()
        .usageMessage()
        .footer(OptionsHelp.forSample());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof NoSuchFileException missing) {
            commandLine
                .getErr()
                .println(
                    "ebm " + commandLine.getCommandName() + ": no such file: " + missing.getFile());
            return 2;
          }
          if (e instanceof InvalidSettingException setting) {
            commandLine
                .getErr()
                .println(
                    "ebm " + commandLine.getCommandName() + ": " + SettingFlags.message(setting));
            return 2;
          }
          if (e instanceof TrainingDivergedException) {
            commandLine
                .getErr()
                .println(
                    "ebm "
                        + commandLine.getCommandName()
                        + ": "
                        + e.getMessage()
                        + " (--lr, --clip-norm)");
            return EXIT_DIVERGED;
          }
          if (e instanceof IllegalArgumentException
              || e instanceof IllegalStateException
              || e instanceof java.io.IOException) {
            commandLine
                .getErr()
                .println("ebm " + commandLine.getCommandName() + ": " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return cli;
  }
}
