package io.picluster.launch.remote;

import io.picluster.comm.internal.KernelRandom;
import io.picluster.launch.LaunchException;
import io.picluster.launch.OlderVersions;
import io.picluster.launch.bootstrap.Bootstrap;
import io.picluster.launch.openmpi.NativeFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The {@code slurm} {@link Bootstrap}: the agents of a job inside a Slurm allocation, started as
 * Hydra's Slurm bootstrap starts its
 * proxies: one {@code srun} step with one task per node (no ssh, no keys), each agent connecting
 * back to the launcher over TCP and introducing itself with the job's token and its Slurm node name.
 * The step runs with {@code --mpi=none} (the agents' ranks speak to picluster's PMI server, and the
 * agent also scrubs whatever PMI_* a site's MpiDefault gives it) and {@code --kill-on-bad-exit}.
 */
public final class SrunAgents implements Bootstrap {
  private static final String AGENT_MAIN = "io.picluster.launch.agent.AgentMain";
  /** The agents' {@code --connect} value when they read the launcher's address on their stdin. */
  static final String CONNECT_FROM_STDIN = "-";

  /**
   * Runs in each task of the step while the agents have no class archive yet: the agent's JVM
   * records its classes (AppCDS) under a temporary name, renamed once written, so agents starting
   * together never see half an archive; a step ended by a signal (scancel) removes it. Arguments:
   * java, its options, the archive (empty: none can be named), the jar, the agent's main class,
   * then the agent's arguments.
   */
  private static final String RECORD_SCRIPT = String.join("\n",
      "j=$1; o=$2; a=$3; p=$4; m=$5; shift 5",
      "if [ -z \"$a\" ]; then exec \"$j\" $o -cp \"$p\" $m \"$@\"; fi",
      "trap 'rm -f \"$a.$$\"; exit 143' HUP INT TERM",
      "mkdir -p \"${a%/*}\" 2>/dev/null",
      "\"$j\" $o -XX:ArchiveClassesAtExit=\"$a.$$\" -cp \"$p\" $m \"$@\"; s=$?",
      "mv -f \"$a.$$\" \"$a\" 2>/dev/null; exit $s");

  private final ServerSocket listener;
  private final String token;
  private final String back;
  private final Duration timeout;
  private final Consumer<String> messages;
  private Process srun;
  /** Set by {@link #close}: no step starts after it (guarded by this object's lock). */
  private boolean closed;
  private final Map<String, Socket> arrived = new HashMap<>();
  private final List<String> nodes;
  private final boolean threads;
  private volatile String srunSaid;

  /**
   * Listens for the agents of NODES (Slurm node names); the step starts with the first launch.
   *
   * @param bind the launcher's address the agents connect to (its end of the backbone)
   * @param threads whether the agents run their ranks as threads of their JVM
   * @param timeout how long an agent may take to connect, from the step's start
   */
  public SrunAgents(List<String> nodes, InetAddress bind, boolean threads, Duration timeout,
      Consumer<String> messages) throws LaunchException {
    this.nodes = List.copyOf(nodes);
    this.threads = threads;
    this.timeout = timeout;
    this.messages = messages;
    token = HexFormat.of().formatHex(KernelRandom.bytes(16));
    try {
      listener = new ServerSocket();
      listener.bind(new InetSocketAddress(bind, 0), nodes.size() + 8);
    } catch (IOException e) {
      throw new LaunchException("cannot listen for the agents on " + bind.getHostAddress() + ": " + e.getMessage());
    }
    back = (bind.getHostAddress().contains(":") ? "[" + bind.getHostAddress() + "]" : bind.getHostAddress())
        + ":" + listener.getLocalPort();
    Thread acceptor = new Thread(this::acceptAll, "srun-agents-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @Override
  public String name() {
    return "slurm";
  }

  @Override
  public boolean sharesFiles() {
    return true;
  }

  /**
   * NODE's agent. COMMAND is the agent's java and the picluster jar, which the first launch starts
   * on every node; ENV, WORKDIR and STDIN are the agent's own business (the step gives it none).
   */
  @Override
  public Process launch(String node, List<String> command, Map<String, String> env, Path workDir,
      Redirect stdin) throws LaunchException {
    startStep(command.get(0), command.get(1));
    return session(node, timeout);
  }

  /**
   * Starts the step now, on a thread of its own, with the agents' JAVA and JAR as {@link #launch}
   * would: the agents take longest to come (srun, then a JVM on every node), so they boot while the
   * launcher sets up the rest of the job. {@link #launch} waits for the start, and says what went
   * wrong if it failed.
   */
  public void startEarly(String java, String jar) {
    Thread t = new Thread(() -> {
      try {
        startStep(java, jar);
      } catch (LaunchException e) {
        // launch() starts it again and reports the failure
      }
    }, "srun-agents-start");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Starts the step that runs every node's agent, once, unless the job is over already; or takes
   * over the {@link EarlySrunStep} if it is this job's, telling its agents where to connect.
   */
  private synchronized void startStep(String java, String jar) throws LaunchException {
    if (srun != null) {
      return;
    }
    if (closed) {
      throw new LaunchException("the job ended before the agents were started");
    }
    EarlySrunStep early = EarlySrunStep.take(nodes, threads, java, jar);
    if (early != null && early.tell(back, token)) {
      started(early.srun());
      return;
    }
    if (early != null) {
      early.dismiss(); // srun ended before it heard from us: a step of our own says why
    }
    Path archive = archive(java, jar, threads);
    if (archive != null && !Files.isRegularFile(archive)) {
      removeOlderArchives(archive); // this step records a new jar's or java's: the older ones go
    }
    List<String> command = stepCommand(nodes, agentCommand(java, jar, threads, archive), "none", back);
    ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("PICLUSTER_AGENT_TOKEN", token); // not on the command line: ps shows that
    pb.environment().remove("SLURM_MPI_TYPE");
    try {
      started(pb.start());
    } catch (IOException e) {
      throw new LaunchException("cannot run srun to start the agents: " + e.getMessage()
          + "; is this a Slurm allocation with srun on PATH?");
    }
  }

  private void started(Process step) {
    pump(step.getInputStream(), messages);
    pump(step.getErrorStream(), messages);
    synchronized (arrived) {
      srun = step; // session() reads it under this lock
    }
  }

  /**
   * The srun command of a step of one AGENT on each of NODES, its stdin going to every agent
   * ({@code all}) or none, the agents connecting to CONNECT (the launcher's HOST:PORT, or
   * {@link #CONNECT_FROM_STDIN}).
   */
  static List<String> stepCommand(List<String> nodes, List<String> agent, String input, String connect) {
    List<String> command = new ArrayList<>(List.of("srun", "--nodes=" + nodes.size(),
        "--ntasks=" + nodes.size(), "--ntasks-per-node=1", "--nodelist=" + String.join(",", nodes),
        "--input=" + input, "--mpi=none", "--kill-on-bad-exit=1", "--job-name=picluster-agents"));
    command.addAll(agent);
    command.addAll(List.of("--connect", connect));
    return command;
  }

  /**
   * What each task of the step runs: once the agents' class archive exists (one per jar, java and
   * kind of agent, in the user's cache folder, which the nodes share as they share the jar), the
   * agent's JVM itself, started from it; before that, {@link #RECORD_SCRIPT}, which has the JVM
   * record it. Straight from srun saves every node a shell and the processes it would run.
   *
   * @param archive the agents' class archive ({@link #archive}), null if none can be named
   */
  static List<String> agentCommand(String java, String jar, boolean threads, Path archive) {
    String options = threads ? AgentJvmOptions.RANKS_AS_THREADS : AgentJvmOptions.RANKS_AS_PROCESSES;
    if (archive != null && Files.isRegularFile(archive)) {
      List<String> command = new ArrayList<>();
      command.add(java);
      command.addAll(List.of(options.split(" ")));
      command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-cp", jar, AGENT_MAIN));
      return command;
    }
    return List.of("/bin/sh", "-c", RECORD_SCRIPT, "picluster-agent", java, options,
        archive == null ? "" : archive.toString(), jar, AGENT_MAIN);
  }

  /**
   * The agents' class archive, named by the sizes and times of the jar and java (a new build gets a
   * new one); null if they cannot be read.
   */
  static Path archive(String java, String jar, boolean threads) {
    try {
      String stamp = stamp(Path.of(jar)) + "-" + stamp(Path.of(java));
      return NativeFile.defaultCacheDir().resolve("srun-agent" + (threads ? "-threads." : ".") + stamp + ".jsa");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Removes the agents' archives of older jars and javas, of the same kind as {@code archive}, but
   * the newest few, and what recordings killed halfway (a cancelled step) left more than an hour ago.
   */
  static void removeOlderArchives(Path archive) {
    String name = archive.getFileName().toString();
    String kind = name.substring(0, name.indexOf('.') + 1); // "srun-agent." or "srun-agent-threads."
    OlderVersions.prune(archive.getParent(), other -> other.startsWith(kind) && other.endsWith(".jsa"), archive);
    OlderVersions.removeAbandoned(archive.getParent(), other -> other.startsWith(kind) && other.contains(".jsa."),
        Duration.ofHours(1));
  }

  private static String stamp(Path file) throws IOException {
    return Files.size(file) + "-" + Files.getLastModifiedTime(file).to(TimeUnit.SECONDS);
  }

  /** The session of NODE's agent, once it has connected; waits up to TIMEOUT. */
  private Process session(String node, Duration timeout) throws LaunchException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (arrived) {
      while (!arrived.containsKey(node)) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !srun.isAlive() && !arrived.containsKey(node)) {
          throw new LaunchException("the agent on " + node + " did not connect"
              + (srun.isAlive() ? " within " + timeout.toSeconds() + " s" : " (srun exited with code "
              + srun.exitValue() + (srunSaid == null ? "" : ": " + srunSaid) + ")"));
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(arrived, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LaunchException("interrupted while waiting for the agent on " + node);
        }
      }
      try {
        return new AgentSession(arrived.get(node));
      } catch (IOException e) {
        throw new LaunchException("the agent on " + node + " connected, then failed: " + e.getMessage());
      }
    }
  }

  private void acceptAll() {
    int expected = nodes.size();
    while (expected > 0) {
      Socket s;
      try {
        s = listener.accept();
      } catch (IOException closed) {
        return;
      }
      try {
        s.setTcpNoDelay(true);
        s.setSoTimeout(10_000);
        String line = readLine(s.getInputStream());
        s.setSoTimeout(0);
        String[] words = line == null ? new String[0] : line.split(" ");
        if (words.length == 2 && words[0].equals(token) && nodes.contains(words[1])) {
          synchronized (arrived) {
            if (!arrived.containsKey(words[1])) {
              arrived.put(words[1], s);
              expected--;
              arrived.notifyAll();
              continue;
            }
          }
        }
        s.close(); // not one of ours
      } catch (IOException e) {
        closeQuietly(s);
      }
    }
  }

  /** One line, read byte by byte so nothing after it is consumed. */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
      if (b.length() > 256) {
        return null;
      }
      b.append((char) c);
    }
    return b.toString();
  }

  private void pump(InputStream from, Consumer<String> messages) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (!line.isBlank()) {
            srunSaid = line;
            messages.accept("picluster: " + line);
          }
        }
      } catch (IOException gone) {
        // srun ended
      }
    }, "srun-agents-output");
    t.setDaemon(true);
    t.start();
  }

  /** Ends the step: the agents have been told to leave (their connections closed); srun follows. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true; // waits for a start in progress: its srun is ended below
    }
    closeQuietly(listener);
    Process srun;
    synchronized (arrived) {
      srun = this.srun;
      // An agent that connected but was never given a session (the job's set-up failed after the
      // early start) waits for the launcher: the end of its connection sends it away.
      arrived.values().forEach(SrunAgents::closeQuietly);
    }
    if (srun == null) {
      return; // never started
    }
    end(srun);
  }

  /**
   * Waits for a step's srun, whose agents have been told to leave (their connections or their
   * stdin closed): SIGTERM after 5 s (srun then cancels the step), SIGKILL 5 s later.
   */
  static void end(Process srun) {
    try {
      srun.getOutputStream().close();
    } catch (IOException gone) {
      // srun has ended
    }
    try {
      if (!srun.waitFor(5, TimeUnit.SECONDS)) {
        srun.destroy();
        if (!srun.waitFor(5, TimeUnit.SECONDS)) {
          srun.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      srun.destroyForcibly();
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // nothing left to do
    }
  }
}
