package io.picluster.launch.bootstrap;

import io.picluster.launch.LaunchException;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How the launcher starts a process on a host, after MPICH Hydra's bootstrap servers: {@code fork}
 * (this machine: the launcher's own ranks, and an agent's), {@code ssh} (another host's agent, over
 * one master connection per host) and {@code slurm} (every node's agent in one srun step of the
 * allocation the launcher runs in). Which one a job's host gets is decided in one place, the
 * launcher's {@code HostBootstraps}.
 */
public interface Bootstrap extends AutoCloseable {
  /** Hydra's name for it: fork, ssh or slurm. */
  String name();

  /**
   * Whether HOST sees this machine's files at the same paths, so that nothing needs staging: true
   * for fork, and for slurm (an allocation's nodes share the home folder); false for ssh.
   */
  boolean sharesFiles();

  /**
   * Starts COMMAND on HOST. The process's stdout and stderr are pipes to read.
   *
   * <ul>
   *   <li>fork: COMMAND runs here in a new session (its process-group id is its pid), with ENV as
   *       its complete environment, in WORKDIR (null: ours).
   *   <li>ssh: COMMAND runs in HOST's login shell, in its home folder and environment (ENV must be
   *       empty and WORKDIR null); the first process opens HOST's connection, later ones share it.
   *   <li>slurm: COMMAND is the agent's java and jar; the first launch starts the step that runs
   *       the agent on every node, and each launch returns HOST's agent once it has connected back.
   * </ul>
   *
   * @throws IOException when the process cannot be started (fork)
   * @throws LaunchException when HOST cannot be reached, with a message for the user (ssh, slurm)
   */
  Process launch(String host, List<String> command, Map<String, String> env, Path workDir,
      Redirect stdin) throws IOException, LaunchException;

  /**
   * Whether a host's session should start as soon as the host is made, while the launcher sets up
   * the rest of the job: true for ssh (a login and the agent's JVM take hundreds of ms); false for
   * fork (nothing to wait for) and slurm (its step starts earlier still, once for every node).
   */
  default boolean startsSessionsEarly() {
    return false;
  }

  /** The job is over: frees what the bootstrap holds (connections, the step). */
  @Override
  void close();
}
