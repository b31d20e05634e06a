package io.picluster.it.slurm;

import io.picluster.it.testbed.OwnerLock;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Slurm testbed ({@code testbed/slurm}): snode1..snodeN in namespaces with slurmctld, one slurmd
 * each and munge, brought up by a test class and taken down again. Commands run inside a node with
 * {@code SLURM_CONF} set ({@code testbed/slurm sh K ...}), as root. A test JVM holds its
 * machine-wide {@link OwnerLock} from up to down, so two builds on one machine take turns (two once
 * brought it up over each other's running test).
 */
public final class SlurmTestbed implements AutoCloseable {
  private static final Duration UP_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration OWNER_WAIT = Duration.ofMinutes(15);
  private static final String[] DAEMONS = {"/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged"};

  private final Path script;
  private final int nodes;
  private final FileLock owner;

  public record Result(int exitCode, String stdout, String stderr, Duration took) {
    public String output() {
      return "exit " + exitCode + " in " + took.toMillis() + " ms\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  private SlurmTestbed(Path script, int nodes, FileLock owner) {
    this.script = script;
    this.nodes = nodes;
    this.owner = owner;
  }

  /** Skips the calling test, saying why, where the Slurm testbed cannot run. */
  public static void assumeUsable() {
    Assumptions.assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false),
        "slurm testbed skipped: needs root (namespaces, slurmd)");
    for (String d : DAEMONS) {
      Assumptions.assumeTrue(Files.isExecutable(Path.of(d)),
          "slurm testbed skipped: " + d + " is missing (apt-get install slurmctld slurmd slurm-client munge)");
    }
    Assumptions.assumeTrue(script().isPresent(), "slurm testbed skipped: no testbed/slurm above " + Path.of("").toAbsolutePath());
  }

  public static SlurmTestbed up(int nodes) {
    Path script = script().orElseThrow();
    FileLock owner = OwnerLock.take(Path.of(stateDir() + ".owner.lock"), OWNER_WAIT);
    SlurmTestbed bed = new SlurmTestbed(script, nodes, owner);
    Result r = run(List.of(script.toString(), "up", Integer.toString(nodes)), UP_TIMEOUT);
    if (r.exitCode() != 0) {
      run(List.of(script.toString(), "down"), UP_TIMEOUT);
      OwnerLock.release(owner);
      throw new AssertionError("testbed/slurm up " + nodes + " failed: " + r.output());
    }
    return bed;
  }

  public int nodes() {
    return nodes;
  }

  /** The state folder the script keeps logs in. */
  public static Path stateDir() {
    return Path.of("/run/picluster-slurmbed");
  }

  /** Runs COMMAND in node K with SLURM_CONF set, killed after TIMEOUT. */
  public Result on(int node, Duration timeout, String... command) {
    return on(node, timeout, List.of(command));
  }

  public Result on(int node, Duration timeout, List<String> command) {
    List<String> line = new ArrayList<>(List.of(script.toString(), "sh", Integer.toString(node)));
    line.addAll(command);
    return run(line, timeout);
  }

  /** Starts COMMAND in node K, its output to files in DIR (out.txt, err.txt). */
  public Process start(int node, Path dir, List<String> command) throws IOException {
    List<String> line = new ArrayList<>(List.of(script.toString(), "sh", Integer.toString(node)));
    line.addAll(command);
    return new ProcessBuilder(line).redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile()).start();
  }

  @Override
  public void close() {
    try {
      Result r = run(List.of(script.toString(), "down"), UP_TIMEOUT);
      if (r.exitCode() != 0) {
        System.err.println("testbed/slurm down: " + r.output());
      }
    } finally {
      OwnerLock.release(owner);
    }
  }

  static Result run(List<String> command, Duration timeout) {
    long start = System.nanoTime();
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("slurmbed", ".out");
      err = Files.createTempFile("slurmbed", ".err");
      Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      int code;
      if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        code = p.exitValue();
      } else {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        code = -1;
      }
      return new Result(code, Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8) + (code == -1 ? "\n(killed after " + timeout + ")" : ""),
          Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command);
    } finally {
      try {
        if (out != null) {
          Files.deleteIfExists(out);
        }
        if (err != null) {
          Files.deleteIfExists(err);
        }
      } catch (IOException ignored) {
        // a temp file left over
      }
    }
  }

  /** The repo's testbed/slurm: Maven runs tests in the module folder, one below the root. */
  private static Optional<Path> script() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path s = dir.resolve("testbed").resolve("slurm");
      if (Files.isExecutable(s)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
