package io.picluster.it.testbed;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;

/**
 * N "Raspberry Pis" on this machine, made by {@code testbed/up}: node K has its own network, UTS
 * and mount namespaces, hostname {@code nodeK}, {@code eth0} with 10.0.0.K/24, a decoy
 * {@code wlan0} holding the default route, a private home folder for {@link #USER} and OpenSSH
 * sshd on 10.0.0.K:22. Commands run inside a node through {@code testbed/sh}.
 *
 * <p>One testbed at a time per machine: {@link #up} first removes whatever an earlier (killed) run
 * left, and {@link #close} (also run by a JVM shutdown hook) removes everything again. Needs root;
 * tests call {@link #assumeUsable()} first so they are skipped, with the reason, where it cannot
 * work.
 */
public final class Testbed implements AutoCloseable {
  /** The normal login user on every node (the scripts' default). */
  public static final String USER = "pi";

  /** How long one command may run before it is killed and the test fails. */
  public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

  private static final Duration UP_TIMEOUT_PER_NODE = Duration.ofSeconds(60);
  private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration OWNER_WAIT = Duration.ofMinutes(10);
  private static final String BACKBONE = "10.0.0.";
  private static final String[] TOOLS = {
    "ip", "unshare", "nsenter", "setpriv", "flock", "ss", "ssh", "ssh-keygen", "useradd", "sshd"
  };

  private static Testbed current;

  private final Path scripts;
  private final int nodes;
  private final Thread shutdownHook;
  private final FileLock owner;
  private boolean closed;

  /** Exit code and both output streams of one command. */
  public record Result(int exitCode, String stdout, String stderr) {
    /** Everything, for assertion messages. */
    public String output() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  private Testbed(Path scripts, int nodes, Thread shutdownHook, FileLock owner) {
    this.scripts = scripts;
    this.nodes = nodes;
    this.shutdownHook = shutdownHook;
    this.owner = owner;
  }

  /** The machine-wide lock of this testbed (see {@link OwnerLock}). */
  private static FileLock ownMachineWideLock() {
    return OwnerLock.take(Path.of(stateDir() + ".owner.lock"), OWNER_WAIT);
  }

  /** Why the testbed cannot run here, or empty if it can. */
  public static Optional<String> unusableBecause() {
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      return Optional.of("the testbed needs Linux namespaces");
    }
    Optional<Path> scripts = findScripts();
    if (scripts.isEmpty()) {
      return Optional.of("testbed/up not found above " + System.getProperty("user.dir"));
    }
    try {
      if (!capture(List.of("id", "-u"), Duration.ofSeconds(30)).stdout.trim().equals("0")) {
        return Optional.of("the testbed must run as root (namespaces, sshd, useradd)");
      }
    } catch (RuntimeException e) {
      return Optional.of("cannot tell the user id: " + e.getMessage());
    }
    List<String> missing = new ArrayList<>();
    for (String tool : TOOLS) {
      if (findTool(tool).isEmpty()) {
        missing.add(tool);
      }
    }
    if (!missing.isEmpty()) {
      return Optional.of("missing " + String.join(", ", missing)
          + " (apt-get install iproute2 util-linux openssh-server openssh-client passwd)");
    }
    return Optional.empty();
  }

  /** Skips the calling test (JUnit assumption) if the testbed cannot run here. */
  public static void assumeUsable() {
    Optional<String> why = unusableBecause();
    Assumptions.assumeTrue(why.isEmpty(), () -> "testbed skipped: " + why.orElse(""));
  }

  /** Brings up node1..nodeN, removing any earlier testbed first. */
  public static Testbed up(int nodes) {
    return up(nodes, Map.of());
  }

  /**
   * As {@link #up(int)}, but {@link #USER} has PASSWORD and every sshd accepts password logins as
   * well as keys ({@code PICLUSTER_TESTBED_PASSWORD} of {@code testbed/up}): for testing what
   * installs keys with a password. The password reaches the script through its environment.
   */
  public static Testbed upWithPassword(int nodes, String password) {
    return up(nodes, Map.of("PICLUSTER_TESTBED_PASSWORD", password));
  }

  /**
   * As {@link #up(int)}, with nodes that {@code picluster slurm} can set Slurm up on
   * ({@code PICLUSTER_TESTBED_SLURM=1} of {@code testbed/up}: private Slurm and munge folders and
   * /run, cgroups, and passwordless sudo for {@link #USER} by a rule in each node's own
   * /etc/sudoers.d).
   */
  public static Testbed upForSlurm(int nodes) {
    return up(nodes, Map.of("PICLUSTER_TESTBED_SLURM", "1"));
  }

  private static synchronized Testbed up(int nodes, Map<String, String> env) {
    if (current != null && !current.closed) {
      throw new IllegalStateException("a testbed is already up; close it first");
    }
    Path scripts = findScripts()
        .orElseThrow(() -> new IllegalStateException("testbed/up not found above "
            + System.getProperty("user.dir")));
    FileLock owner = ownMachineWideLock();
    // Registered before up runs, so even a half-built testbed goes away when the JVM does.
    Thread hook = new Thread(() -> down(scripts), "testbed-down");
    Runtime.getRuntime().addShutdownHook(hook);
    Testbed testbed = new Testbed(scripts, nodes, hook, owner);
    current = testbed;
    Result up;
    try {
      up = capture(List.of(scripts.resolve("up").toString(), Integer.toString(nodes)), env,
          UP_TIMEOUT_PER_NODE.multipliedBy(nodes));
    } catch (RuntimeException | AssertionError e) {
      testbed.close();
      throw e;
    }
    if (up.exitCode != 0) {
      testbed.close();
      throw new IllegalStateException("testbed/up " + nodes + " failed: " + up.output());
    }
    System.out.print(up.stdout);
    return testbed;
  }

