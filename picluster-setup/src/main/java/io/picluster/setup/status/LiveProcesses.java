package io.picluster.setup.status;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ssh clients that probes and installs have running. They run in sessions of their own
 * (setsid), so a Ctrl-C at the terminal reaches only picluster; when picluster ends (Ctrl-C on
 * {@code status --watch}, say), a shutdown hook ends them and what they started, so no probe or
 * half-sent jar outlives the command.
 */
public final class LiveProcesses {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(LiveProcesses::endAll, "picluster-ssh-stop"));
  }

  private LiveProcesses() {}

  public static void add(Process p) {
    LIVE.add(p);
  }

  public static void remove(Process p) {
    LIVE.remove(p);
  }

  private static void endAll() {
    for (Process p : LIVE) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
