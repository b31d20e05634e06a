package io.picluster.launch.remote;

import io.picluster.launch.LaunchException;
import io.picluster.launch.OlderVersions;
import io.picluster.launch.agent.AgentWire;
import io.picluster.launch.agent.RankOrder;
import io.picluster.launch.bootstrap.Bootstrap;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One host's ranks, seen from the launcher: a session with the host's {@link
 * io.picluster.launch.agent.Agent agent}, started by the job's {@link Bootstrap} (over ssh, staging
 * first what is missing from the host's cache; or by the allocation's srun step), which then carries
 * the agent's protocol. Everything the host says is reported to a {@link Listener}.
 */
public final class RemoteHost {
  /** What the host's ranks do, as the agent reports it. Called from one reader thread. */
  public interface Listener {
    void output(int rank, int stream, byte[] buf, int len);

    void exited(int rank, int exitCode);

    void startFailed(int rank, String reason);

    /** The connection ended while the rank was (as far as we know) still running. */
    void lost(int rank, String reason);
  }

  /**
   * Runs in the host's SSH session. Arguments: the java to prefer, the cache names of the
   * picluster jar and of every other staged file. It lists what the cache lacks and waits for the
   * launcher to copy it, then starts the agent (or says that there is no java). The agent's JVM
   * records its classes once per jar and java (AppCDS) and starts from that record afterwards: this
   * JVM starts on every host of every launch. Before it records, older versions' jars and archives
   * are removed from the cache, but for the newest two.
   */
  private static final String BOOT_SCRIPT =
      String.join(
          "\n",
          "umask 077", // the class-data archive it writes is this user's alone
          "j=$1; shift",
          "c=${XDG_CACHE_HOME:-$HOME/.cache}/picluster",
          "m=",
          "for f do [ -f \"$c/$f\" ] || m=\"$m $f\"; done",
          "if [ -n \"$m\" ]; then echo \"picluster-missing$m\"; read -r go || exit 0; fi",
          "[ -x \"$j\" ] || j=$(command -v java) || { echo picluster-nojava; exit 0; }",
          "p=$c/$1",
          "a=$p.$(stat -Lc %s-%Y \"$j\" 2>/dev/null).agent.jsa",
          "set -- \"$j\" " + AgentJvmOptions.RANKS_AS_THREADS + " -cp \"$p\"",
          "m=io.picluster.launch.agent.AgentMain",
          "if [ -f \"$a\" ]; then exec \"$@\" -XX:SharedArchiveFile=\"$a\" $m \"$c\"; fi",
          // A new picluster or java here: older copies of the jar, each in its checksum's folder,
          // and their archives go, but for the newest two (see OlderVersions).
          "k=0; ls -dt \"$c\"/*/\"${p##*/}\" 2>/dev/null | while IFS= read -r o; do [ \"$o\" = \"$p\" ] && continue;"
              + " k=$((k+1)); [ $k -le " + OlderVersions.KEPT + " ] && continue;"
              + " rm -f \"$o\" \"$o\".*.agent.jsa \"$o\".*.agent.jsa.*; rmdir \"${o%/*}\" 2>/dev/null; done",
          "k=0; ls -t \"$p\".*.agent.jsa 2>/dev/null | while IFS= read -r o; do k=$((k+1));"
              + " [ $k -le " + OlderVersions.KEPT + " ] || rm -f \"$o\"; done",
          "\"$@\" -XX:ArchiveClassesAtExit=\"$a.$$\" $m \"$c\"; s=$?",
          "mv -f \"$a.$$\" \"$a\" 2>/dev/null; exit $s");

  /**
   * Writes stdin to cache entry $1 (mode $2), atomically: a reader never sees half a file. The
   * cache folder is the user's alone (700): the agent runs the jar in it, so nobody else may write
   * there, and staged programs are nobody else's to read.
   */
  static final String COPY_SCRIPT =
      String.join(
          "\n",
          "umask 077",
          "c=${XDG_CACHE_HOME:-$HOME/.cache}/picluster",
          "f=$c/$1",
          "if e=$( { mkdir -p \"${f%/*}\" && chmod 700 \"$c\" && cat >\"$f.part$$\""
              + " && chmod \"$2\" \"$f.part$$\" && mv -f \"$f.part$$\" \"$f\"; } 2>&1 ); then exit 0; fi",
          // One line naming the file here, with the system's reason (e.g. No space left on device).
          "rm -f \"$f.part$$\"",
          "e=$(printf '%s\\n' \"$e\" | tail -n 1)",
          "echo \"cannot write $f: ${e##*: }\" >&2",
          "exit 1");

