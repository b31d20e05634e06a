package io.picluster.cli;

import java.util.List;
import java.util.Map;

/**
 * A parsed {@code exec}, {@code run} or {@code java} command line, whichever parser produced it.
 *
 * @param command "exec", "run" or "java"
 * @param ranks {@code -n}, or null when not given
 * @param target the PROGRAM (exec), JOB (run), or main class, source file or jar (java)
 * @param args everything after the target, untouched
 * @param hosts where the ranks go and what is copied there
 * @param java the rest of a {@code java} command line; null for the others
 * @param threads {@code --threads} (true) or {@code --processes} (false); null: the command's
 *     default, threads for {@code run}'s built-in jobs, processes for {@code exec} and {@code java}
 */
record LaunchRequest(
    String command, Integer ranks, boolean tagOutput, Map<String, String> env, String target,
    List<String> args, HostOptions hosts, JavaProgram java, Boolean threads) {

  LaunchRequest {
    env = Map.copyOf(env);
    args = List.copyOf(args);
    if (hosts == null) {
      hosts = HostOptions.NONE;
    }
  }

  /** An {@code exec} or {@code run} request, its ranks as the command does by default. */
  LaunchRequest(String command, Integer ranks, boolean tagOutput, Map<String, String> env,
      String target, List<String> args, HostOptions hosts) {
    this(command, ranks, tagOutput, env, target, args, hosts, null, null);
  }

  /** A {@code java} request. */
  static LaunchRequest java(Integer ranks, boolean tagOutput, Map<String, String> env,
      HostOptions hosts, JavaProgram program) {
    return new LaunchRequest("java", ranks, tagOutput, env, program.target(), program.args(),
        hosts, program, null);
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

  /** The same request with other host options. */
  LaunchRequest withHosts(HostOptions h) {
    return new LaunchRequest(command, ranks, tagOutput, env, target, args, h, java, threads);
  }
}
