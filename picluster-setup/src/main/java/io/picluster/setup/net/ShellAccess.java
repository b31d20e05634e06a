package io.picluster.setup.net;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A node's files through a POSIX shell on it: over SSH for another node ({@link NodeShell},
 * BatchMode), or here through sudo when picluster does not run as root. The plan is made here;
 * the node only runs two small scripts, as root ({@code sudo -n} unless already root): one that
 * reports what is there, one that writes the new files (sent base64-encoded as arguments, since
 * SSH gives the scripts no input) the same way {@link RootFolder} does.
 */
public final class ShellAccess implements NodeAccess {
  /** Runs {@code sh -c SCRIPT picluster ARGS...} where the node is. */
  @FunctionalInterface
  public interface Runner {
    NodeShell.Result run(String script, List<String> args, Duration timeout);
  }

  /**
   * Runs the script given as $1 as root: directly as root, else through sudo; "try" runs it
   * unprivileged (saying so first) where sudo cannot be used, "need" fails with exit code 3.
   * $3 "batch" uses sudo -n (never a prompt), "ask" lets sudo ask on the terminal.
   */
  static final String AS_ROOT = String.join("\n",
      "s=$1; how=$2; ask=$3; shift 3",
      "if [ \"$(id -u)\" = 0 ]; then exec sh -c \"$s\" picluster \"$@\"; fi",
      "if ! command -v sudo >/dev/null 2>&1; then",
      "  if [ \"$how\" = try ]; then echo 'unprivileged no-sudo'; exec sh -c \"$s\" picluster \"$@\"; fi",
      "  echo 'picluster-net: no-sudo' >&2; exit 3",
      "fi",
      "if [ \"$ask\" = ask ]; then exec sudo sh -c \"$s\" picluster \"$@\"; fi",
      "if sudo -n true 2>/dev/null; then exec sudo -n sh -c \"$s\" picluster \"$@\"; fi",
      "if [ \"$how\" = try ]; then echo 'unprivileged sudo-password'; exec sh -c \"$s\" picluster \"$@\"; fi",
      "echo 'picluster-net: sudo-password' >&2; exit 3",
      "");

  /**
   * Given the root ("" for /), then the probes and, after "--", the files to read: reports the
   * probes ("probe d|f|- PATH"), the files ("file MODE PATH BASE64"), the IPv4 addresses ("ip
   * BASE64") and the wireless interfaces ("wireless IF").
   */
  static final String READ = String.join("\n",
      "PATH=$PATH:/usr/sbin:/sbin",
      "R=$1; shift",
      "what=probe",
      "for p in \"$@\"; do",
      "  if [ \"$p\" = -- ]; then what=read; continue; fi",
      "  f=$R/$p",
      "  if [ $what = probe ]; then",
      "    if [ -d \"$f\" ]; then k=d; elif [ -e \"$f\" ] || [ -L \"$f\" ]; then k=f; else k=-; fi",
      "    echo \"probe $k $p\"",
      "  elif [ -f \"$f\" ]; then",
      "    if [ -r \"$f\" ] && c=$(base64 < \"$f\"); then",
      "      echo \"file $(stat -c %a \"$f\") $p $(printf '%s' \"$c\" | tr -d '\\n')\"",
      "    else echo \"unreadable $p\"; fi",
      "  elif [ -e \"$f\" ]; then echo \"unreadable $p\"",
      "  else d=${f%/*}; if [ -d \"$d\" ] && ! [ -x \"$d\" ]; then echo \"unreadable $p\"; fi",
      "  fi",
      "done",
      "if command -v ip >/dev/null 2>&1; then",
      "  echo \"ip $(ip -4 -o addr show 2>/dev/null | base64 | tr -d '\\n')\"",
      "fi",
      "for d in /sys/class/net/*; do",
      "  if [ -e \"$d/wireless\" ] || [ -e \"$d/phy80211\" ]; then echo \"wireless ${d##*/}\"; fi",
      "done",
      "");

