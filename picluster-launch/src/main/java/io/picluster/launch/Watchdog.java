package io.picluster.launch;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tiny {@code sh} process per job and host that outlives its owner (the launcher, or a host's
 * agent) by just long enough to kill the ranks if the owner dies, even by SIGKILL. It reads rank
 * process-group ids, one per line, from a pipe whose write end only the owner holds (the JVM closes
 * every other descriptor in its children); EOF without a final {@code done} means the owner is
 * gone: TERM the groups, wait a second, KILL them, then remove the files the owner named for that
 * case ({@code rm GLOB}, {@code rmdir GLOB}: what the ranks would leave and only the owner would
 * have removed). The owner also uses it to signal groups, which Java cannot do itself.
 */
public final class Watchdog {
  private static final String SCRIPT =
      String.join(
          "\n",
          "trap '' INT HUP",
          "g=",
          "f=",
          "d=",
          "while IFS= read -r l; do",
          "  case $l in",
          "    done) exit 0 ;;",
          "    'rm /'*) f=\"$f ${l#rm }\" ;;",
          "    'rmdir /'*) d=\"$d ${l#rmdir }\" ;;",
          "    term) for p in $g; do kill -TERM -$p 2>/dev/null; done ;;",
          "    kill) for p in $g; do kill -KILL -$p 2>/dev/null; done ;;",
          "    *[!0-9]*|'') ;;",
          "    *) g=\"$g $l\" ;;",
          "  esac",
          "done",
          "for p in $g; do kill -TERM -$p 2>/dev/null; done",
          "sleep 1",
          "for p in $g; do kill -KILL -$p 2>/dev/null; done",
          "for p in $f; do rm -rf -- $p 2>/dev/null; done", // unquoted: the globs expand here
          "for p in $d; do rmdir -- $p 2>/dev/null; done",
          "");

  private final Process process;
  private final OutputStream commands;
  private boolean released;

  private Watchdog(Process process) {
    this.process = process;
    this.commands = process.getOutputStream();
  }

  public static Watchdog start() throws IOException {
    Process p =
        new ProcessBuilder("/bin/sh", "-c", SCRIPT)
            .redirectOutput(Redirect.DISCARD)
            .redirectError(Redirect.DISCARD)
            .start();
    return new Watchdog(p);
  }

  long pid() {
    return process.pid();
  }

  /** From now on the group {@code pgid} dies with the launcher. */
  public void watch(long pgid) throws IOException {
    send(pgid + "\n");
  }

  /**
   * Should the owner die, after the groups are killed: remove what matches {@code removed}
   * (recursively), then those of {@code removedIfEmpty} that are empty folders. Each is an absolute
   * path, globs allowed; one with white space in it is left out (the script splits on it).
   */
  public void removeIfOrphaned(List<String> removed, List<String> removedIfEmpty) {
    for (String glob : removed) {
      sendGlob("rm ", glob);
    }
    for (String glob : removedIfEmpty) {
      sendGlob("rmdir ", glob);
    }
  }

  private void sendGlob(String command, String glob) {
    if (glob.startsWith("/") && glob.chars().noneMatch(c -> c <= ' ' || c == 0x7f)) {
      trySend(command + glob + "\n");
    }
  }

  /** SIGTERM to every watched group. */
  public void terminateAll() {
    trySend("term\n");
  }

  /** SIGKILL to every watched group. */
  public void killAll() {
    trySend("kill\n");
  }

  /**
   * The job is over: kill whatever is left in the groups (stray grandchildren holding our pipes),
   * then let the watchdog exit without further killing.
   */
  public void release() {
    trySend("kill\ndone\n");
    synchronized (this) {
      released = true;
      try {
        commands.close();
      } catch (IOException ignored) {
        // it is exiting anyway
      }
    }
    try {
      // The sweep must have happened before the launcher reads the last output.
      process.waitFor(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void trySend(String s) {
    try {
      send(s);
    } catch (IOException e) {
      // The watchdog is gone; the launcher falls back to killing rank leaders by pid.
    }
  }

  private synchronized void send(String s) throws IOException {
    if (released) {
      throw new IOException("watchdog released");
    }
    commands.write(s.getBytes(StandardCharsets.US_ASCII));
    commands.flush();
  }
}