  private static final int MAX_TEXT_LINE = 1 << 16;
  private static final int KEPT_SSH_LINES = 5;

  private final String target;
  private final Bootstrap bootstrap;
  private final Consumer<String> messages;
  private final Deque<String> sshLines = new ArrayDeque<>();
  private boolean connected;
  /**
   * Set by {@link #close}: a session opened early on another thread must not start after it, and a
   * reader waiting for GO leaves.
   */
  private boolean closed;
  /** Set by {@link #go}: the reader made by {@link #prepare} starts reading. */
  private boolean goSent;
  private Process session;
  private DataInputStream fromAgent;
  private DataOutputStream toAgent;
  private Thread sshErrors;
  /** What the session's boot script may ask to be copied (set by {@link #open}). */
  private List<StagedFile> staged;
  private volatile boolean timedOut;
  /** When the host counts as not answering (System.nanoTime); none while copying. */
  private long answerDeadline;
  private String hostName;
  private String cacheDir;
  private String java;
  private final Set<Integer> running = new HashSet<>();
  private boolean readerDone;
  /** When the agent last sent a frame (System.nanoTime), from {@link #go} on. */
  private volatile long lastHeard;
  /** True while the reader hands a frame to the listener (it may wait for our own stdout). */
  private volatile boolean delivering;
  /** Set when the agent fell silent and the session was ended for it. */
  private volatile long silentMillis = -1;

  /**
   * @param target the host as the user wrote it, given to ssh as is (or a Slurm node name)
   * @param bootstrap what starts the host's agent: ssh, or the allocation's srun step
   * @param messages where the launcher's own lines about this host go (ssh's warnings, notes)
   */
  public RemoteHost(String target, Bootstrap bootstrap, Consumer<String> messages) {
    this.target = target;
    this.bootstrap = bootstrap;
    this.messages = messages;
  }

  /** The host for messages: its own name and, if different, how the user named it. */
  public String label() {
    return hostName == null || hostName.equals(target) ? target : hostName + " (" + target + ")";
  }

  /** The host's staging cache folder (known once connected). */
  public String cacheDir() {
    return cacheDir;
  }

  /** The java the agent runs on (known once connected); ranks of built-in jobs use it too. */
  public String java() {
    return java;
  }

  /**
   * Starts the session (over ssh: the connection, then the boot script), and returns at once: the
   * launcher sets up the rest of the job while the host logs in and its agent boots. {@link
   * #connect} does it if not done yet.
   *
   * @param java the java the agent should prefer (the launcher's own path; else java on PATH)
   * @param jar picluster itself, which the agent runs from
   * @param files what else the host's cache must hold (staged files)
   */
  public synchronized void open(String java, StagedFile jar, List<StagedFile> files)
      throws LaunchException {
    if (session != null) {
      return;
    }
    if (closed) {
      throw new LaunchException("the job ended before " + target + " was reached");
    }
    List<String> command = new ArrayList<>();
    List<StagedFile> all = new ArrayList<>();
    if (bootstrap.sharesFiles()) {
      // The host sees the picluster jar at its path here: the agent runs from it, nothing to stage.
      command.add(java);
      command.add(jar.local().toString());
    } else {
      command.addAll(List.of("sh", "-c", BOOT_SCRIPT, "picluster-boot", java, jar.cacheName()));
      all.add(jar);
      for (StagedFile f : files) {
        command.add(f.cacheName());
        all.add(f);
      }
    }
    try {
      session = bootstrap.launch(target, command, Map.of(), null, Redirect.PIPE);
    } catch (IOException e) {
      throw new LaunchException("cannot reach " + target + " (" + bootstrap.name() + "): " + e.getMessage());
    }
    staged = all;
    fromAgent = new DataInputStream(new BufferedInputStream(session.getInputStream()));
    toAgent = new DataOutputStream(new BufferedOutputStream(session.getOutputStream()));
    sshErrors = daemon(this::keepSshErrors, bootstrap.name() + "-" + target + "-stderr");
  }

