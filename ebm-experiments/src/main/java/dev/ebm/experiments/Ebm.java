package dev.ebm.experiments;

import dev.ebm.core.config.InvalidSettingException;
import dev.ebm.core.run.StoppedException;
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

  /** Whether errors also show their stack trace. */
  private boolean verbose;

  /**
   * {@code --verbose}: our own debug logging too, and the stack trace of an error; the {@code ebm}
   * launcher also lets TensorFlow's native start-up logging through.
   */
  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description =
          "show debug logging, TensorFlow's native log lines and the stack trace of an error")
  void setVerbose(boolean verbose) {
    this.verbose = verbose;
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
          String message;
          int status = 2;
          if (e instanceof NoSuchFileException missing) {
            message = "no such file: " + missing.getFile();
          } else if (e instanceof InvalidSettingException setting) {
            message = SettingFlags.message(setting);
          } else if (e instanceof StoppedException stopped) {
            message = stopped.getMessage();
            status = stopped.reason().exitStatus();
          } else if (e instanceof TrainingDivergedException) {
            message = e.getMessage() + " (--lr, --clip-norm)";
            status = EXIT_DIVERGED;
          } else if (e instanceof IllegalArgumentException
              || e instanceof IllegalStateException
              || e instanceof java.io.IOException) {
            message = e.getMessage();
          } else {
            throw e;
          }
          commandLine.getErr().println("ebm " + commandLine.getCommandName() + ": " + message);
          if (commandLine.getCommandSpec().root().userObject() instanceof Ebm root
              && root.verbose) {
            e.printStackTrace(commandLine.getErr());
          }
          return status;
        });
    return cli;
  }
}