  /**
   * Given the root ("" for /), writes files given as PATH MODE BACKUP BASE64 (BACKUP empty: no
   * backup), each atomically.
   */
  static final String WRITE = String.join("\n",
      "set -e",
      "umask 077",
      "R=$1; shift",
      "while [ $# -ge 4 ]; do",
      "  p=$1; mode=$2; backup=$3; data=$4; shift 4",
      "  f=$R/$p; d=${f%/*}",
      "  mkdir -p \"$d\"",
      "  tmp=\"$d/.${f##*/}.picluster-new\"",
      "  rm -f \"$tmp\"",
      "  printf '%s' \"$data\" | base64 -d > \"$tmp\"",
      "  chmod \"$mode\" \"$tmp\"",
      "  if [ -e \"$f\" ]; then",
      "    chown --reference=\"$f\" \"$tmp\" 2>/dev/null || true",
      "    if [ -n \"$backup\" ]; then",
      "      b=$R/$backup; bt=\"${b%/*}/.${b##*/}.picluster-new\"",
      "      cp -p \"$f\" \"$bt\"; mv -f \"$bt\" \"$b\"",
      "    fi",
      "  fi",
      "  mv -f \"$tmp\" \"$f\"",
      "done",
      "");

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration ASK_TIMEOUT = Duration.ofMinutes(5);

  private final Node node;
  private final String where;
  private final Runner runner;
  private final boolean ask;
  private final String fixSudo;
  private final String prefix;

  ShellAccess(Node node, String where, Runner runner, boolean ask, String fixSudo) {
    this(node, where, runner, ask, fixSudo, "");
  }

  /** @param prefix a folder the node's paths are under ("" for /): for tests */
  ShellAccess(Node node, String where, Runner runner, boolean ask, String fixSudo,
      String prefix) {
    this.prefix = prefix;
    this.node = node;
    this.where = where;
    this.runner = runner;
    this.ask = ask;
    this.fixSudo = fixSudo;
  }

  /** Another node, over SSH as its login user, with {@code sudo -n} there. */
  public static ShellAccess overSsh(Node node) {
    return new ShellAccess(node, "over ssh " + node.sshTarget(),
        (script, args, timeout) -> NodeShell.run(node, script, args, timeout), false,
        "run picluster net on " + node.name() + " itself or allow passwordless sudo");
  }

  /** This machine, when picluster does not run as root: sudo here (asking on a terminal). */
  public static ShellAccess here(Node node, boolean terminal) {
    return new ShellAccess(node, "here, through sudo",
        (script, args, timeout) -> runHere(node, script, args, timeout), terminal,
        "run picluster net as root or allow passwordless sudo");
  }

  @Override
  public String show(String path) {
    return where.startsWith("over ssh") ? node.name() + ":/" + path : "/" + path;
  }

  @Override
  public String where() {
    return where;
  }

  @Override
  public NodeState read() {
    List<String> args = new ArrayList<>(List.of(READ, "try", ask ? "ask" : "batch", prefix));
    args.addAll(StackDetector.PROBES);
    args.add("--");
    args.addAll(NetPlanner.READS);
    NodeShell.Result r = runner.run(AS_ROOT, args, ask ? ASK_TIMEOUT : READ_TIMEOUT);
    if (!r.ok()) {
      throw failure(r, "reading its network files");
    }
    return parse(r.stdout());
  }

