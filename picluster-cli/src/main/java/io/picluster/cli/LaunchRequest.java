package io.picluster.cli;

import java.util.List;
import java.util.Map;

/**
 * A parsed {@code exec} or {@code run} command line, whichever parser produced it.
 *
 * @param command "exec" or "run"
 * @param target the PROGRAM (exec) or JOB (run)
 * @param args everything after the target, untouched
 */
record LaunchRequest(
    String command, int ranks, boolean tagOutput, Map<String, String> env, String target,
    List<String> args) {

  LaunchRequest {
    env = Map.copyOf(env);
    args = List.copyOf(args);
  }
}
