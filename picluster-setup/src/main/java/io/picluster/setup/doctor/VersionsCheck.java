package io.picluster.setup.doctor;

import io.picluster.setup.install.VersionCheck;
import io.picluster.setup.status.NodeStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Check 6: the same picluster, Java 17 or later, and the same architecture on every node, judged
 * by {@link VersionCheck} against the master (or the first node) from what the status probe found.
 * A node with no picluster installed is a fault when others have one (they differ); when no node
 * has, it is only a warning: launches stage their own copy, and {@code picluster install} makes
 * every node's the same.
 */
public final class VersionsCheck {
  public static final String NAME = "versions";

  private VersionsCheck() {}

  /**
   * One or more lines per node whose status probe answered.
   *
   * @param skip nodes not to judge (ssh failed: the ssh check says why)
   */
  public static List<Check> check(DoctorScope scope, List<NodeStatus> statuses, Set<String> skip) {
    List<NodeStatus> up = new ArrayList<>();
    List<Check> checks = new ArrayList<>();
    for (NodeStatus s : statuses) {
      if (skip.contains(s.node().name())) {
        continue;
      }
      if (s.up()) {
        up.add(s);
      } else {
        checks.add(Check.warn(NAME, s.node().name(), "the status probe did not answer ("
            + s.error() + ")", "run picluster status to see why"));
      }
    }
    if (up.isEmpty()) {
      return checks;
    }
    boolean anyInstalled = up.stream().anyMatch(s -> s.piclusterVersion() != null);
    VersionCheck.Report report =
        VersionCheck.check(up, scope.master().orElse(null), null, null, false);
    Map<String, List<Check>> byNode = new LinkedHashMap<>();
    for (NodeStatus s : up) {
      byNode.put(s.node().name(), new ArrayList<>());
    }
    for (VersionCheck.Finding f : report.findings()) {
      String[] parts = split(f.message());
      List<Check> list = byNode.computeIfAbsent(f.node(), k -> new ArrayList<>());
      if (!anyInstalled && f.message().contains("no picluster installed")) {
        list.add(Check.warn(NAME, f.node(), parts[0] + " (launches stage their own copy)",
            "picluster install puts the same picluster on every node"));
      } else if (f.error()) {
        list.add(Check.fail(NAME, f.node(), parts[0], parts[1]));
      } else {
        list.add(Check.warn(NAME, f.node(), parts[0], parts[1]));
      }
    }
    for (NodeStatus s : up) {
      List<Check> list = byNode.get(s.node().name());
      if (list.isEmpty()) {
        String pic = s.piclusterVersion() == null ? "no picluster installed"
            : "picluster " + s.piclusterLabel();
        checks.add(Check.ok(NAME, s.node().name(), pic + ", Java " + s.javaVersion() + ", "
            + s.arch()));
      } else {
        checks.addAll(list);
      }
    }
    return checks;
  }

  /** VersionCheck's "what is wrong; what to do" as the finding and the fix. */
  static String[] split(String message) {
    int at = message.indexOf("; ");
    if (at < 0) {
      return new String[] {message, "picluster install checks every node and says what it needs"};
    }
    String fix = message.substring(at + 2);
    if (fix.startsWith("run: ")) {
      fix = fix.substring("run: ".length());
    }
    return new String[] {message.substring(0, at), fix};
  }
}
