package io.picluster.launch.remote;

import io.picluster.launch.JavaRuntime;
import io.picluster.launch.LaunchException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * The agents' srun step of a launch inside an allocation, started as soon as the command line is
 * read, before the job is set up: srun and the agents' JVMs take longest, and the launcher's own
 * set-up (the job's checks, the placement, the PMI server; 30 to 50 ms after its main) now runs
 * while they boot. Its agents wait on their stdin (the step's, {@code --input=all}) for the
 * launcher's address and token, which {@link SrunAgents} writes there when it takes the step over,
 * if the job turned out to need exactly this step: the allocation's nodes and the kind of agent
 * guessed from the command line. Otherwise the step is dismissed: cancelled, and srun waited for
 * before the launcher starts a step of its own or exits. Should this JVM die first, the agents'
 * stdin ends, and an agent that reads its end leaves at once (exit 0).
 */
public final class EarlySrunStep {
  /** The step started and not taken over yet (guarded by the class). */
  private static EarlySrunStep pending;

  private final Process srun;
  private final List<String> nodes;
  private final boolean threads;
  private final String java;
  private final String jar;

  private EarlySrunStep(Process srun, List<String> nodes, boolean threads, String java, String jar) {
    this.srun = srun;
    this.nodes = nodes;
    this.threads = threads;
    this.java = java;
    this.jar = jar;
  }

  /**
   * Starts the step of the agents on NODES (the allocation's), running their ranks as threads or
   * not, unless their class archive does not exist yet (the first launch has the agents record it)
   * or srun cannot start (the launch says why when it starts its own step).
   */
  public static synchronized void start(List<String> nodes, boolean threads) {
    if (pending != null) {
      return;
    }
    String java = JavaRuntime.executable();
    String jar;
    try {
      jar = JavaRuntime.piclusterJar().toString();
    } catch (LaunchException e) {
      return; // the launch says so
    }
    Path archive = SrunAgents.archive(java, jar, threads);
    if (archive == null || !Files.isRegularFile(archive)) {
      return; // the archive is to be recorded: by the launcher's own step, as before
    }
    List<String> agent = SrunAgents.agentCommand(java, jar, threads, archive);
    ProcessBuilder pb = new ProcessBuilder(SrunAgents.stepCommand(nodes, agent, "all", SrunAgents.CONNECT_FROM_STDIN));
    pb.environment().remove("SLURM_MPI_TYPE");
    try {
      pending = new EarlySrunStep(pb.start(), List.copyOf(nodes), threads, java, jar);
      // Stopped (SIGINT, SIGTERM) before a job took it over: the step goes too.
      Runtime.getRuntime().addShutdownHook(new Thread(EarlySrunStep::dismissUnused, "early-srun-step-end"));
    } catch (IOException e) {
      // no srun here: the launch's own step reports it
    }
  }

  /**
   * The pending step, if it is the one a job of NODES, THREADS, JAVA and JAR needs; null if there
   * is none or it is another (which is dismissed first).
   */
  static synchronized EarlySrunStep take(List<String> nodes, boolean threads, String java, String jar) {
    EarlySrunStep step = pending;
    if (step == null) {
      return null;
    }
    pending = null;
    if (step.threads == threads && step.java.equals(java) && step.jar.equals(jar)
        && step.nodes.size() == nodes.size() && new HashSet<>(step.nodes).equals(new HashSet<>(nodes))
        && step.srun.isAlive()) {
      return step;
    }
    step.dismiss();
    return null;
  }

  /** Dismisses a step that no job took over; waits until srun has gone. */
  public static synchronized void dismissUnused() {
    if (pending != null) {
      pending.dismiss();
      pending = null;
    }
  }

  Process srun() {
    return srun;
  }

  /**
   * Tells every agent where to connect, with which token: one line on the step's stdin. False if
   * srun is gone already.
   */
  boolean tell(String hostPort, String token) {
    try {
      OutputStream in = srun.getOutputStream();
      in.write((hostPort + " " + token + "\n").getBytes(StandardCharsets.US_ASCII));
      in.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Ends the step at once: SIGTERM to srun, which cancels it (its agents may still be starting
   * their JVMs, which would take longer to read the end of their stdin), then waits for srun.
   */
  void dismiss() {
    srun.destroy();
    SrunAgents.end(srun);
  }
}
