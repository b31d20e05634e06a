package io.picluster.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * MPJ Express 0.44 from Debian's libmpj-java, made to run. Its launchers fail out of the box: the
 * jars' manifests name log4j and commons-* beside themselves, where the package does not put them,
 * and a symlinked jar does not help (the JVM resolves the manifest against the link's target). So
 * this builds a private MPJ_HOME of real copies (the research note's recipe), with a configuration
 * whose ports are free ones, and runs MPJ Express's own per-host daemon from it for niodev.
 *
 * <p>Everything stays on this machine: the machines file names localhost. The daemon, mpjrun and
 * the niodev ranks listen on all interfaces (MPJ Express has no option to choose one), but all
 * traffic goes over loopback.
 */
final class MpjExpress implements AutoCloseable {
  /** Where Debian's libmpj-java puts things; bin/bench checks for the first. */
  static final Path PACKAGED_JAR = Path.of("/usr/share/java/mpj.jar");
  private static final Path PACKAGED_LIB = Path.of("/usr/share/mpj/lib");
  private static final Path PACKAGED_CONF = Path.of("/usr/share/mpj/conf/mpjexpress.conf");
  private static final Path SHARED_JARS = Path.of("/usr/share/java");
  private static final String VERSION_SUFFIX = "-0.44.jar";
  /** The jars MPJ Express's manifests expect beside its own (log4j 1.2 for mpjrun and ranks). */
  private static final List<String> DEPENDENCIES =
      List.of("log4j-1.2", "commons-cli", "commons-codec", "commons-io");
  private static final long DAEMON_START_MS = 30_000;

  private final Path home;
  private final int daemonPort;
  private Process daemon;

  private MpjExpress(Path home, int daemonPort) {
    this.home = home;
    this.daemonPort = daemonPort;
  }

  /** Null when the package is installed, else what to do about it. */
  static String missing() {
    return Files.isRegularFile(PACKAGED_JAR) && Files.isDirectory(PACKAGED_LIB)
        && Files.isRegularFile(PACKAGED_CONF)
        ? null : "MPJ Express is not installed; run: apt-get install -y libmpj-java";
  }

  /** The jar to compile mpiJava 1.2 programs against. */
  static String compileClasspath() {
    return PACKAGED_JAR.toString();
  }

  /**
   * Builds MPJ_HOME in {@code home} (a scratch directory): enough for the multicore device; niodev
   * also needs {@link #startDaemon}. Close the result to end the daemon and every rank it started.
   */
  static MpjExpress install(Path home) throws RunFailed {
    String problem = missing();
    if (problem != null) {
      throw new RunFailed(problem);
    }
    int[] ports = freePorts(3);
    try {
      Path lib = Files.createDirectories(home.resolve("lib"));
      try (DirectoryStream<Path> jars = Files.newDirectoryStream(PACKAGED_LIB, "*" + VERSION_SUFFIX)) {
        for (Path jar : jars) {
          String name = jar.getFileName().toString();
          Files.copy(jar, lib.resolve(name.substring(0, name.length() - VERSION_SUFFIX.length()) + ".jar"));
        }
      }
      for (String name : DEPENDENCIES) {
        Files.copy(SHARED_JARS.resolve(name + ".jar"), lib.resolve(name + ".jar"));
      }
      Path conf = Files.createDirectories(home.resolve("conf"));
      Files.writeString(conf.resolve("mpjexpress.conf"),
          withPorts(Files.readString(PACKAGED_CONF, StandardCharsets.UTF_8), ports),
          StandardCharsets.UTF_8);
      Files.writeString(home.resolve("machines"), "localhost\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new RunFailed("cannot set up MPJ_HOME in " + home + ": " + e.getMessage());
    }
    return new MpjExpress(home, ports[0]);
  }

  /** Sets the daemon, port-manager and mpjrun ports of a packaged mpjexpress.conf. */
  static String withPorts(String conf, int[] ports) throws RunFailed {
    String[] keys = {"mpjexpress.mpjdaemon.port.1", "mpjexpress.mpjdaemon.port.2", "mpjexpress.mpjrun.port.1"};
    String result = conf;
    for (int i = 0; i < keys.length; i++) {
      String replaced = result.replaceFirst("(?m)^" + keys[i].replace(".", "\\.") + "=.*$",
          keys[i] + "=" + ports[i]);
      if (replaced.equals(result) && !result.contains(keys[i] + "=" + ports[i])) {
        throw new RunFailed("MPJ Express's mpjexpress.conf has no '" + keys[i] + "=' line;"
            + " is libmpj-java 0.44 installed?");
      }
      result = replaced;
    }
    return result;
  }

  /** The environment MPJ Express's launcher needs. */
  Map<String, String> env() {
    return Map.of("MPJ_HOME", home.toString());
  }

  /** mpjrun for the multicore device: {@code ranks} threads in one JVM. */
  List<String> multicore(int ranks, Path classes, String mainClass) {
    return mpjrun(List.of("-np", Integer.toString(ranks)), classes, mainClass);
  }

  /** mpjrun for niodev: {@code ranks} JVMs started by the daemon, talking over loopback TCP. */
  List<String> niodev(int ranks, Path classes, String mainClass) {
    return mpjrun(List.of("-np", Integer.toString(ranks), "-dev", "niodev",
        "-machinesfile", home.resolve("machines").toString(), "-wdir", classes.toString()),
        classes, mainClass);
  }

  private List<String> mpjrun(List<String> options, Path classes, String mainClass) {
    List<String> argv = new ArrayList<>(List.of(Jdk.tool("java"), "-jar",
        home.resolve("lib/starter.jar").toString()));
    argv.addAll(options);
    argv.addAll(List.of("-cp", classes.toString(), mainClass));
    return argv;
  }

  /** Ends the daemon and whatever it still runs (ranks of a job that hung), by process id. */
  @Override
  public void close() {
    if (daemon != null) {
      stop(daemon);
      daemon = null;
    }
  }

  private static void stop(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts the daemon niodev jobs go through (what mpjboot runs on each host over ssh; here
   * directly, its output to a log file); returns once it listens.
   */
  void startDaemon() throws RunFailed {
    if (daemon == null) {
      daemon = daemonListening(home, daemonPort);
    }
  }

  private static Process daemonListening(Path home, int port) throws RunFailed {
    File log = home.resolve("daemon.log").toFile();
    Process p;
    try {
      ProcessBuilder pb = new ProcessBuilder(Jdk.tool("java"), "-cp",
          home.resolve("lib/daemon.jar").toString(), "runtime.daemon.MPJDaemon", Integer.toString(port))
          .directory(home.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(log)
          .redirectErrorStream(true);
      pb.environment().put("MPJ_HOME", home.toString());
      p = pb.start();
    } catch (IOException e) {
      throw new RunFailed("cannot start the MPJ Express daemon: " + e.getMessage());
    }
    // Readiness without talking to it: a connection that sends no job makes it log stack traces.
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DAEMON_START_MS);
    try {
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new RunFailed("the MPJ Express daemon exited with " + p.exitValue() + ": "
              + firstLine(log.toPath()));
        }
        if (listening(port)) {
          return p;
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RunFailed e) {
      stop(p);
      throw e;
    }
    stop(p);
    throw new RunFailed("the MPJ Express daemon did not listen on port " + port + " within "
        + DAEMON_START_MS / 1000 + " s");
  }

  /**
   * True if a socket listens on TCP {@code port} (we picked it free, so it is the daemon's), read
   * from the kernel's tables: binding the port to test it could take it from the daemon.
   */
  static boolean listening(int port) {
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      try {
        for (String line : Files.readAllLines(Path.of(table), StandardCharsets.US_ASCII)) {
          // "sl local_address rem_address st ...": state 0A is LISTEN.
          String[] f = line.strip().split("\\s+");
          if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
            return true;
          }
        }
      } catch (IOException e) {
        // no such table (no IPv6): look in the other
      }
    }
    return false;
  }

  /** {@code n} distinct ports free right now (all held open together while choosing). */
  private static int[] freePorts(int n) throws RunFailed {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new RunFailed("cannot find free ports for MPJ Express: " + e.getMessage());
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing a listener we never used cannot matter
        }
      }
    }
  }

  private static String firstLine(Path log) {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("(no output)");
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