  /**
   * Opens the session unless {@link #open} did, copies the staged files the host's cache lacks, and
   * waits for the agent's hello: within {@code timeout}, or the host counts as not answering.
   */
  public void connect(String java, StagedFile jar, List<StagedFile> files, Duration timeout)
      throws LaunchException {
    open(java, jar, files);
    setAnswerDeadline(System.nanoTime() + timeout.toNanos());
    Thread timer = daemon(this::expire, bootstrap.name() + "-" + target + "-timer");
    try {
      handshake(staged, timeout);
    } catch (IOException e) {
      throw failure("the connection ended: " + e.getMessage());
    } finally {
      timer.interrupt();
    }
  }

  private void handshake(List<StagedFile> staged, Duration timeout)
      throws IOException, LaunchException {
    while (true) {
      String line = readTextLine();
      if (line == null) {
        throw failure(null);
      }
      if (line.startsWith("picluster-missing")) {
        // A large file on a slow link may take long: no deadline while copying.
        setAnswerDeadline(Long.MAX_VALUE);
        for (String name : line.substring("picluster-missing".length()).trim().split(" +")) {
          copy(find(staged, name));
        }
        setAnswerDeadline(System.nanoTime() + timeout.toNanos());
        toAgent.write("go\n".getBytes(StandardCharsets.US_ASCII));
        toAgent.flush();
      } else if (line.equals("picluster-nojava")) {
        throw new LaunchException(target + " has no java; install Java 17 or later there"
            + " (sudo apt install openjdk-17-jre-headless)");
      } else if (line.equals(AgentWire.HELLO)) {
        if (AgentWire.readType(fromAgent) != AgentWire.INFO) {
          throw failure("the agent did not introduce itself");
        }
        hostName = AgentWire.readString(fromAgent);
        cacheDir = AgentWire.readString(fromAgent);
        java = AgentWire.readString(fromAgent);
        synchronized (sshLines) {
          connected = true;
          for (String l : sshLines) {
            messages.accept("picluster: " + target + ": " + l);
          }
        }
        return;
      } else {
        // Text from the user's shell start-up files (a motd, an echo in .bashrc): not ours.
        messages.accept("picluster: " + target + " said: " + line);
      }
    }
  }

  private static StagedFile find(List<StagedFile> staged, String name) throws IOException {
    for (StagedFile f : staged) {
      if (f.cacheName().equals(name)) {
        return f;
      }
    }
    throw new IOException("the host asked for a file we did not offer: " + name);
  }

  /** Copies one file into the host's cache over the master connection. */
  private void copy(StagedFile f) throws LaunchException {
    String mode = f.executable() ? "755" : "644";
    Process p;
    try {
      p = bootstrap.launch(target, List.of("sh", "-c", COPY_SCRIPT, "picluster-copy", f.cacheName(), mode),
          Map.of(), null, Redirect.from(f.local().toFile()));
      String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() != 0) {
        String why = errors.isEmpty() ? "exit code " + p.exitValue() : lastLine(errors);
        throw new LaunchException("cannot copy " + f.local() + " to " + target + ": " + why
            + (why.contains("No space left") ? "; free some space there" : ""));
      }
    } catch (IOException e) {
      throw new LaunchException("cannot copy " + f.local() + " to " + target + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException("interrupted while copying " + f.local() + " to " + target);
    }
  }

  /**
   * Announces the host's ranks and waits until the agent has checked that each can start; returns
   * the agent's note (empty, or e.g. that the working folder is missing there).
   */
  public String prepare(String workDir, List<RankOrder> ranks, Listener listener)
      throws LaunchException {
    try {
      RankOrder.writeFrame(toAgent, workDir, ranks);
      toAgent.flush();
      int type = AgentWire.readType(fromAgent);
      if (type == AgentWire.READY) {
        for (RankOrder r : ranks) {
          running.add(r.rank());
        }
        String note = AgentWire.readString(fromAgent);
        // Made now, in this host's own prepare thread: at GO the launcher then only writes a byte
        // to each host and wakes this thread (a thread start each took up to 6 ms under load).
        daemon(() -> readFramesAfterGo(listener), "agent-" + target);
        return note;
      }
      if (type == AgentWire.REFUSED) {
        throw new LaunchException(label() + ": " + AgentWire.readString(fromAgent));
      }
      throw failure(type < 0 ? null : "unexpected answer " + type);
    } catch (IOException e) {
      throw failure("the connection ended: " + e.getMessage());
    }
  }

