package io.picluster.launch.copy;

import io.picluster.launch.remote.SshCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The copy to one other host, over SSH. The first session (the control master) asks the host for
 * the SHA-256 and mode of each destination it has, and then stays open, holding the connection,
 * while each file that differs is sent in a session of its own over it. That session writes a
 * temporary file beside the destination, checks its SHA-256 (its length where the host has no
 * {@code sha256sum}), sets the mode and renames it over the destination: a reader never sees half a
 * file, and a broken connection, a full disk or a refused write leave nothing behind.
 */
final class RemoteCopy {
  private static final String CHECK_BEGIN = "picluster-check";
  private static final String CHECK_END = "picluster-checked";

  /**
   * Arguments: the destinations. Prints, after CHECK_BEGIN, one line per destination: its SHA-256
   * and mode ({@code stat -c %a}, or ? if unknown), {@code dir} for a folder, {@code -} for no
   * readable file; then CHECK_END. Then waits for its input to end, so that the connection stays up
   * for the copies.
   */
  static final String CHECK_SCRIPT =
      String.join(
          "\n",
          "s=; command -v sha256sum >/dev/null 2>&1 || s=no",
          "echo " + CHECK_BEGIN,
          "for f do",
          "  if [ -d \"$f\" ]; then echo dir",
          "  elif [ -f \"$f\" ] && [ -z \"$s\" ] && h=$(sha256sum <\"$f\" 2>/dev/null); then",
          "    m=$(stat -c %a \"$f\" 2>/dev/null) || m='?'",
          "    echo \"${h%% *} ${m:-?}\"",
          "  else echo -",
          "  fi",
          "done",
          "echo " + CHECK_END,
          "read -r x || :");

  /**
   * Arguments: destination, mode (octal), SHA-256, length. Writes stdin to a temporary name beside
   * the destination, checks it, and renames it; the temporary file goes on any failure or signal.
   */
  static final String COPY_SCRIPT =
      String.join(
          "\n",
          "f=$1 m=$2 h=$3 n=$4",
          "d=${f%/*}; [ -n \"$d\" ] || d=/",
          "t=$d/.${f##*/}.picluster-part$$",
          "trap 'rm -f -- \"$t\"' EXIT",
          "trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 141' PIPE; trap 'exit 143' TERM",
          "if [ -d \"$f\" ]; then echo \"$f is a folder there\" >&2; exit 1; fi",
          "mkdir -p -- \"$d\" || exit 1",
          "cat >\"$t\" || exit 1",
          "if command -v sha256sum >/dev/null 2>&1; then",
          "  c=$(sha256sum <\"$t\") || exit 1",
          "  [ \"${c%% *}\" = \"$h\" ] || { echo \"the copy arrived damaged (the connection"
              + " broke?); $f was left as it was\" >&2; exit 1; }",
          "else",
          "  c=$(wc -c <\"$t\") || exit 1",
          "  [ $c -eq \"$n\" ] || { echo \"the copy arrived incomplete (the connection broke?);"
              + " $f was left as it was\" >&2; exit 1; }",
          "fi",
          "chmod \"$m\" \"$t\" && mv -f -- \"$t\" \"$f\"");

  private static final long MASTER_END_SECONDS = 5;

  private final String host;
  private final SshCommand ssh;
  private final List<CopyItem> items;
  private final CopyOutput output;
  private final Leftovers leftovers;
  private final HostTally tally;

  RemoteCopy(String host, SshCommand ssh, List<CopyItem> items, CopyOutput output,
      Leftovers leftovers) {
    this.host = host;
    this.ssh = ssh;
    this.items = items;
    this.output = output;
    this.leftovers = leftovers;
    this.tally = new HostTally(host);
  }

  HostTally run() throws InterruptedException {
    List<String> destinations = new ArrayList<>();
    for (CopyItem item : items) {
      destinations.add(item.destination());
    }
    SshProcess master;
    try {
      master = SshProcess.start(
          ssh.master(host, SshCommand.shell(CHECK_SCRIPT, "picluster-copy", destinations)),
          Redirect.PIPE, Redirect.PIPE);
    } catch (IOException e) {
      failAll("cannot run ssh (" + e.getMessage()
          + "); install the OpenSSH client (apt install openssh-client)");
      return tally;
    }
    leftovers.add(master.process());
    List<String> answers;
    try {
      answers = check(master);
    } catch (IOException e) {
      answers = null;
    }
    if (answers == null) { // ssh could not connect or log in, or the host's shell did not run it
      closeInput(master);
      failAll(hint(master.reason(master.waitFor(MASTER_END_SECONDS))));
      leftovers.remove(master.process());
      return tally;
    }
    try {
      passOn(master);
      for (int i = 0; i < items.size(); i++) {
        CopyItem item = items.get(i);
        String answer = answers.get(i);
        if (answer.equals("dir")) {
          fail(item, item.destination() + " is a folder there");
        } else if (same(answer, item)) {
          tally.alreadyThere();
        } else {
          copy(item);
        }
      }
    } finally {
      end(master);
    }
    return tally;
  }

