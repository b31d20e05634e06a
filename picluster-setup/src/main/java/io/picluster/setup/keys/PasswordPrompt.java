package io.picluster.setup.keys;

import io.picluster.setup.cluster.Node;

/**
 * Where {@code picluster keys} gets a node's login password from, once per node whose key login
 * fails: the terminal, or standard input with {@code --password-stdin}. Never an argument.
 */
@FunctionalInterface
public interface PasswordPrompt {
  /**
   * The password of NODE's user on NODE. The caller wipes the array when done.
   *
   * @throws Unavailable with a one-line reason when there is no password to be had
   */
  char[] passwordFor(Node node) throws Unavailable;

  /** No password for a node, and why (no terminal, nothing typed, end of input). */
  final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    public Unavailable(String reason) {
      super(reason, null, false, false);
    }
  }
}
