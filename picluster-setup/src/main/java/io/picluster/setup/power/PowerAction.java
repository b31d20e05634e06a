package io.picluster.setup.power;

/** What {@code picluster shutdown} and {@code picluster reboot} do to every node. */
public enum PowerAction {
  POWEROFF("poweroff", "Shut down", "shut down", "shutting down"),
  REBOOT("reboot", "Reboot", "rebooted", "rebooting");

  private final String verb;
  private final String question;
  private final String done;
  private final String doing;

  PowerAction(String verb, String question, String done, String doing) {
    this.verb = verb;
    this.question = question;
    this.done = done;
    this.doing = doing;
  }

  /** systemctl's verb: {@code poweroff} or {@code reboot}. */
  public String verb() {
    return verb;
  }

  /** "Shut down" / "Reboot", to start the question. */
  public String question() {
    return question;
  }

  /** "shut down" / "rebooted", as in "node1 is not shut down". */
  public String done() {
    return done;
  }

  /** "shutting down" / "rebooting". */
  public String doing() {
    return doing;
  }

  /** The command name: shutdown or reboot. */
  public String command() {
    return this == POWEROFF ? "shutdown" : "reboot";
  }
}
