package io.picluster.cli;

import io.picluster.comm.CommException;
import io.picluster.comm.internal.Cidr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options every launching command shares: how many ranks, whether to tag their output, and which
 * address the ranks bind and advertise (passed to them as PICLUSTER_IFACE / PICLUSTER_NETWORK).
 */
final class LaunchOptions {
  @Option(
      names = {"-n", "-np", "--np"},
      paramLabel = "N",
      description = "Number of ranks (default: one per slot of the hosts; without hosts, one per core).")
  Integer ranks;

  @Option(
      names = {"-l", "--tag-output"},
      description = "Prefix every output line with [rank].")
  boolean tagOutput;

  @Option(
      names = "--threads",
      description = "Run this host's ranks as threads of one JVM (Java programs; the default for run).")
  boolean threads;

  @Option(
      names = "--processes",
      description = "Run every rank as a process of its own (the default for exec).")
  boolean processes;

  /** --threads, --processes, or null for the command's default. */
  Boolean threadsChoice() {
    if (threads && processes) {
      throw new UsageError("give --threads or --processes, not both");
    }
    return threads ? Boolean.TRUE : processes ? Boolean.FALSE : null;
  }

  @Option(
      names = "--iface",
      paramLabel = "IF",
      description = "Ranks use the address of this network interface, e.g. eth0 (the backbone).")
  String iface;

  @Option(
      names = "--network",
      paramLabel = "CIDR",
      description = "Ranks use their address inside this network, e.g. 10.0.0.0/24.")
  String network;

  @Option(
      names = {"--hosts", "-hosts", "--host", "-host", "-H"},
      paramLabel = "HOSTS",
      description = "Hosts to run on, comma-separated, each with optional :SLOTS (e.g. 10.0.0.1,10.0.0.2:4).")
  String hosts;

  @Option(
      names = {"-f", "--hostfile", "-hostfile", "--machinefile", "-machinefile", "-machinesfile"},
      paramLabel = "FILE",
      description = "Hosts from a file: one per line, 'host:slots' (MPICH) or 'host slots=N' (Open MPI).")
  String hostfile;

  @Option(
      names = {"-ppn", "--ppn"},
      paramLabel = "N",
      description = "Ranks per host at a time, instead of each host's slots.")
  Integer perHost;

  @Option(
      names = "--stage",
      paramLabel = "FILE",
      description = "Copy FILE to every host's cache before the start and point arguments naming it there (repeatable).")
  List<String> stage = List.of();

  @Option(
      names = "--cluster",
      paramLabel = "FILE",
      description = "The cluster file to take the hosts from when none are given (default: ~/.config/picluster/cluster.conf, if it exists).")
  String cluster;

  HostOptions hostOptions() {
    return new HostOptions(hosts, hostfile, perHost, stage, cluster);
  }

  /** The address environment plus {@code -genv NAME VALUE} pairs (later ones win). */
  Map<String, String> environment(List<String> genv) {
    Map<String, String> env = addressEnv();
    for (int i = 0; i + 1 < genv.size(); i += 2) {
      env.put(genv.get(i), genv.get(i + 1));
    }
    return env;
  }

  /** The environment that carries the address choice to every rank. */
  Map<String, String> addressEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    if (iface != null) {
      if (iface.isBlank() || iface.contains("/")) {
        throw new UsageError("--iface takes an interface name like eth0, got '" + iface + "'");
      }
      env.put("PICLUSTER_IFACE", iface);
    }
    if (network != null) {
      try {
        Cidr.parse(network);
      } catch (CommException e) {
        throw new UsageError(e.getMessage());
      }
      env.put("PICLUSTER_NETWORK", network);
    }
    return env;
  }
}
