package io.picluster.setup.keys;

import io.picluster.setup.cluster.Node;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.util.Arrays;

/**
 * The ways of getting a node's password. Builders usually give every Pi the same password, so an
 * empty answer (or, on standard input, the end of it) means "the same as the last node's".
 */
public final class PasswordPrompts {
  private PasswordPrompts() {}

  /** Asks on the terminal, without echo: {@code pi@10.0.0.2's password (node2): }. */
  public static PasswordPrompt console(Console console) {
    char[][] last = {null};
    return node -> {
      String again = last[0] == null ? "" : "; Enter: the same as before";
      char[] typed = console.readPassword("%s@%s's password (%s%s): ", node.user(), node.address(),
          node.name(), again);
      if (typed == null) {
        throw new PasswordPrompt.Unavailable("no password typed for " + node.name()
            + " (end of input)");
      }
      return remember(last, typed, node);
    };
  }

  /**
   * Reads one line per node that needs a password, in the cluster file's order; a blank line or
   * the end of input means the same password as the last one read.
   */
  public static PasswordPrompt lines(BufferedReader in) {
    char[][] last = {null};
    return node -> {
      String line;
      try {
        line = in.readLine();
      } catch (IOException e) {
        throw new PasswordPrompt.Unavailable("cannot read standard input: " + e.getMessage());
      }
      if (line == null && last[0] == null) {
        throw new PasswordPrompt.Unavailable("standard input ended before a password for "
            + node.name() + " (--password-stdin reads one line per node that needs one)");
      }
      return remember(last, line == null ? new char[0] : line.toCharArray(), node);
    };
  }

  /** No way to ask: every node that needs a password fails with REASON. */
  public static PasswordPrompt none(String reason) {
    return node -> {
      throw new PasswordPrompt.Unavailable(reason);
    };
  }

  private static char[] remember(char[][] last, char[] typed, Node node)
      throws PasswordPrompt.Unavailable {
    if (typed.length == 0) {
      if (last[0] == null) {
        throw new PasswordPrompt.Unavailable("no password given for " + node.name());
      }
      return last[0].clone();
    }
    if (last[0] != null) {
      Arrays.fill(last[0], '\0');
    }
    last[0] = typed.clone();
    return typed;
  }
}
