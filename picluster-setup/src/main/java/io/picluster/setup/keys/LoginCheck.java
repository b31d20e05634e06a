package io.picluster.setup.keys;

import io.picluster.setup.cluster.Node;

/**
 * One direction of the proof that keys work: {@code ssh -o BatchMode=yes TO true} run by FROM's
 * user on FROM.
 *
 * @param failure why it failed and the fix; null when it worked
 * @param untestedBecause set when the pair could not be tried at all (then failure is null too)
 */
public record LoginCheck(Node from, Node to, SshFailure failure, String untestedBecause) {
  static LoginCheck works(Node from, Node to) {
    return new LoginCheck(from, to, null, null);
  }

  static LoginCheck fails(Node from, Node to, SshFailure failure) {
    return new LoginCheck(from, to, failure, null);
  }

  static LoginCheck untested(Node from, Node to, String because) {
    return new LoginCheck(from, to, null, because);
  }

  public boolean ok() {
    return failure == null && untestedBecause == null;
  }

  /** {@code node1 -> node2}. */
  public String pair() {
    return from.name() + " -> " + to.name();
  }
}
