package io.picluster.setup.install;

import io.picluster.setup.status.NodeStatus;
import io.picluster.setup.status.StatusTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether the nodes match, from their {@link NodeStatus}es: the same picluster (version and jar
 * checksum, as {@code picluster install} recorded them), the same architecture, Java 17 or later
 * everywhere. For {@code doctor} and for launches that check before any job runs.
 *
 * <p>Errors: picluster missing or different on a node; an architecture other than the reference
 * node's (see {@link InstallCheck} for why; a warning with {@code allowMixedArch}); no Java or Java
 * older than 17. Warnings: different Java feature releases; different OS. Nodes that are down are
 * not judged; they are listed in {@link Report#unknown()}.
 */
public final class VersionCheck {
  /** One mismatch, one line naming the node and the fix. */
  public record Finding(boolean error, String node, String message) {}

  /** The findings, errors and warnings in node order, and the nodes that could not be judged. */
  public record Report(List<Finding> findings, List<String> unknown) {
    public Report {
      findings = List.copyOf(findings);
      unknown = List.copyOf(unknown);
    }

    /** No errors (warnings allowed). */
    public boolean ok() {
      return errors().isEmpty();
    }

    public List<Finding> errors() {
      return findings.stream().filter(Finding::error).toList();
    }

    public List<Finding> warnings() {
      return findings.stream().filter(f -> !f.error()).toList();
    }
  }

  private VersionCheck() {}

  /**
   * Checks {@code statuses}.
   *
   * @param reference the name of the node the others must match (the master), or null for the
   *     first node that is up
   * @param version the picluster version every node must have (the launcher's own), or null for
   *     the reference node's
   * @param sha256 the jar checksum every node must have, or null for the reference node's (or, if
   *     {@code version} is given, any)
   * @param allowMixedArch whether a different architecture is only a warning
   */
  public static Report check(List<NodeStatus> statuses, String reference, String version,
      String sha256, boolean allowMixedArch) {
    NodeStatus ref = statuses.stream()
        .filter(s -> s.up() && s.node().name().equals(reference)).findFirst()
        .orElseGet(() -> statuses.stream().filter(NodeStatus::up).findFirst().orElse(null));
    List<Finding> findings = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    String wantVersion = version;
    String wantSha = sha256;
    String whose; // whose picluster the others must have, for messages
    if (version != null) {
      whose = "this picluster is " + NodeStatus.label(version, sha256);
    } else if (ref != null && ref.piclusterVersion() != null) {
      wantVersion = ref.piclusterVersion();
      wantSha = ref.piclusterSha256();
      whose = ref.node().name() + " has " + ref.piclusterLabel();
    } else {
      whose = null;
    }
    for (NodeStatus s : statuses) {
      String name = s.node().name();
      if (!s.up()) {
        unknown.add(name);
        continue;
      }
      String who = StatusTable.who(s);
      if (s.piclusterVersion() == null) {
        findings.add(new Finding(true, name, who + " has no picluster installed; run: picluster"
            + " install"));
      } else if (wantVersion != null && (!s.piclusterVersion().equals(wantVersion)
          || wantSha != null && !Objects.equals(s.piclusterSha256(), wantSha))) {
        findings.add(new Finding(true, name, who + " has picluster " + s.piclusterLabel() + " but "
            + whose + "; run: picluster install (it puts the same one on every node)"));
      }
      String java = InstallCheck.javaProblem(s);
      if (java != null) {
        findings.add(new Finding(true, name, java));
      }
      if (ref != null && s != ref) {
        String arch = InstallCheck.archProblem(s, ref, allowMixedArch);
        if (arch != null) {
          findings.add(new Finding(!allowMixedArch, name, arch));
        }
        if (java == null && InstallCheck.javaProblem(ref) == null
            && s.javaMajor() != ref.javaMajor()) {
          findings.add(new Finding(false, name, who + " has Java " + s.javaVersion() + " but "
              + ref.node().name() + " has " + ref.javaVersion() + "; the same Java on every node"
              + " avoids surprises (" + InstallCheck.JAVA_FIX + ")"));
        }
        String os = InstallCheck.osProblem(s, ref);
        if (os != null) {
          findings.add(new Finding(false, name, os));
        }
      }
    }
    return new Report(findings, unknown);
  }
}
