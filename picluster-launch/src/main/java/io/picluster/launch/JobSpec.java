package io.picluster.launch;

import io.picluster.launch.hosts.Placement;
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
 * @param pmiBindAddress the address the PMI server listens on and that ranks connect to; null
 *     means loopback for a job on this machine, else the backbone address (see {@link Backbone})
 * @param placement the host of every rank; null means all on this machine
 * @param staging what ranks on other hosts need copied, and how their command changes there
 * @param logins the login user for a host (by its name in the placement), where not ssh's default
 * @param slurmAgents start every host's agent with one srun step of this Slurm allocation, not ssh
 * @param threads null to run every rank as a process of {@code command}; else a {@code java}
 *     command line whose ranks on the launcher's host run as threads of the launcher's JVM (see
 *     {@link io.picluster.launch.threads.JavaCommand}), while other hosts run {@code command}
 */
public record JobSpec(
    int ranks,
    List<String> command,
    boolean tagOutput,
    Map<String, String> env,
    Path workDir,
    Redirect stdin,
    InetAddress pmiBindAddress,
    Placement placement,
    Staging staging,
    Map<String, String> logins,
    boolean slurmAgents,
    List<String> threads) {

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
    if (placement != null && placement.size() != ranks) {
      throw new IllegalArgumentException(
          "the placement has " + placement.size() + " ranks, the job " + ranks);
    }
    if (staging == null) {
      staging = Staging.NONE;
    }
    logins = logins == null ? Map.of() : Map.copyOf(logins);
    threads = threads == null ? null : List.copyOf(threads);
  }

  /** {@code ranks} copies of {@code command} on this machine, untagged, rank 0 reading our stdin. */
  public static JobSpec of(int ranks, List<String> command) {
    return new JobSpec(ranks, command, false, Map.of(), null, Redirect.INHERIT, null, null, null, null, false, null);
  }

  public JobSpec withTagOutput(boolean tag) {
    return new JobSpec(ranks, command, tag, env, workDir, stdin, pmiBindAddress, placement, staging, logins, slurmAgents, threads);
  }

  public JobSpec withEnv(Map<String, String> extra) {
    return new JobSpec(ranks, command, tagOutput, extra, workDir, stdin, pmiBindAddress, placement, staging, logins, slurmAgents, threads);
  }

  public JobSpec withWorkDir(Path dir) {
    return new JobSpec(ranks, command, tagOutput, env, dir, stdin, pmiBindAddress, placement, staging, logins, slurmAgents, threads);
  }

  /** The same job with its ranks placed on hosts (-n must match the placement's size). */
  public JobSpec withPlacement(Placement p, Staging s) {
    return new JobSpec(
        p.size(), command, tagOutput, env, workDir, stdin, pmiBindAddress, p, s, logins, slurmAgents, threads);
  }

  /** The same job logging in to the given hosts (by name in the placement) as the given users. */
  public JobSpec withLogins(Map<String, String> users) {
    return new JobSpec(
        ranks, command, tagOutput, env, workDir, stdin, pmiBindAddress, placement, staging, users, slurmAgents, threads);
  }

  /** The same job with its agents started by one srun step inside this Slurm allocation. */
  public JobSpec withSlurmAgents() {
    return new JobSpec(ranks, command, tagOutput, env, workDir, stdin, pmiBindAddress, placement, staging, logins, true, threads);
  }

  /** The same job with the ranks on the launcher's host run as threads of {@code java} command line. */
  public JobSpec withThreads(List<String> javaCommand) {
    return new JobSpec(ranks, command, tagOutput, env, workDir, stdin, pmiBindAddress, placement, staging, logins, slurmAgents, javaCommand);
  }

  public JobSpec withStdin(Redirect in) {
    return new JobSpec(ranks, command, tagOutput, env, workDir, in, pmiBindAddress, placement, staging, logins, slurmAgents, threads);
  }
}
