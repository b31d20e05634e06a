package io.picluster.cli;

import java.util.List;
import java.util.Map;

/**
 * A parsed {@code exec} or {@code run} command line, whichever parser produced it.
 *
 * @param command "exec" or "run"
 * @param ranks {@code -n}, or null when not given
 * @param target the PROGRAM (exec) or JOB (run)
 * @param args everything after the target, untouched
 * @param hosts where the ranks go and what is copied there
 * @param threads {@code --threads} (true) or {@code --processes} (false); null: the command's
 *     default, threads for {@code run}'s built-in jobs, processes for {@code exec}
 */
record LaunchRequest(
    String command, Integer ranks, boolean tagOutput, Map<String, String> env, String target,
    List<String> args, HostOptions hosts, Boolean threads) {

  LaunchRequest {
    env = Map.copyOf(env);
    args = List.copyOf(args);
    if (hosts == null) {
      hosts = HostOptions.NONE;
    }
  }

  /** Ranks as the command does by default. */
  LaunchRequest(String command, Integer ranks, boolean tagOutput, Map<String, String> env,
      String target, List<String> args, HostOptions hosts) {
    this(command, ranks, tagOutput, env, target, args, hosts, null);
  }

  /** Whether the ranks on the launcher's host run as threads of its JVM. */
  boolean runsThreads() {
    return threads != null ? threads : command.equals("run");
  }

  /** A job on this machine only. */
  LaunchRequest(String command, int ranks, boolean tagOutput, Map<String, String> env,
      String target, List<String> args) {
    this(command, Integer.valueOf(ranks), tagOutput, env, target, args, HostOptions.NONE);
  }
}
