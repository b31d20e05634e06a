package io.picluster.setup.install;

import io.picluster.launch.remote.StagedFile;
import io.picluster.setup.remote.NodeShell;
import io.picluster.setup.status.NodeStatus;
import io.picluster.setup.status.StatusTable;
import io.picluster.setup.status.TextTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Puts one picluster jar at {@link InstallLocation} on nodes that passed {@link InstallCheck}, all
 * at once: the jar is sent only where the node's copy has another SHA-256 (measured there by the
 * install probe), and the VERSION file is written where it says something else. The jar arrives
 * under a temporary name, is checked (SHA-256, or its length where the node has no sha256sum) and
 * renamed over the old one, so a running picluster keeps its file and a broken copy leaves the old
 * one in place.
 */
public final class Installer {
  /** What happened on a node. */
  public enum Action {
    COPIED("copied", "would copy"),
    VERSION_WRITTEN("already there (VERSION written)", "already there (would write VERSION)"),
    ALREADY_THERE("already there", "already there"),
    FAILED("failed", "failed");

    private final String words;
    private final String wouldWords;

    Action(String words, String wouldWords) {
      this.words = words;
      this.wouldWords = wouldWords;
    }

    public String words() {
      return words;
    }

    /** As --dry-run says it. */
    public String wouldWords() {
      return wouldWords;
    }
  }

  /** A node's outcome; {@code error} is ssh's or the node's reason when it failed. */
  public record Outcome(NodeStatus status, Action action, String error) {}

  /**
   * Arguments: what ("jar": stdin is the jar; "version": only the VERSION file), SHA-256, version,
   * length, the launcher's cache name for the jar (CHECKSUM/picluster.jar).
   */
  static final String SCRIPT = String.join("\n",
      "d=" + InstallLocation.DIR_SHELL,
      "h=$2 v=$3 n=$4 k=$5",
      "mkdir -p -- \"$d\" || exit 1",
      "t=$d/.picluster.jar.part$$ u=$d/.VERSION.part$$",
      "trap 'rm -f -- \"$t\" \"$u\"' EXIT",
      "trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 141' PIPE; trap 'exit 143' TERM",
      "if [ \"$1\" = jar ]; then",
      "  cat >\"$t\" || exit 1",
      "  if command -v sha256sum >/dev/null 2>&1; then",
      "    c=$(sha256sum <\"$t\") || exit 1",
      "    [ \"${c%% *}\" = \"$h\" ] || { echo \"the jar arrived damaged (the connection broke?);"
          + " the installed one was left as it was\" >&2; exit 1; }",
      "  else",
      "    c=$(wc -c <\"$t\") || exit 1",
      "    [ $c -eq \"$n\" ] || { echo \"the jar arrived incomplete (the connection broke?);"
          + " the installed one was left as it was\" >&2; exit 1; }",
      "  fi",
      "  chmod 644 \"$t\" && mv -f -- \"$t\" \"$d/" + InstallLocation.JAR + "\" || exit 1",
      "fi",
      "printf 'version=%s\\nsha256=%s\\n' \"$v\" \"$h\" >\"$u\" && mv -f -- \"$u\" \"$d/"
          + InstallLocation.VERSION + "\" || exit 1",
      // The launcher's cache (RemoteHost): a launch then finds this picluster there already.
      "if [ -n \"$k\" ]; then",
      "  c=${XDG_CACHE_HOME:-$HOME/.cache}/picluster/$k",
      "  if [ ! -f \"$c\" ]; then",
      "    mkdir -p -- \"${c%/*}\" && chmod 700 \"${c%/*/*}\" && cp -- \"$d/" + InstallLocation.JAR + "\" \"$c.part$$\""
          + " && mv -f -- \"$c.part$$\" \"$c\" || rm -f -- \"$c.part$$\"",
      "  fi",
      "fi",
      "echo picluster-installed",
      "");

  private final Path jar;
  private final String version;
  private final String sha256;
  private final long size;
  private final String cacheName;

  private Installer(Path jar, String version, String sha256, long size, String cacheName) {
    this.jar = jar;
    this.version = version;
    this.sha256 = sha256;
    this.size = size;
    this.cacheName = cacheName;
  }

  /** An installer for {@code jar}, which is picluster {@code version}. */
  public static Installer of(Path jar, String version) throws IOException {
    return new Installer(jar, version, sha256(jar), Files.size(jar),
        StagedFile.of(jar).cacheName());
  }

  public String version() {
    return version;
  }

  public String sha256() {
    return sha256;
  }

  public long size() {
    return size;
  }

  /** "0.1.0 (1a2b3c4d)". */
  public String label() {
    return NodeStatus.label(version, sha256);
  }

  /** What a node needs, from the install probe's findings there. */
  public Action plan(NodeStatus s) {
    if (!sha256.equals(s.jarSha256())) {
      return Action.COPIED;
    }
    return version.equals(s.piclusterVersion()) && sha256.equals(s.piclusterSha256())
        ? Action.ALREADY_THERE : Action.VERSION_WRITTEN;
  }

  /** Installs on every node at once; outcomes in the nodes' order. */
  public List<Outcome> install(List<NodeStatus> nodes) throws InterruptedException {
    Outcome[] outcomes = new Outcome[nodes.size()];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      int k = i;
      Thread t = new Thread(() -> outcomes[k] = installOn(nodes.get(k)),
          "install-" + nodes.get(i).node().name());
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    return List.of(outcomes);
  }

  private Outcome installOn(NodeStatus s) {
    Action action = plan(s);
    if (action == Action.ALREADY_THERE) {
      return new Outcome(s, action, null);
    }
    boolean sendJar = action == Action.COPIED;
    // a minute, plus a second per MiB: a Pi 1's 100 Mbit/s moves about 10 MiB a second
    Duration timeout = Duration.ofSeconds(60 + (sendJar ? size >> 20 : 0));
    NodeShell.Result r = NodeUpload.run(s.node(), SCRIPT, List.of(sendJar ? "jar" : "version",
        sha256, version, Long.toString(size), cacheName), sendJar ? jar : null, timeout);
    if (r.ok() && r.stdout().contains("picluster-installed")) {
      return new Outcome(s, action, null);
    }
    return new Outcome(s, Action.FAILED, r.timedOut()
        ? "no answer within " + timeout.toSeconds() + " s" : r.lastError());
  }

  /** The table install prints: one row per node ({@code dryRun}: what it would do). */
  public static String table(List<Outcome> outcomes, boolean dryRun) {
    TextTable t = new TextTable("NODE", "ADDRESS", "ARCH", "OS", "JAVA", ">FREE", "PICLUSTER");
    for (Outcome o : outcomes) {
      NodeStatus s = o.status();
      t.row(List.of(s.node().name(), s.node().address(), Objects.toString(s.arch(), "-"),
          Objects.toString(s.os(), "-"), Objects.toString(s.javaVersion(), "none"),
          s.homeFreeKib() == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f GiB",
              s.homeFreeKib() / (1024.0 * 1024.0)),
          o.action() == Action.FAILED ? "failed: " + o.error()
              : dryRun ? o.action().wouldWords() : o.action().words()));
    }
    return t.render();
  }

  /** One line per failed node, for stderr. */
  public static List<String> failures(List<Outcome> outcomes) {
    List<String> lines = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.action() == Action.FAILED) {
        lines.add("cannot install picluster on " + StatusTable.who(o.status()) + ": " + o.error());
      }
    }
    return lines;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest d;
    try {
      d = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java has no SHA-256", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        d.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }
}
