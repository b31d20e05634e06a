package io.picluster.setup.install;

import io.picluster.setup.remote.NodeShell;
import io.picluster.setup.status.NodeStatus;
import io.picluster.setup.status.StatusTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code picluster install --deb FILE}: installs picluster's Debian package on every node that
 * passed {@link InstallCheck}, all at once, with {@code dpkg -i} (as root, or through {@code sudo
 * -n}). The package arrives in a temporary file, is checked (SHA-256, or its length) and removed
 * after. A node where the login user is not root and cannot use sudo without a password is named
 * with the fix, as is one without dpkg (not Debian or Raspberry Pi OS).
 */
public final class DebInstaller {
  /** What a Debian package (an ar archive whose first member is debian-binary) starts with. */
  private static final byte[] MAGIC = "!<arch>\ndebian-binary".getBytes(StandardCharsets.US_ASCII);
  static final String NO_SUDO = "picluster-no-sudo";
  static final String NO_DPKG = "picluster-no-dpkg";
  static final String INSTALLED = "picluster-deb-installed";

  /**
   * Arguments: SHA-256, length, then options for dpkg before -i (none when installing for real;
   * tests give --root). Stdin is the package.
   */
  static final String SCRIPT = String.join("\n",
      "h=$1 n=$2; shift 2",
      "command -v dpkg >/dev/null 2>&1 || { echo " + NO_DPKG + "; exit 3; }",
      "if [ \"$(id -u)\" = 0 ]; then s=",
      "elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then s='sudo -n'",
      "else echo " + NO_SUDO + "; exit 3",
      "fi",
      "t=$(mktemp \"${TMPDIR:-/tmp}/picluster-deb.XXXXXX\") || exit 1",
      "trap 'rm -f -- \"$t\"' EXIT",
      "trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 141' PIPE; trap 'exit 143' TERM",
      "cat >\"$t\" || exit 1",
      "if command -v sha256sum >/dev/null 2>&1; then",
      "  c=$(sha256sum <\"$t\") || exit 1",
      "  [ \"${c%% *}\" = \"$h\" ] || { echo 'the package arrived damaged (the connection broke?)' >&2; exit 1; }",
      "else",
      "  c=$(wc -c <\"$t\") || exit 1",
      "  [ $c -eq \"$n\" ] || { echo 'the package arrived incomplete (the connection broke?)' >&2; exit 1; }",
      "fi",
      "chmod 644 \"$t\"",
      "if ! o=$($s dpkg \"$@\" -i \"$t\" 2>&1); then",
      "  printf '%s\\n' \"$o\" >&2",
      "  case $o in *'dependency problems'*) echo 'dpkg -i: a dependency is missing there;"
          + " install a Java runtime (apt-get install openjdk-17-jre-headless) and run again' >&2;; esac",
      "  exit 1",
      "fi",
      "echo " + INSTALLED,
      "");

  /** What happened on a node: {@code error} is null when the package is installed there. */
  public record Outcome(NodeStatus status, String error) {}

  private final Path deb;
  private final String sha256;
  private final long size;
  private final List<String> dpkgOptions;

  private DebInstaller(Path deb, String sha256, long size, List<String> dpkgOptions) {
    this.deb = deb;
    this.sha256 = sha256;
    this.size = size;
    this.dpkgOptions = dpkgOptions;
  }

  /** An installer for the package {@code deb}; an IOException if it is not one. */
  public static DebInstaller of(Path deb) throws IOException {
    if (!Files.isRegularFile(deb)) {
      throw new IOException("--deb " + deb + ": no such file; give the picluster_VERSION_all.deb that"
          + " the build made (picluster-cli/target)");
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(deb)) {
      head = in.readNBytes(MAGIC.length);
    }
    if (!Arrays.equals(head, MAGIC)) {
      throw new IOException("--deb " + deb + ": not a Debian package; give the picluster_VERSION_all.deb"
          + " that the build made (picluster-cli/target)");
    }
    return new DebInstaller(deb, Installer.sha256(deb), Files.size(deb), List.of());
  }

  /** The same package installed with extra dpkg options (tests: {@code --root=DIR}). */
  DebInstaller withDpkgOptions(List<String> options) {
    return new DebInstaller(deb, sha256, size, List.copyOf(options));
  }

  public long size() {
    return size;
  }

  /** Installs on every node at once; outcomes in the nodes' order. */
  public List<Outcome> install(List<NodeStatus> nodes) throws InterruptedException {
    Outcome[] outcomes = new Outcome[nodes.size()];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      int k = i;
      Thread t = new Thread(() -> outcomes[k] = installOn(nodes.get(k)), "install-deb-" + k);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    return List.of(outcomes);
  }

  /** The script's arguments. */
  List<String> arguments() {
    List<String> args = new ArrayList<>(List.of(sha256, Long.toString(size)));
    args.addAll(dpkgOptions);
    return args;
  }

  private Outcome installOn(NodeStatus s) {
    // dpkg itself takes a while on a Pi's SD card: two minutes, plus a second per MiB sent
    Duration timeout = Duration.ofSeconds(120 + (size >> 20));
    NodeShell.Result r = NodeUpload.run(s.node(), SCRIPT, arguments(), deb, timeout);
    return new Outcome(s, judge(s.node().user(), r.ok(), r.stdout(), r.timedOut()
        ? "no answer within " + timeout.toSeconds() + " s" : r.lastError()));
  }

  /** Null if the script installed the package, else the reason with its fix. */
  static String judge(String user, boolean ok, String stdout, String lastError) {
    if (stdout.contains(NO_SUDO)) {
      return user + " is not root there and cannot use sudo without a password; fix: give " + user
          + " sudo for dpkg there (as root: echo '" + user + " ALL=(root) NOPASSWD: /usr/bin/dpkg' >"
          + " /etc/sudoers.d/picluster), or install without --deb (the jar in the home folder)";
    }
    if (stdout.contains(NO_DPKG)) {
      return "there is no dpkg there (not Debian or Raspberry Pi OS); install without --deb";
    }
    if (ok && stdout.contains(INSTALLED)) {
      return null;
    }
    return lastError;
  }

  /** One line per failed node, for stderr. */
  public static List<String> failures(List<Outcome> outcomes, Path deb) {
    List<String> lines = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.error() != null) {
        lines.add("cannot install " + deb.getFileName() + " on " + StatusTable.who(o.status()) + ": "
            + o.error());
      }
    }
    return lines;
  }
}
