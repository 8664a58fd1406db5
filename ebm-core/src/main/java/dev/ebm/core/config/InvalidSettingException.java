package dev.ebm.core.config;

/**
 * A setting with a bad value, or one that does not go with the others: names the setting (as the
 * Java API spells it, e.g. {@code learningRate}) apart from the problem, so that a front end can
 * name it its own way (the command line as its flag, {@code --lr}). The message reads {@code
 * "<setting> <problem>"}.
 */
public final class InvalidSettingException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String setting;
  private final String problem;

  /**
   * {@code setting} has {@code problem}, written to follow the setting's name: e.g. {@code "must be
   * positive, got -1"}.
   */
  public InvalidSettingException(String setting, String problem) {
    super(setting + " " + problem);
    this.setting = setting;
    this.problem = problem;
  }

  /** The setting, as the Java API names it. */
  public String setting() {
    return setting;
  }

  /** What is wrong with it, written to follow its name. */
  public String problem() {
    return problem;
  }
}
