package io.picluster.launch;

import io.picluster.launch.bootstrap.Bootstrap;
import io.picluster.launch.bootstrap.ForkBootstrap;
import io.picluster.launch.hosts.Host;
import io.picluster.launch.remote.SrunAgents;
import io.picluster.launch.remote.SshBootstrap;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one place that decides how a job's host gets its ranks started (Hydra's bootstrap choice):
 * inside a Slurm allocation every host, this one too, gets an agent from the allocation's srun step
 * ({@code slurm}: no ssh, and Slurm tracks, accounts and cancels every rank as part of the job);
 * otherwise this machine forks its ranks itself ({@code fork}) and every other host gets an agent
 * over ssh ({@code ssh}). Each bootstrap is made once, when a host first needs it, and closed with
 * the job.
 */
final class HostBootstraps implements AutoCloseable {
  private final JobSpec spec;
  private final Map<Host, Boolean> local;
  private final InetAddress launcherAddress;
  private final Consumer<String> messages;
  /** Copy-on-write: the shutdown hook may close them while the job's hosts are still being made. */
  private final List<Bootstrap> made = new CopyOnWriteArrayList<>();
  private Bootstrap fork;
  private Bootstrap ssh;
  private SrunAgents slurm;

  /**
   * @param local the job's hosts, each marked whether it is this machine
   * @param launcherAddress where agents started by srun connect back to; null for a job without
   *     them (its ssh sessions start before the launcher's address is looked up)
   */
  HostBootstraps(JobSpec spec, Map<Host, Boolean> local, InetAddress launcherAddress,
      Consumer<String> messages) {
    this.spec = spec;
    this.local = local;
    this.launcherAddress = launcherAddress;
    this.messages = messages;
  }

  /**
   * Inside an allocation: starts the step of the agents at once (see {@link SrunAgents#startEarly}),
   * with the agents' JAVA and JAR as the hosts' sessions will ask for them.
   */
  void startSrunStepEarly(String java, String jar) throws LaunchException {
    srunAgents().startEarly(java, jar);
  }

  /** The bootstrap of the ranks on HOST; null for a job without placement (all ranks here). */
  Bootstrap forHost(Host host) throws IOException, LaunchException {
    if (host != null && spec.slurmAgents()) {
      return srunAgents();
    }
    if (host == null || local.get(host)) {
      if (fork == null) {
        fork = made(new ForkBootstrap());
      }
      return fork;
    }
    if (ssh == null) {
      ssh = made(new SshBootstrap());
    }
    return ssh;
  }

  private SrunAgents srunAgents() throws LaunchException {
    if (slurm == null) {
      // A job run as threads runs its ranks as threads of the agents (RunningJob#makeHosts).
      slurm = made(new SrunAgents(nodeNames(), launcherAddress, spec.threads() != null,
          RemoteRanks.CONNECT_TIMEOUT, messages));
    }
    return slurm;
  }

  private List<String> nodeNames() {
    List<String> nodes = new ArrayList<>();
    for (Host h : local.keySet()) {
      nodes.add(h.name());
    }
    return nodes;
  }

  private <B extends Bootstrap> B made(B b) {
    made.add(b);
    return b;
  }

  /**
   * Ends the srun step and the ssh sockets' folder; call after every host's session is closed (the
   * job's end, or the shutdown hook's; twice does no harm).
   */
  @Override
  public void close() {
    for (Bootstrap b : made) {
      b.close();
    }
  }
}
