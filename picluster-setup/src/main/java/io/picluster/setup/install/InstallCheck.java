package io.picluster.setup.install;

import io.picluster.setup.status.NodeStatus;
import io.picluster.setup.status.StatusTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether each node can take picluster, from what {@link io.picluster.setup.status.StatusProbe}
 * found there: reachable, Java 17 or later on the login user's PATH, enough free space in the home
 * folder, and the master's architecture. Each problem is one line naming the node and the fix.
 *
 * <p><b>Architecture</b>: picluster itself is pure Java and would run on any mix, but the programs
 * {@code exec} starts (native MPI-style binaries, scripts with native modules) and anything built
 * on one node for the others do not, and a mixed cluster fails in confusing ways at run time (see
 * mpich#6008: "heterogeneous computing is not supported"). So a node whose {@code uname -m}
 * differs from the master's is an error, stated before anything is installed; {@code --mixed-arch}
 * makes it a warning for clusters that only run pure-Java jobs. A different OS is a warning.
 */
public final class InstallCheck {
  /** The Java picluster is built for. */
  public static final int MIN_JAVA = 17;

  /** The least free space a node needs in the home folder (the jar is a few MiB). */
  public static final long MIN_FREE_BYTES = 100L << 20;

  /** How to get Java on Debian and Raspberry Pi OS. */
  public static final String JAVA_FIX = "sudo apt install openjdk-17-jre-headless";

  /** A node's problem: an error stops the install, a warning is printed. */
  public record Problem(NodeStatus node, boolean error, String message) {}

  private InstallCheck() {}

  /**
   * The problems of every node, in node order.
   *
   * @param reference the node whose architecture and OS the others must have (the master), or
   *     null to use the first node that is up
   * @param mixedArch whether a different architecture is only a warning
   * @param jarBytes the jar's size: a node needs room for it twice (the copy, then the rename)
   */
  public static List<Problem> check(List<NodeStatus> statuses, NodeStatus reference,
      boolean mixedArch, long jarBytes) {
    NodeStatus ref = reference != null && reference.up() ? reference
        : statuses.stream().filter(NodeStatus::up).findFirst().orElse(null);
    List<Problem> problems = new ArrayList<>();
    for (NodeStatus s : statuses) {
      if (!s.up()) {
        problems.add(new Problem(s, true, unreachable(s)));
        continue;
      }
      String java = javaProblem(s);
      if (java != null) {
        problems.add(new Problem(s, true, java));
      }
      if (ref != null && s != ref) {
        String arch = archProblem(s, ref, mixedArch);
        if (arch != null) {
          problems.add(new Problem(s, !mixedArch, arch));
        }
        String os = osProblem(s, ref);
        if (os != null) {
          problems.add(new Problem(s, false, os));
        }
      }
      long need = Math.max(MIN_FREE_BYTES, 2 * jarBytes);
      if (s.homeFreeKib() != null && s.homeFreeKib() * 1024 < need) {
        problems.add(new Problem(s, true, String.format(Locale.ROOT,
            "%s has only %d MiB free in %s's home folder, picluster needs %d MiB; free some space"
                + " there (see df -h ~ and du -sh ~/*; sudo apt clean helps)",
            StatusTable.who(s), s.homeFreeKib() / 1024, s.node().user(), need >> 20)));
      }
    }
    return problems;
  }

  /** The line for a node that did not answer. */
  public static String unreachable(NodeStatus s) {
    return StatusTable.who(s) + " cannot be reached (" + s.error() + "); check that it is on"
        + " and that 'ssh " + s.node().sshTarget() + " true' works without a password ('picluster"
        + " keys' sets that up)";
  }

  /** No Java, or one older than 17, or one whose version cannot be told; null if fine. */
  public static String javaProblem(NodeStatus s) {
    if (s.javaPath() == null) {
      return StatusTable.who(s) + " has no Java (no java on " + s.node().user() + "'s PATH"
          + " there); install it there: " + JAVA_FIX;
    }
    int major = s.javaMajor();
    if (major == 0) {
      return StatusTable.who(s) + ": cannot tell the version of " + s.javaPath() + " there; check"
          + " that 'ssh " + s.node().sshTarget() + " java -version' works, or install Java: "
          + JAVA_FIX;
    }
    if (major < MIN_JAVA) {
      return StatusTable.who(s) + " has Java " + s.javaVersion() + " (" + s.javaPath() + "),"
          + " picluster needs " + MIN_JAVA + " or later; install it there: " + JAVA_FIX
          + " (then make it the default: sudo update-alternatives --config java)";
    }
    return null;
  }

  /** A different {@code uname -m} from the reference node's; null if the same or unknown. */
  public static String archProblem(NodeStatus s, NodeStatus ref, boolean mixedArch) {
    if (s.arch() == null || ref.arch() == null || s.arch().equals(ref.arch())) {
      return null;
    }
    String what = StatusTable.who(s) + " is " + s.arch() + " but " + ref.node().name() + " is "
        + ref.arch();
    return mixedArch
        ? what + "; only pure-Java jobs will run the same on every node"
        : what + "; put the same OS image (the same architecture, e.g. 64-bit Raspberry Pi OS,"
            + " aarch64) on every node, or give --mixed-arch if your jobs are pure Java";
  }

  /** A different OS from the reference node's (a warning); null if the same or unknown. */
  public static String osProblem(NodeStatus s, NodeStatus ref) {
    if (s.os() == null || ref.os() == null || Objects.equals(s.os(), ref.os())) {
      return null;
    }
    return StatusTable.who(s) + " runs " + s.os() + " but " + ref.node().name() + " runs "
        + ref.os() + "; the same OS image on every node avoids surprises";
  }
}
