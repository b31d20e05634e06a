package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.it.testbed.Testbed.Result;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * picluster on the JVMs a Raspberry Pi runs: Debian's openjdk-17 for arm64 and for 32-bit armhf,
 * started here under qemu's user-mode emulation ({@code .ci/run} installs them and
 * qemu-user-static). Four ranks as threads of one such JVM count the primes below 100000 (the
 * launcher, the in-JVM PMI, shared memory between threads, the 32-bit JVM's class-data archive);
 * four such JVMs as rank processes of a launcher here soak their shared memory with checked random
 * traffic (PMI over TCP, rings between processes, package mpi). Emulation runs them on this
 * machine's memory order, so it does not show that the rings are right on arm's weaker one (that
 * rests on their acquire and release accesses); it shows that nothing else differs there.
 */
class PiJvmsTest {
  private static final Duration LIVENESS = Duration.ofMinutes(5);

  @TempDir Path dir;

  @Test
  void primesAsFourThreadsOfAnArm64Jvm() throws Exception {
    primesAsFourThreads("arm64", "qemu-aarch64-static");
  }

  @Test
  void primesAsFourThreadsOfAnArmhfJvm() throws Exception {
    primesAsFourThreads("armhf", "qemu-arm-static");
  }

  @Test
  void soakBetweenFourArm64RankProcesses() throws Exception {
    soakBetweenFourRankProcesses("arm64", "qemu-aarch64-static");
  }

  @Test
  void soakBetweenFourArmhfRankProcesses() throws Exception {
    soakBetweenFourRankProcesses("armhf", "qemu-arm-static");
  }

  private void primesAsFourThreads(String arch, String qemu) throws Exception {
    List<String> command = new ArrayList<>(piJava(arch, qemu));
    command.addAll(List.of("-jar", ExamplesProject.launcherJar().toString(), "run", "-n", "4", "primes", "100000"));
    Result r = run(command);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).startsWith("Find all primes up to: 100000\nNodes: 4\n")
        .endsWith("Primes discovered: 9592\n");
  }

  private void soakBetweenFourRankProcesses(String arch, String qemu) throws Exception {
    long seed = System.nanoTime();
    System.out.println(arch + " soak seed " + seed);
    List<String> command = new ArrayList<>(PiclusterJar.command(ExamplesProject.launcherJar(), "exec", "-n", "4"));
    command.addAll(piJava(arch, qemu));
    // A heap that grows as needed, so that the soak judges what the JVM holds: an emulated JVM's
    // resident memory is qemu's too, whose translated code grows (arm64: 8.6 to 9.4 % of a fixed,
    // touched heap's JVM after the warm-up, against the soak's 10 % limit; what the JVM holds: 1.5 %).
    command.addAll(List.of("-Xmx128m", "-cp",
        ExamplesProject.launcherJar().toString(), "io.picluster.jobs.JobMain", "soak", "20000", "" + seed));
    Result r = run(command);
    assertThat(SoakReport.assertClean(r, 4, 20000).measure()).as(r.output()).isEqualTo(SoakReport.IN_USE);
  }

  /** {@code QEMU JAVA} for Debian's openjdk-17 of ARCH, or the test is skipped saying what to install. */
  private static List<String> piJava(String arch, String qemu) {
    Path java = Path.of("/usr/lib/jvm/java-17-openjdk-" + arch + "/bin/java");
    Path emulator = Path.of("/usr/bin", qemu);
    assumeTrue(Files.isExecutable(java) && Files.isExecutable(emulator), () -> "no " + java + " or "
        + emulator + ": dpkg --add-architecture " + arch + "; apt-get update; apt-get install"
        + " qemu-user-static openjdk-17-jre-headless:" + arch + " (as .ci/run does)");
    return List.of(emulator.toString(), java.toString());
  }

  private Result run(List<String> command) throws IOException, InterruptedException {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(LIVENESS.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(command + " did not end within " + LIVENESS.toMinutes() + " min\n"
          + Files.readString(out, StandardCharsets.UTF_8));
    }
    System.out.printf("%s: exit %d in %.1f s%n", command, p.exitValue(), (System.nanoTime() - start) / 1e9);
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
