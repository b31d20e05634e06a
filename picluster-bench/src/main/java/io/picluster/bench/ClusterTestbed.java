package io.picluster.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repository's {@code testbed/} (N namespace "Pis" with sshd on 10.0.0.K) for the bench: up,
 * commands inside a node through {@code testbed/sh}, and down again, also from a JVM shutdown hook
 * when the bench fails or is stopped.
 *
 * <p>There is one testbed per machine and {@code up} replaces whatever is there, so while it is up
 * the bench holds the same machine-wide owner lock as the JUnit fixture
 * ({@code io.picluster.it.testbed.Testbed}: a {@link FileLock} on
 * {@code /run/picluster-testbed.owner.lock}); bench and tests take turns, and the kernel drops the
 * lock when a JVM dies.
 */
final class ClusterTestbed implements AutoCloseable {
  /** The login user on every node (the scripts' default). */
  static final String USER = "pi";

  private static final Duration UP_TIMEOUT_PER_NODE = Duration.ofSeconds(60);
  private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(180);
  /** Tests hold the testbed for one test class at a time; a whole suite can take a while. */
  private static final Duration OWNER_WAIT = Duration.ofMinutes(30);
  private static final String[] TOOLS = {
    "ip", "unshare", "nsenter", "setpriv", "flock", "ss", "ssh", "ssh-keygen", "useradd", "getent",
    "sshd", "mpiexec.mpich", "primesieve"
  };

  private final Path scripts;
  private final int nodes;
  private final FileLock owner;
  private final Thread shutdownHook;
  private boolean closed;

  private ClusterTestbed(Path scripts, int nodes, FileLock owner, Thread shutdownHook) {
    this.scripts = scripts;
    this.nodes = nodes;
    this.owner = owner;
    this.shutdownHook = shutdownHook;
  }

  /** Why the testbed cannot run here (not Linux, not root, a tool missing), or empty if it can. */
  static Optional<String> unusableBecause(Path root) {
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      return Optional.of("the testbed needs Linux namespaces");
    }
    if (!Files.isExecutable(root.resolve("testbed/up"))) {
      return Optional.of(root.resolve("testbed/up") + " not found");
    }
    try {
      String uid = Command.run(List.of("id", "-u"), root, Map.of(), Duration.ofSeconds(30))
          .requireSuccess().stdout().strip();
      if (!uid.equals("0")) {
        return Optional.of("not root (the testbed needs namespaces, sshd and useradd)");
      }
    } catch (RunFailed e) {
      return Optional.of("cannot tell the user id: " + e.getMessage());
    }
    List<String> missing = new ArrayList<>();
    for (String tool : TOOLS) {
      if (findTool(tool).isEmpty()) {
        missing.add(tool);
      }
    }
    if (!missing.isEmpty()) {
      return Optional.of("missing " + String.join(", ", missing) + " (apt-get install -y iproute2"
          + " util-linux openssh-server openssh-client passwd mpich primesieve-bin)");
    }
    return Optional.empty();
  }

  /**
   * Waits for the machine-wide owner lock, then brings up node1..nodeN (replacing any earlier
   * testbed). Whatever happens next, {@link #close} or the shutdown hook takes it down again.
   */
  static ClusterTestbed up(Path root, int nodes, PrintStream out) throws RunFailed {
    Path scripts = root.resolve("testbed");
    FileLock owner = ownMachineWideLock(out);
    // Registered before up runs, so even a half-built testbed goes away when the JVM does.
    Thread hook = new Thread(() -> {
      // The bench was stopped mid-run: end the command it is waiting for (ours, by PID) first.
      ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
      try {
        down(scripts);
      } catch (RunFailed e) {
        System.err.println("bench: testbed/down failed: " + e.getMessage());
      }
    }, "bench-testbed-down");
    Runtime.getRuntime().addShutdownHook(hook);
    ClusterTestbed testbed = new ClusterTestbed(scripts, nodes, owner, hook);
    try {
      Command.run(List.of(scripts.resolve("up").toString(), Integer.toString(nodes)), root,
          Map.of(), UP_TIMEOUT_PER_NODE.multipliedBy(nodes)).requireSuccess();
      return testbed;
    } catch (RunFailed | RuntimeException e) {
      try {
        testbed.close();
      } catch (RunFailed downFailed) {
        e.addSuppressed(downFailed);
      }
      if (e instanceof RunFailed failed) {
        throw new RunFailed("testbed/up " + nodes + " failed: " + failed.getMessage());
      }
      throw e;
    }
  }

  /** Where the scripts keep their state; the owner lock is beside it (same rule as the scripts). */
  static Path stateDir() {
    String dir = System.getenv("PICLUSTER_TESTBED_DIR");
    return Path.of(dir == null || dir.isEmpty() ? "/run/picluster-testbed" : dir);
  }

  /** The same lock, on the same file, as the JUnit fixture's {@code ownMachineWideLock}. */
  private static FileLock ownMachineWideLock(PrintStream out) throws RunFailed {
    Path file = Path.of(stateDir() + ".owner.lock");
    long deadline = System.nanoTime() + OWNER_WAIT.toNanos();
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      boolean said = false;
      while (true) {
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
          lock = null;
        }
        if (lock != null) {
          if (said) {
            out.println("    testbed: got " + file);
          }
          return lock;
        }
        if (System.nanoTime() > deadline) {
          channel.close();
          throw new RunFailed("another process has held " + file + " (a testbed) for "
              + OWNER_WAIT.toMinutes() + " min; is a test stuck?");
        }
        if (!said) {
          out.println("    testbed: waiting for another process's testbed (" + file + "), up to "
              + OWNER_WAIT.toMinutes() + " min");
          said = true;
        }
        Thread.sleep(500);
      }
    } catch (IOException e) {
      closeQuietly(channel);
      throw new RunFailed("cannot lock " + file + ": " + e.getMessage());
    } catch (InterruptedException e) {
      closeQuietly(channel);
      Thread.currentThread().interrupt();
      throw new RunFailed("interrupted while waiting for " + file);
    }
  }

  int nodes() {
    return nodes;
  }

  /** The backbone address of node K. */
  static String address(int node) {
    return "10.0.0." + node;
  }

  /** The addresses of node1..nodeN, comma-separated, as --hosts and -hosts take them. */
  String hostList() {
    List<String> hosts = new ArrayList<>();
    for (int k = 1; k <= nodes; k++) {
      hosts.add(address(k));
    }
    return String.join(",", hosts);
  }

  /** The command line that runs CMD inside node K as USER, in that user's home folder. */
  List<String> inNode(int node, String user, List<String> command) {
    if (node < 1 || node > nodes) {
      throw new IllegalArgumentException("no node" + node + " in a testbed of " + nodes);
    }
    List<String> line = new ArrayList<>(List.of(scripts.resolve("sh").toString(),
        Integer.toString(node), "--user", user));
    line.addAll(command);
    return line;
  }

  /** Takes the testbed down (idempotent) and lets the next owner have it. */
  @Override
  public synchronized void close() throws RunFailed {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs down as well; down is idempotent
    }
    try {
      down(scripts);
    } finally {
      closeQuietly(owner.channel()); // releases the lock
    }
  }

  private static void down(Path scripts) throws RunFailed {
    Command.run(List.of(scripts.resolve("down").toString()), scripts, Map.of(), DOWN_TIMEOUT)
        .requireSuccess();
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

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the kernel drops the lock with the JVM anyway
      }
    }
  }
}
