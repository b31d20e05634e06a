package io.picluster.cli;

import io.picluster.comm.CommException;
import io.picluster.comm.internal.BackboneAddress;
import io.picluster.jobs.Job;
import io.picluster.jobs.Jobs;
import io.picluster.launch.JobSpec;
import io.picluster.launch.LaunchException;
import io.picluster.launch.Launcher;
import io.picluster.launch.ProgramLookup;
import io.picluster.launch.Staging;
import io.picluster.launch.detect.MpiDetector;
import io.picluster.launch.detect.MpiUse;
import io.picluster.launch.detect.OpenMpiAdvice;
import io.picluster.launch.hosts.HostList;
import io.picluster.launch.hosts.Placement;
import io.picluster.launch.openmpi.OpenMpiBridge;
import io.picluster.launch.remote.EarlySrunStep;
import io.picluster.launch.slurm.SlurmAllocation;
import io.picluster.launch.threads.JavaCommand;
import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.ClusterFile;
import io.picluster.setup.cluster.ClusterFileException;
import io.picluster.setup.cluster.Node;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Checks a {@link LaunchRequest} and runs it under the launcher; shared by both parsers. */
final class LaunchAction {
  /** Far beyond any Pi cluster, and a bound on the processes and threads one launch may start. */
  static final int MAX_RANKS = 4096;

  private LaunchAction() {}