  NodeState parse(String out) {
    Map<String, FileProbe.Kind> probes = new HashMap<>();
    Map<String, NodeState.Content> files = new HashMap<>();
    Set<String> unreadable = new HashSet<>();
    Set<String> wireless = new HashSet<>();
    String reason = "permission denied";
    String ip = null;
    for (String line : out.split("\n")) {
      String[] w = line.split(" ", 4);
      switch (w[0]) {
        case "unprivileged" -> reason = w.length > 1 && w[1].equals("no-sudo")
            ? "sudo is not installed; " + fixWithoutSudo()
            : "sudo needs a password; " + fixSudo;
        case "probe" -> probes.put(w[2], switch (w[1]) {
          case "d" -> FileProbe.Kind.DIRECTORY;
          case "f" -> FileProbe.Kind.FILE;
          default -> FileProbe.Kind.MISSING;
        });
        case "file" -> files.put(w[2], new NodeState.Content(
            new String(Base64.getMimeDecoder().decode(w.length > 3 ? w[3] : ""),
                StandardCharsets.UTF_8),
            Integer.parseInt(w[1], 8)));
        case "unreadable" -> unreadable.add(w[1]);
        case "ip" -> ip = new String(Base64.getMimeDecoder().decode(w.length > 1 ? w[1] : ""),
            StandardCharsets.UTF_8);
        case "wireless" -> wireless.add(w[1]);
        default -> {
          // a login banner or the like: not ours
        }
      }
    }
    Optional<List<WifiSubnet>> wifi = ip == null
        ? Optional.empty()
        : Optional.of(WifiSubnet.parse(ip, wireless));
    return new NodeState(probes, files, unreadable, reason, wifi);
  }

  @Override
  public void write(List<FileChange> changes) {
    List<String> args = new ArrayList<>(List.of(WRITE, "need", ask ? "ask" : "batch", prefix));
    for (FileChange c : changes) {
      args.add(c.path());
      args.add(FileChange.octal(c.afterMode()));
      args.add(c.before() == null ? "" : c.backupPath());
      args.add(Base64.getEncoder().encodeToString(c.after().getBytes(StandardCharsets.UTF_8)));
    }
    NodeShell.Result r = runner.run(AS_ROOT, args, ask ? ASK_TIMEOUT : WRITE_TIMEOUT);
    if (!r.ok()) {
      throw failure(r, "writing its network files");
    }
  }

  /**
   * The fix where there is no sudo to allow: run it as root. "run picluster net on node3 itself
   * or allow passwordless sudo" becomes "... on node3 itself as root"; "run picluster net as root
   * or allow passwordless sudo" (here) becomes "run picluster net as root", not "as root as root".
   */
  private String fixWithoutSudo() {
    String fix = fixSudo.replace(" or allow passwordless sudo", "");
    return fix.endsWith(" as root") ? fix : fix + " as root";
  }

  private NetFileException failure(NodeShell.Result r, String doing) {
    if (r.exitCode() == 3 && r.stderr().contains("picluster-net: sudo-password")) {
      return new NetFileException("sudo needs a password; " + fixSudo);
    }
    if (r.exitCode() == 3 && r.stderr().contains("picluster-net: no-sudo")) {
      return new NetFileException("sudo is not installed; " + fixWithoutSudo());
    }
    if (r.unreachable()) {
      return new NetFileException("cannot reach it " + where + " (" + r.lastError() + "); check"
          + " that it is on and that 'ssh " + node.sshTarget() + "' works without a password"
          + " (picluster keys)");
    }
    return new NetFileException(doing + " failed: " + r.lastError());
  }

  /** {@code sh -c SCRIPT picluster ARGS} on this machine, in this session (so sudo can ask). */
  static NodeShell.Result runHere(Node node, String script, List<String> args,
      Duration timeout) {
    List<String> argv = new ArrayList<>(List.of("sh", "-c", script, "picluster"));
    argv.addAll(args);
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("picluster-net", ".out");
      err = Files.createTempFile("picluster-net", ".err");
      Process p = new ProcessBuilder(argv)
          .redirectInput(Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      return new NodeShell.Result(node, done ? p.exitValue() : -1,
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), !done);
    } catch (IOException e) {
      return new NodeShell.Result(node, -1, "", "cannot run sh: " + e.getMessage(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new NodeShell.Result(node, -1, "", "interrupted", false);
    } finally {
      for (Path p : new Path[] {out, err}) {
        if (p != null) {
          try {
            Files.deleteIfExists(p);
          } catch (IOException ignored) {
            // a temp file left behind is harmless
          }
        }
      }
    }
  }
}