  /**
   * The host's answer per destination, or null if the session ended first. Lines before the
   * answers are the user's shell start-up files talking; they are passed on.
   */
  private List<String> check(SshProcess master) throws IOException {
    BufferedReader r = new BufferedReader(
        new InputStreamReader(master.stdout(), StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null && !line.equals(CHECK_BEGIN)) {
      output.message("picluster: " + host + " said: " + line);
    }
    if (line == null) {
      return null;
    }
    List<String> answers = new ArrayList<>();
    while (answers.size() < items.size()) {
      line = r.readLine();
      if (line == null) {
        return null;
      }
      answers.add(line);
    }
    line = r.readLine();
    return CHECK_END.equals(line) ? answers : null;
  }

  /** Whether the host's answer shows {@code item} there already: same content and mode. */
  static boolean same(String answer, CopyItem item) {
    String[] parts = answer.split(" ");
    if (parts.length != 2 || !parts[0].equals(item.sha256())) {
      return false;
    }
    if (parts[1].equals("?")) {
      return true; // no stat there: the content decides
    }
    try {
      return (Integer.parseInt(parts[1], 8) & 0777) == item.mode();
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /** Sends one file over the master connection. */
  private void copy(CopyItem item) throws InterruptedException {
    CopyOutput.Transfer transfer = output.start(host, item);
    SshProcess p;
    try {
      p = SshProcess.start(
          ssh.viaMaster(host, SshCommand.shell(COPY_SCRIPT, "picluster-copy", List.of(
              item.destination(), item.modeOctal(), item.sha256(), Long.toString(item.size())))),
          Redirect.PIPE, Redirect.DISCARD);
    } catch (IOException e) {
      fail(item, "cannot run ssh (" + e.getMessage() + ")");
      transfer.finished(false);
      return;
    }
    leftovers.add(p.process());
    MessageDigest digest = Sha256.digest();
    String readError = null;
    boolean cutOff = false;
    OutputStream toHost = p.stdin();
    try (InputStream in = Files.newInputStream(item.source())) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        digest.update(buf, 0, n);
        try {
          toHost.write(buf, 0, n);
        } catch (IOException gone) {
          cutOff = true; // ssh ended: its stderr says why
          break;
        }
        transfer.sent(n);
      }
    } catch (IOException e) {
      readError = e.getMessage();
    }
    try {
      toHost.close(); // the end of the file: the host checks what arrived
    } catch (IOException gone) {
      cutOff = true;
    }
    int code = p.waitFor();
    leftovers.remove(p.process());
    boolean changed = readError == null && !cutOff
        && !Sha256.hex(digest.digest()).equals(item.sha256());
    boolean ok = false;
    if (readError != null) {
      fail(item, "cannot read it here any more: " + readError);
    } else if (changed) {
      fail(item, "it changed while it was being copied; copy it again");
    } else if (code != 0) {
      fail(item, hint(p.reason(code)));
    } else {
      tally.copied();
      ok = true;
    }
    transfer.finished(ok);
  }

  /** Lets the master's session end; passes on what ssh said meanwhile. */
  private void end(SshProcess master) throws InterruptedException {
    closeInput(master);
    master.waitFor(MASTER_END_SECONDS);
    leftovers.remove(master.process());
    passOn(master);
  }

  private static void closeInput(SshProcess p) {
    try {
      p.stdin().close();
    } catch (IOException gone) {
      // already over
    }
  }

  /** What ssh said while it worked (a new host key, a warning), as RemoteHost passes it on. */
  private void passOn(SshProcess master) {
    for (String line : master.newLines()) {
      output.message("picluster: " + host + ": " + line);
    }
  }

  private void fail(CopyItem item, String reason) {
    tally.failed(1);
    output.message("picluster: cannot copy " + item.source() + " to "
        + (item.moved() ? item.destination() + " on " + host : host) + ": " + reason);
  }

  /** The whole host failed (unreachable, refused): one line for all its files. */
  private void failAll(String reason) {
    tally.failed(items.size());
    output.message("picluster: cannot copy " + names(items) + " to " + host + ": " + reason);
  }

  /** {@code a}, {@code a and b}, {@code a, b and 3 more files}. */
  static String names(List<CopyItem> items) {
    if (items.size() == 1) {
      return items.get(0).source().toString();
    }
    if (items.size() == 2) {
      return items.get(0).source() + " and " + items.get(1).source();
    }
    return items.get(0).source() + ", " + items.get(1).source() + " and " + (items.size() - 2)
        + " more files";
  }

  private String hint(String reason) {
    return reason.contains("Permission denied (publickey")
        ? reason + " (copy needs key login without a password prompt; try: ssh " + host + " true)"
        : reason;
  }
}