  /** An environment variable every rank gets: the operating system's rules, checked up front. */
  private static void checkVariable(String name, String value) {
    if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
      throw new UsageError("-genv needs a variable name without '=', got '" + name + "' (write -genv NAME VALUE)");
    }
    if (value.indexOf('\0') >= 0) {
      throw new UsageError("-genv " + name + ": the value contains a NUL character");
    }
  }

  /** The job to launch, or a {@link UsageError} saying what is wrong with the request. */
  static JobSpec jobSpec(LaunchRequest r) {
    if (r.ranks() != null && r.ranks() < 1) {
      throw new UsageError("-n must be at least 1, got " + r.ranks());
    }
    Optional<Cluster> cluster = r.hosts().placesRanks() ? Optional.empty() : cluster(r.hosts());
    // Inside a Slurm allocation with no hosts given: the allocation's nodes, agents started by srun.
    boolean slurm = !r.hosts().placesRanks() && SlurmAllocation.inside(System.getenv());
    if (slurm) {
      cluster = Optional.empty();
      r = r.withHosts(slurmHosts(r.hosts()));
    }
    Placement placement = placement(r, cluster);
    int ranks = placement != null ? placement.size()
        : r.ranks() != null ? r.ranks() : Runtime.getRuntime().availableProcessors();
    if (ranks > MAX_RANKS) {
      throw new UsageError("-n must be at most " + MAX_RANKS + ", got " + ranks);
    }
    for (Map.Entry<String, String> v : r.env().entrySet()) { // no lambda on the launch path: LaunchPathTest
      checkVariable(v.getKey(), v.getValue());
    }
    Map<String, Path> staged = stagedFiles(r.hosts().stage());
    List<String> command;
    List<String> threads = null;
    boolean jvmProgram = false;
    Path workDir = null;
    if (r.command().equals("java")) {
      JavaLaunch java = JavaLaunch.prepare(r.java(), placement != null, System.getenv(), System.err);
      command = java.command();
      staged.putAll(java.staged());
      workDir = java.workDir();
      jvmProgram = true;
    } else if (r.command().equals("exec")) {
      Path program = ProgramLookup.find(r.target());
      if (program == null) {
        throw new UsageError(
            "cannot run '" + r.target() + "': no such executable"
                + (r.target().contains("/") ? "" : " on PATH")
                + "; check the name or give its path");
      }
      // A program of the user's, named by its path, is copied to the other hosts (the tutorial's
      // scp step); installed software is each host's own, checked there before the start.
      if (r.target().contains("/") && !isInstalledSoftware(program)) {
        staged.putIfAbsent(r.target(), program);
      }
      command = new ArrayList<>();
      command.add(r.target());
      command.addAll(r.args());
      if (r.runsThreads()) {
        threads = command;
        try {
          JavaCommand.parse(threads, Path.of("").toAbsolutePath(), System.getenv());
        } catch (IllegalArgumentException e) {
          throw new UsageError(Main.oneLine(e));
        }
      }
    } else {
      Job job = job(r.target());
      try {
        job.check(r.args());
      } catch (IllegalArgumentException e) {
        throw new UsageError(Main.oneLine(e));
      }
      command = RankJvm.command(job.name(), job.rankJvmOptions(r.args()), r.args());
      staged.putAll(RankJvm.filesOf(command));
      jvmProgram = true;
      if (r.runsThreads()) {
        threads = RankJvm.threadsCommand(job.name(), r.args());
      }
    }
    Map<String, String> env = new LinkedHashMap<>(r.env());
    Map<String, String> logins = new LinkedHashMap<>();
    boolean clusterIface = false;
    if (cluster.isPresent()) {
      // The cluster's backbone interface, unless the command line chose the address itself.
      Optional<String> iface = cluster.get().iface();
      if (iface.isPresent() && !env.containsKey("PICLUSTER_IFACE")
          && !env.containsKey("PICLUSTER_NETWORK")) {
        env.put("PICLUSTER_IFACE", iface.get());
        clusterIface = true;
      }
      for (Node n : cluster.get().nodes()) {
        logins.put(n.address(), n.user());
      }
    }
    checkAddressHere(env, clusterIface ? cluster.get() : null);
    JobSpec spec = JobSpec.of(ranks, command).withTagOutput(r.tagOutput()).withEnv(env)
        .withWorkDir(workDir).withThreads(threads);
    if (placement == null) {
      return spec;
    }
    spec = spec.withPlacement(placement, new Staging(staged, jvmProgram)).withLogins(logins);
    return slurm ? spec.withSlurmAgents() : spec;
  }

  /** --hosts from the Slurm allocation this command runs in. */
  private static HostOptions slurmHosts(HostOptions h) {
    try {
      String hosts = SlurmAllocation.hostsOption(System.getenv()).orElseThrow();
      return new HostOptions(hosts, null, h.perHost(), h.stage(), h.cluster());
    } catch (LaunchException e) {
      throw new UsageError(e.getMessage());
    }
  }

  /**
   * The address the ranks and the launcher take here (--iface, --network, or the cluster file's
   * interface) must exist on this machine, or every rank would start only to fail: a usage error
   * now. The other hosts' agents check the same before any rank starts there.
   *
   * @param ifaceOf the cluster file whose interface line chose it, or null for the command line
   */
  private static void checkAddressHere(Map<String, String> env, Cluster ifaceOf) {
    try {
      BackboneAddress.choose(env, null);
    } catch (CommException e) {
      if (ifaceOf == null) {
        throw new UsageError(Main.oneLine(e));
      }
      String why = Main.oneLine(e).replaceFirst("^--iface \\S+: ", "");
      throw new UsageError(ifaceOf.source() + ": interface " + ifaceOf.iface().orElseThrow() + ": "
          + why + "; correct its interface line, or choose with --iface or --network");
    }
  }

  /** The cluster file named with --cluster (which must exist), else the default one if present. */
  private static Optional<Cluster> cluster(HostOptions h) {
    try {
      if (h.cluster() != null) {
        return Optional.of(ClusterFile.read(Path.of(h.cluster())));
      }
      return ClusterFile.readIfPresent(ClusterFile.defaultPath(System.getenv()));
    } catch (ClusterFileException e) {
      throw new UsageError(Main.oneLine(e));
    }
  }

  private static final List<String> SYSTEM_FOLDERS =
      List.of("/usr/", "/bin/", "/sbin/", "/lib/", "/lib64/", "/opt/", "/etc/", "/snap/");

  static boolean isInstalledSoftware(Path program) {
    String p = program.toAbsolutePath().normalize().toString();
    for (String folder : SYSTEM_FOLDERS) {
      if (p.startsWith(folder)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where the ranks go, from --hosts or --hostfile, else from the cluster file, with -n and -ppn;
   * null for this machine only.
   */
  private static Placement placement(LaunchRequest r, Optional<Cluster> cluster) {
    HostOptions h = r.hosts();
    if (!h.placesRanks() && cluster.isPresent()) {
      h = new HostOptions(cluster.get().hostsOption(), null, h.perHost(), h.stage(), h.cluster());
    }
    if (!h.placesRanks()) {
      if (h.perHost() != null) {
        throw new UsageError("-ppn needs hosts to place ranks on; add --hosts or --hostfile");
      }
      return null;
    }
    if (h.hosts() != null && h.hostfile() != null) {
      throw new UsageError("give the hosts either with --hosts or with --hostfile, not both");
    }
    try {
      HostList list = h.hosts() != null
          ? HostList.parseHostsOption(h.hosts())
          : HostList.readHostfile(Path.of(h.hostfile()));
      return Placement.of(list,
          r.ranks() == null ? OptionalInt.empty() : OptionalInt.of(r.ranks()),
          h.perHost() == null ? OptionalInt.empty() : OptionalInt.of(h.perHost()));
    } catch (IllegalArgumentException e) {
      throw new UsageError(Main.oneLine(e));
    }
  }

  /** --stage FILE...: each must be a file here; keyed by the text that names it in the command. */
  private static Map<String, Path> stagedFiles(List<String> names) {
    Map<String, Path> files = new LinkedHashMap<>();
    for (String name : names) {
      Path p;
      try {
        p = Path.of(name);
      } catch (InvalidPathException e) {
        throw new UsageError("--stage " + name + ": not a valid path");
      }
      if (!Files.isRegularFile(p)) {
        throw new UsageError("--stage " + name + ": no such file here; give the path of a file to copy");
      }
      files.put(name, p);
    }
    return files;
  }

  static Job job(String name) {
    try {
      return Jobs.get(name);
    } catch (IllegalArgumentException e) {
      throw new UsageError(Main.oneLine(e));
    }
  }

  static int run(LaunchRequest r) {
    try {
      startAgentsEarly(r);
      return launch(r);
    } finally {
      EarlySrunStep.dismissUnused(); // a step the job did not take (a bad request, another placement)
    }
  }

  /**
   * Inside an allocation without hosts given, the agents' srun step starts now, before the request
   * is checked and the job set up (see {@link EarlySrunStep}), on every node of the allocation.
   */
  private static void startAgentsEarly(LaunchRequest r) {
    Map<String, String> env = System.getenv();
    if (r.hosts().placesRanks() || !SlurmAllocation.inside(env)) {
      return;
    }
    try {
      EarlySrunStep.start(SlurmAllocation.nodes(env), r.runsThreads());
    } catch (LaunchException e) {
      // a node list Slurm should not give: jobSpec says what is wrong with it
    }
  }

  private static int launch(LaunchRequest r) {
    JobSpec spec;
    try {
      spec = jobSpec(r);
    } catch (NotStarted e) {
      System.err.println("picluster: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    if (!r.command().equals("exec")) {
      return new Launcher().run(spec);
    }
    MpiUse use = mpiUse(spec);
    if (use.library().isOpenMpi() && spec.ranks() > 1) {
      if (!OpenMpiAdvice.runs(use.library())) {
        System.err.println(OpenMpiAdvice.refusal(spec.command(), use, spec.ranks()));
        return ExitCodes.USAGE;
      }
      // Open MPI 4 and 5: the ranks join one job by a route of OpenMpiBridge's, under one job id.
      Map<String, String> env = new LinkedHashMap<>(spec.env());
      Map<String, String> all = new LinkedHashMap<>(System.getenv());
      all.putAll(env);
      try {
        env.putAll(OpenMpiBridge.mark(use.library(), all));
      } catch (IllegalArgumentException e) {
        System.err.println("picluster: " + e.getMessage());
        return ExitCodes.USAGE;
      }
      spec = spec.withEnv(env);
    }
    return new Launcher().run(spec, use);
  }

  /** Which MPI the program uses, found here before any rank starts (see {@link MpiDetector}). */
  static MpiUse mpiUse(JobSpec spec) {
    Map<String, String> env = new LinkedHashMap<>(System.getenv());
    env.putAll(spec.env());
    Path program = ProgramLookup.find(spec.command().get(0), env.get("PATH"), spec.workDir());
    if (program == null) {
      return MpiUse.unknown("not found here");
    }
    return new MpiDetector(env, spec.workDir()).ofCommand(spec.command(), program);
  }
}
