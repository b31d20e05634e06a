package io.picluster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.testkit.NoOpJavaAgent;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package as a user installs it: dpkg installs it into a clean root whose package
 * database holds only this machine's Java runtime (so its Depends line is checked for real, not
 * forced), and {@code /usr/bin/picluster} then runs from that root: in a private mount namespace,
 * the root's /usr is laid read-only over this machine's (an overlay), so the wrapper finds the jar
 * at the path the package put it and the system's java as a Pi's would. Runs in the package phase.
 */
@Timeout(300)
class PackagedDebTest {
  private static Path deb;

  @TempDir Path dir;

  @BeforeAll
  static void onlyOnThePackageJustBuilt() {
    String path = System.getProperty("picluster.deb");
    assumeTrue(path != null, "runs in the package phase, on the package just built");
    deb = Path.of(path);
  }

  private record Result(int code, String out) {}

  private Result run(List<String> cmd) throws IOException, InterruptedException {
    return run(cmd, Map.of());
  }

  private Result run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
    Path out = dir.resolve("out-" + System.nanoTime());
    ProcessBuilder b = new ProcessBuilder(cmd);
    b.environment().remove("XDG_CACHE_HOME");
    b.environment().putAll(env);
    Process p = b.redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).directory(dir.toFile()).start();
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("did not finish: " + cmd);
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  /** A root with an empty dpkg database but for the installed packages that provide Java 17+. */
  private Path cleanRoot() throws IOException {
    Path root = dir.resolve("root");
    Path admin = Files.createDirectories(root.resolve("var/lib/dpkg"));
    Files.createDirectories(admin.resolve("info"));
    Files.createDirectories(admin.resolve("updates"));
    StringBuilder java = new StringBuilder();
    for (String stanza : Files.readString(Path.of("/var/lib/dpkg/status")).split("\n\n")) {
      boolean installed = stanza.contains("\nStatus: install ok installed");
      boolean provides = stanza.startsWith("Package: openjdk-17-jre-headless\n")
          || stanza.matches("(?s).*\nProvides: [^\n]*java17-runtime-headless.*");
      if (installed && provides) {
        java.append(stanza.strip()).append("\n\n");
      }
    }
    Files.writeString(admin.resolve("status"), java.toString());
    return root;
  }

  @Test
  void installsIntoACleanRootAndRunsTheTutorialsJobFromUsrBin() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "needs dpkg (a Debian system)");
    assumeTrue("root".equals(System.getProperty("user.name")), "installing a package needs root");
    assumeTrue(run(List.of("unshare", "--mount", "true")).code() == 0,
        "needs unshare --mount (a private mount namespace) to run from the installed root");
    Path root = cleanRoot();

    Result install = run(List.of("dpkg", "--root=" + root, "--log=/dev/null", "-i", deb.toString()));
    assertThat(install.code()).as(install.out()).isZero();

    Result files = run(List.of("dpkg-query", "--admindir=" + root.resolve("var/lib/dpkg"), "-L", "picluster"));
    List<String> expected = new ArrayList<>(List.of("/usr/bin/picluster", "/usr/share/picluster/picluster.jar",
        "/usr/share/bash-completion/completions/picluster", "/usr/share/man/man1/picluster.1.gz"));
    for (String command : PicocliMain.commandLine().getSubcommands().keySet()) {
      expected.add("/usr/share/man/man1/picluster-" + command + ".1.gz");
    }
    assertThat(files.out().lines()).containsAll(expected);
    assertThat(Files.isExecutable(root.resolve("usr/bin/picluster"))).isTrue();

    String overlay = "mount -t overlay picluster-deb -o lowerdir=" + root.resolve("usr") + ":/usr /usr"
        + " && exec /usr/bin/picluster \"$@\"";
    Path home = Files.createDirectories(dir.resolve("home"));
    List<String> picluster = List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", overlay, "sh");
    // The first command's JAVA_TOOL_OPTIONS load a Java agent (as a profiler would), which is the
    // user's command's own: the recording of the archive runs without it (the JVM would refuse).
    String agent = "-javaagent:" + NoOpJavaAgent.jarIn(dir);
    Result primes = run(concat(picluster, "run", "-n", "2", "primes", "1e6"),
        Map.of("HOME", home.toString(), "JAVA_TOOL_OPTIONS", agent));
    assertThat(primes.code()).as(primes.out()).isZero();
    assertThat(primes.out()).contains("Nodes: 2").contains("Primes discovered: 78498").contains(agent);

    // The first command recorded the launcher's classes into the user's cache; the next starts from them.
    Path cache = home.resolve(".cache/picluster");
    try (Stream<Path> cached = Files.list(cache)) {
      assertThat(cached.map(f -> f.getFileName().toString()))
          .singleElement().asString().startsWith("launcher.").endsWith(".jsa");
    }
    Path log = dir.resolve("class-load.log");
    Result hostname = run(concat(picluster, "run", "-n", "2", "hostname"), Map.of("HOME", home.toString(),
        "JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log));
    assertThat(hostname.code()).as(hostname.out()).isZero();
    assertThat(Files.readString(log)).contains("io.picluster.cli.Main source: shared objects file (top)");
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }

  @Test
  void bashCompletesEveryCommandAndTheJobs() throws Exception {
    Path root = dir.resolve("x");
    Result unpack = run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()));
    assumeTrue(unpack.code() == 0, "needs dpkg-deb: " + unpack.out());
    Path completion = root.resolve("usr/share/bash-completion/completions/picluster");

    assertThat(complete(completion, "picluster ")).contains("exec", "run", "doctor", "install", "status");
    assertThat(complete(completion, "picluster run ")).contains("primes", "hostname", "pingpong");
    assertThat(complete(completion, "picluster exec --ho")).contains("--hosts", "--hostfile");
  }

  /** What bash's completion offers for {@code line} (words split at spaces, the last may be empty). */
  private List<String> complete(Path completion, String line) throws Exception {
    String script = "source \"$1\" 2>/dev/null; read -ra COMP_WORDS <<< \"$2\";"
        + " [[ $2 == *' ' ]] && COMP_WORDS+=('');"
        + " COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE=\"$2\"; COMP_POINT=${#2};"
        + " _complete_picluster 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
    Result r = run(List.of("bash", "-c", script, "bash", completion.toString(), line));
    assertThat(r.code()).as(r.out()).isZero();
    return r.out().lines().toList();
  }
}
