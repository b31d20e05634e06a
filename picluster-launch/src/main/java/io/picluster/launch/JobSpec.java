package io.picluster.launch;

import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to launch: {@code ranks} copies of {@code command}.
 *
 * @param ranks how many ranks (at least 1)
 * @param command the program and its arguments, the same for every rank
 * @param tagOutput prefix every output line with {@code [rank] }, as {@code mpiexec -l}
 * @param env extra environment for every rank ({@code -genv NAME VALUE}); PMI variables win
 * @param workDir the ranks' working directory; null means the launcher's
 * @param stdin where rank 0 reads from (the others always get EOF); INHERIT means the launcher's
 * @param pmiBindAddress the address the PMI server listens on and that ranks connect to
 */
public record JobSpec(
    int ranks,
    List<String> command,
    boolean tagOutput,
    Map<String, String> env,
    Path workDir,
    Redirect stdin,
    InetAddress pmiBindAddress) {

  public JobSpec {
    if (ranks < 1) {
      throw new IllegalArgumentException("a job needs at least 1 rank, got " + ranks);
    }
    if (command == null || command.isEmpty()) {
      throw new IllegalArgumentException("a job needs a program to run");
    }
    command = List.copyOf(command);
    env = Map.copyOf(new LinkedHashMap<>(env));
    if (stdin == null) {
      stdin = Redirect.INHERIT;
    }
    if (pmiBindAddress == null) {
      pmiBindAddress = InetAddress.getLoopbackAddress();
    }
  }

  /** {@code ranks} copies of {@code command} on this machine, untagged, rank 0 reading our stdin. */
  public static JobSpec of(int ranks, List<String> command) {
    return new JobSpec(ranks, command, false, Map.of(), null, Redirect.INHERIT, null);
  }

  public JobSpec withTagOutput(boolean tag) {
    return new JobSpec(ranks, command, tag, env, workDir, stdin, pmiBindAddress);
  }

  public JobSpec withEnv(Map<String, String> extra) {
    return new JobSpec(ranks, command, tagOutput, extra, workDir, stdin, pmiBindAddress);
  }

  public JobSpec withWorkDir(Path dir) {
    return new JobSpec(ranks, command, tagOutput, env, dir, stdin, pmiBindAddress);
  }

  public JobSpec withStdin(Redirect in) {
    return new JobSpec(ranks, command, tagOutput, env, workDir, in, pmiBindAddress);
  }
}