  /**
   * Starts the announced ranks; the listener given to {@link #prepare} hears what they do until
   * they are gone.
   */
  public void go() {
    lastHeard = System.nanoTime();
    signal(AgentWire.GO);
    synchronized (this) {
      goSent = true;
      notifyAll();
    }
  }

  /** The reader's thread: waits for GO (or the end of a job that never started), then reads. */
  private void readFramesAfterGo(Listener listener) {
    boolean started;
    synchronized (this) {
      while (!goSent && !closed) {
        try {
          wait();
        } catch (InterruptedException e) {
          break; // a daemon thread: nobody interrupts it
        }
      }
      started = goSent;
    }
    if (!started) {
      synchronized (running) {
        running.clear(); // announced, never started: nothing to report
        readerDone = true;
        running.notifyAll();
      }
      return;
    }
    daemon(this::heartbeat, "agent-" + target + "-heartbeat");
    readFrames(listener);
  }

  /**
   * Beats every {@link AgentWire#BEAT_MILLIS}, and ends the session when the agent has been silent
   * for {@link AgentWire#SILENCE_MILLIS}: a frozen host or a cut link ends no stream by itself.
   * The reader then reports the host's ranks lost, with the silence as the reason.
   */
  private void heartbeat() {
    try {
      for (long tick = 0; ; tick++) {
        synchronized (running) {
          if (readerDone) {
            return;
          }
        }
        if (tick % (AgentWire.BEAT_MILLIS / AgentWire.SILENCE_CHECK_MILLIS) == 0) {
          signal(AgentWire.BEAT);
        }
        Thread.sleep(AgentWire.SILENCE_CHECK_MILLIS);
        long silent = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeard);
        if (!delivering && silent > AgentWire.SILENCE_MILLIS) {
          silentMillis = silent;
          session.destroyForcibly();
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public void terminate() {
    signal(AgentWire.TERM);
  }

  public void kill() {
    signal(AgentWire.KILL);
  }

  /** Waits until every rank here has been reported gone, or the deadline passes. */
  public void awaitGone(long deadlineNanos) throws InterruptedException {
    synchronized (running) {
      while (!running.isEmpty() && !readerDone) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(running, left);
      }
    }
  }

  /**
   * Ends the agent's input: it stops whatever is left of its ranks and exits. {@link #close} does
   * it too; calling this first for every host lets them all end at once.
   */
  public synchronized void endInput() {
    if (toAgent == null) {
      return;
    }
    try {
      toAgent.close();
    } catch (IOException gone) {
      // the session is already over
    }
  }

  /**
   * Ends the session: the agent sees its input end, stops whatever is left and exits. Waits a
   * little for that, then ends the ssh client.
   */
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
      if (session == null) {
        return;
      }
    }
    endInput();
    try {
      if (!session.waitFor(3, TimeUnit.SECONDS)) {
        session.destroy();
        session.waitFor(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    session.destroyForcibly();
  }

  private void readFrames(Listener listener) {
    String why = null;
    try {
      while (true) {
        int type = AgentWire.readType(fromAgent);
        lastHeard = System.nanoTime();
        if (type < 0) {
          break;
        }
        switch (type) {
          case AgentWire.BEAT -> {
            // alive; nothing else to do
          }
          case AgentWire.OUTPUT -> {
            int rank = fromAgent.readInt();
            int stream = fromAgent.readUnsignedByte();
            byte[] buf = AgentWire.readChunk(fromAgent);
            delivering = true;
            listener.output(rank, stream, buf, buf.length);
          }
          case AgentWire.EXIT -> {
            int rank = fromAgent.readInt();
            int code = fromAgent.readInt();
            gone(rank);
            delivering = true;
            listener.exited(rank, code);
          }
          case AgentWire.START_FAILED -> {
            int rank = fromAgent.readInt();
            String reason = AgentWire.readString(fromAgent);
            gone(rank);
            delivering = true;
            listener.startFailed(rank, reason);
          }
          default -> throw new IOException("corrupt agent stream: frame type " + type);
        }
        // Only the listener's time (it may wait on our own stdout) is not the agent's silence; a
        // frame cut off mid-way by a frozen host or a cut link is.
        delivering = false;
        lastHeard = System.nanoTime();
      }
    } catch (IOException e) {
      why = e.getMessage();
    }
    List<Integer> lost;
    synchronized (running) {
      lost = new ArrayList<>(running);
      running.clear();
      readerDone = true;
      running.notifyAll();
    }
    if (!lost.isEmpty()) {
      String reason = connectionEnded(why);
      for (int rank : lost) {
        listener.lost(rank, reason);
      }
    }
  }

  private void gone(int rank) {
    synchronized (running) {
      running.remove(rank);
      running.notifyAll();
    }
  }

  /** Why the session ended, in ssh's words when it has some. */
  private String connectionEnded(String why) {
    if (silentMillis >= 0) {
      return "no word from " + label() + " for " + silentMillis + " ms (is it frozen, or its"
          + " network link down?)";
    }
    try {
      session.waitFor(2, TimeUnit.SECONDS);
      sshErrors.join(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String said = lastSshLine();
    // ssh exits 255 without a word when the agent's JVM (its session's process) dies of a
    // signal; a shell or srun in between says "Killed" ("Killed by signal" is ssh's own end).
    boolean silent255 = said == null && !session.isAlive() && session.exitValue() == 255;
    if (silent255 || (said != null && said.contains("Killed") && !said.startsWith("Killed by signal"))) {
      return "picluster's agent there was killed or crashed" + (said != null ? " (" + said + ")" : "")
          + "; if no one killed it, see the kernel's log there (dmesg) for the out-of-memory killer";
    }
    return "the SSH connection to " + label() + " ended"
        + (said != null ? " (" + said + ")" : why != null ? " (" + why + ")" : "");
  }

  private synchronized void signal(byte what) {
    if (toAgent == null) {
      return; // no session yet (the launcher is stopped while it connects): no rank to signal
    }
    try {
      toAgent.writeByte(what);
      toAgent.flush();
    } catch (IOException gone) {
      // the agent is gone, and with it (by its own rule) its ranks
    }
  }

  /** A failed connect: ssh's last words, or our own. */
  private LaunchException failure(String ours) {
    try {
      if (!session.waitFor(2, TimeUnit.SECONDS)) {
        session.destroyForcibly();
      }
      sshErrors.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String said = lastSshLine();
    if (timedOut) {
      return new LaunchException("no answer from " + target + " (is it up, and is sshd running?"
          + " try: ssh " + target + " true)");
    }
    String why = said != null ? said : ours != null ? ours : "ssh exited with code " + session.exitValue();
    return new LaunchException("cannot start on " + target + " over SSH: " + why
        + (said != null && said.contains("Permission denied")
            ? " (picluster needs key login without a password prompt; picluster keys sets it up)"
            : said != null && said.contains("UnsupportedClassVersion")
                ? " (picluster needs Java 17 or later on every node)"
                : ""));
  }

  private synchronized void setAnswerDeadline(long nanos) {
    answerDeadline = nanos;
    notifyAll();
  }

  /** Ends the session when the host has not answered by the deadline. */
  private synchronized void expire() {
    try {
      while (true) {
        if (answerDeadline == Long.MAX_VALUE) {
          wait();
          continue;
        }
        long left = answerDeadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      timedOut = true;
      session.destroyForcibly();
    } catch (InterruptedException done) {
      // connected (or failed) in time
    }
  }

  private void keepSshErrors() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(session.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        synchronized (sshLines) {
          if (connected) {
            messages.accept("picluster: " + target + ": " + line);
          }
          sshLines.addLast(line);
          if (sshLines.size() > KEPT_SSH_LINES) {
            sshLines.removeFirst();
          }
        }
      }
    } catch (IOException gone) {
      // the ssh client is gone
    }
  }

  private String lastSshLine() {
    synchronized (sshLines) {
      return sshLines.peekLast();
    }
  }

  private String readTextLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = fromAgent.read();
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
      }
      if (b == '\n') {
        return line.toString(StandardCharsets.UTF_8);
      }
      if (line.size() < MAX_TEXT_LINE) {
        line.write(b);
      }
    }
  }

  private static String lastLine(String text) {
    String[] lines = text.split("\n");
    return lines[lines.length - 1].trim();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