  public int nodes() {
    return nodes;
  }

  /** The backbone address of node K: 10.0.0.K. */
  public static String address(int node) {
    return BACKBONE + node;
  }

  /** Nodes 1 to {@code nodes} for {@code --hosts}: "10.0.0.1,10.0.0.2,...". */
  public static String addresses(int nodes) {
    return IntStream.rangeClosed(1, nodes).mapToObj(Testbed::address)
        .collect(Collectors.joining(","));
  }

  /** Where the scripts keep PIDs, keys and per-node folders. */
  public static Path stateDir() {
    String dir = System.getenv("PICLUSTER_TESTBED_DIR");
    return Path.of(dir == null || dir.isEmpty() ? "/run/picluster-testbed" : dir);
  }

  /** PID of the process that holds node K's namespaces, if the node is up. */
  public OptionalLong holderPid(int node) {
    return pidFile(stateDir().resolve("node" + node).resolve("holder.pid"));
  }

  /** PID of node K's sshd, if it is up. */
  public OptionalLong sshdPid(int node) {
    return pidFile(stateDir().resolve("node" + node).resolve("sshd.pid"));
  }

  /** Runs CMD as root inside node K. */
  public Result run(int node, String... command) {
    return exec(COMMAND_TIMEOUT, null, node, List.of(command));
  }

  /** Runs CMD as USER inside node K, in that user's (per-node) home folder. */
  public Result runAs(String user, int node, String... command) {
    return exec(COMMAND_TIMEOUT, user, node, List.of(command));
  }

  /** Runs CMD inside node K as USER (root if null), killing it after TIMEOUT. */
  public Result exec(Duration timeout, String user, int node, List<String> command) {
    return capture(command(user, node, command), timeout);
  }

  /**
   * Starts CMD inside node K as USER (root if null) and returns at once, for commands a test
   * wants to signal or watch. {@code testbed/sh} execs the command, so the process's PID is the
   * command's own. Its output goes to the given redirects.
   */
  public Process start(String user, int node, List<String> command, Redirect out, Redirect err) {
    try {
      return new ProcessBuilder(command(user, node, command))
          .redirectInput(Redirect.from(new File("/dev/null")))
          .redirectOutput(out)
          .redirectError(err)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prefix that starts a command with SIGINT handled by default (coreutils' env, 8.31 or later). */
  public static final List<String> SIGINT_AT_DEFAULT = List.of("env", "--default-signal=INT");

  /** The command line that runs CMD inside node K as USER (root if null). */
  public List<String> command(String user, int node, List<String> command) {
    if (node < 1 || node > nodes) {
      throw new IllegalArgumentException("no node" + node + " in a testbed of " + nodes);
    }
    List<String> line = new ArrayList<>();
    // A Maven started in the background (`mvn verify &`) ignores SIGINT, and so would everything
    // started from it: a JVM never handles a signal ignored when it started. Tests send SIGINT
    // (Ctrl-C) to launchers, so every node command starts with SIGINT at its default.
    line.addAll(SIGINT_AT_DEFAULT);
    line.add(scripts.resolve("sh").toString());
    line.add(Integer.toString(node));
    if (user != null) {
      line.add("--user");
      line.add(user);
    }
    line.addAll(command);
    return line;
  }

  /** Removes the testbed (idempotent). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to; down is idempotent
    }
    try {
      Result down = down(scripts);
      if (down.exitCode != 0) {
        throw new IllegalStateException("testbed/down failed: " + down.output());
      }
    } finally {
      release(owner);
    }
  }

  /** As if this JVM had been killed: forgets the testbed without taking it down (for tests). */
  synchronized void abandon() {
    closed = true;
    Runtime.getRuntime().removeShutdownHook(shutdownHook);
    release(owner);
  }

  private static void release(FileLock lock) {
    OwnerLock.release(lock);
  }

  private static Result down(Path scripts) {
    return capture(List.of(scripts.resolve("down").toString()), DOWN_TIMEOUT);
  }

  /** The repo's testbed/ folder: Maven runs tests in the module folder, one below the root. */
  private static Optional<Path> findScripts() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
      if (Files.isExecutable(dir.resolve("testbed").resolve("up"))) {
        return Optional.of(dir.resolve("testbed"));
      }
    }
    return Optional.empty();
  }

  /** PATH, plus the sbin folders a non-login root shell may lack. */
  private static Optional<Path> findTool(String name) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "")
        .split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin"));
    return dirs.stream()
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static OptionalLong pidFile(Path file) {
    try {
      return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Runs a command to its end with output in temporary files (not pipes: a daemon that inherits
   * them must not keep us waiting), killing it and its descendants after TIMEOUT.
   */
  static Result capture(List<String> command, Duration timeout) {
    return capture(command, Map.of(), timeout);
  }

  /** As {@link #capture(List, Duration)}, with ENV added to this JVM's environment. */
  private static Result capture(List<String> command, Map<String, String> env, Duration timeout) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("testbed-out", ".txt");
      err = Files.createTempFile("testbed-err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(env);
      Process process = builder
          .redirectInput(Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(String.join(" ", command) + " did not end within " + timeout
            + "\n--- stdout\n" + Files.readString(out) + "--- stderr\n" + Files.readString(err));
      }
      return new Result(process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temp file left behind is harmless
      }
    }
  }
}
