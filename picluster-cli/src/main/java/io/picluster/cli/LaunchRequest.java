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
 */
record LaunchRequest(
    String command, Integer ranks, boolean tagOutput, Map<String, String> env, String target,
    List<String> args, HostOptions hosts) {

  LaunchRequest {
    env = Map.copyOf(env);
    args = List.copyOf(args);
    if (hosts == null) {
      hosts = HostOptions.NONE;
    }
  }

  /** A job on this machine only. */
  LaunchRequest(String command, int ranks, boolean tagOutput, Map<String, String> env,
      String target, List<String> args) {
    this(command, Integer.valueOf(ranks), tagOutput, env, target, args, HostOptions.NONE);
  }

  /** The same request with other host options. */
  LaunchRequest withHosts(HostOptions h) {
    return new LaunchRequest(command, ranks, tagOutput, env, target, args, h);
  }
}
