package io.picluster.setup.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The status probe: its output parsed into a NodeStatus, the ways a node is down, the clock
 * arithmetic, and the real script run here with sh (no ssh) against a fake /proc and /sys.
 */
class StatusProbeTest {
  private static final Node NODE = new Node("node2", "10.0.0.2", "pi");
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  @TempDir Path home;

  private static final String OUTPUT = String.join("\n",
      "Welcome to node2!", // a chatty .bashrc: ignored
      StatusProbe.BEGIN,
      "clock_start=1700000000100000000",
      ProbeSession.CLOCK_ASK,
      "hostname=node2",
      "arch=aarch64",
      "os_pretty_name=\"Debian GNU/Linux 12 (bookworm)\"",
      "model=Raspberry Pi 4 Model B Rev 1.4",
      "loadavg1=0.52",
      "cpus=4",
      "mem_MemTotal=7999912",
      "mem_MemFree=6000000",
      "mem_MemAvailable=7168000",
      "mem_Buffers=1000",
      "mem_Cached=500000",
      "uptime=273600.25",
      "temp_millic=48150",
      "throttled_vcgencmd=throttled=0x50005",
      "disk_root=30000000 22347776",
      "disk_home=30000000 22347000",
      "java_path=/usr/bin/java",
      "java_version=JAVA_VERSION=\"17.0.15\"",
      "picluster_jar=/home/pi/.local/share/picluster/picluster.jar",
      "picluster_version=0.1.0",
      "picluster_sha256=" + "ab".repeat(32),
      "clock_end=1700000000200000000",
      StatusProbe.END,
      "");

  private static NodeShell.Result result(String stdout) {
    return new NodeShell.Result(NODE, 0, stdout, "", false);
  }

  @Test
  void parsesEveryValue() {
    NodeStatus s = StatusProbe.parse(NODE, result(OUTPUT), 1_700_000_000_000_000L,
        1_700_000_000_300_000L, DEADLINE);

    assertThat(s.up()).isTrue();
    assertThat(s.error()).isNull();
    assertThat(s.hostname()).isEqualTo("node2");
    assertThat(s.arch()).isEqualTo("aarch64");
    assertThat(s.os()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(s.model()).isEqualTo("Raspberry Pi 4 Model B Rev 1.4");
    assertThat(s.javaPath()).isEqualTo("/usr/bin/java");
    assertThat(s.javaVersion()).isEqualTo("17.0.15");
    assertThat(s.javaMajor()).isEqualTo(17);
    assertThat(s.piclusterVersion()).isEqualTo("0.1.0");
    assertThat(s.piclusterLabel()).isEqualTo("0.1.0 (abababab)");
    assertThat(s.jarSha256()).isNull(); // only install's probe measures it
    assertThat(s.load1()).isEqualTo(0.52);
    assertThat(s.cpus()).isEqualTo(4);
    assertThat(s.memTotalMib()).isEqualTo(7812);
    assertThat(s.memUsedMib()).isEqualTo((7999912 - 7168000) / 1024);
    assertThat(s.rootFreeGib()).isCloseTo(21.31, within(0.01));
    assertThat(s.homeFreeKib()).isEqualTo(22347000);
    assertThat(s.temperatureC()).isEqualTo(48.15);
    assertThat(s.throttled()).isEqualTo(0x50005);
    assertThat(s.throttleSource()).isEqualTo("vcgencmd");
    assertThat(s.uptimeSeconds()).isEqualTo(273600.25);
    // node's start 100 ms after ours at the earliest, its end 100 ms before ours at the latest:
    // offset in [-100 ms, +100 ms], midpoint 0, half width 100 ms
    assertThat(s.clockOffsetMs()).isCloseTo(0.0, within(0.001));
    assertThat(s.clockUncertaintyMs()).isCloseTo(100.0, within(0.001));
  }

  @Test
  void roundTripsGiveTheClockOffsetFromTheShortestOne() {
    long t = 1_700_000_000_000_000L;
    List<ProbeSession.Sample> samples = List.of(
        new ProbeSession.Sample(t, t + 9_000, "1700000002004000000"), // 9 ms trip
        new ProbeSession.Sample(t + 20_000, t + 22_000, "1700000002021500000"), // 2 ms: kept
        new ProbeSession.Sample(t + 30_000, t + 40_000, "garbage"));
    NodeStatus s = StatusProbe.parse(NODE, result(OUTPUT), t, t + 300_000, samples, DEADLINE);

    // the node read 2 s + 21.5 ms at our 21 ms: +2000.5 ms, give or take 1 ms
    assertThat(s.clockOffsetMs()).isCloseTo(2000.5, within(0.001));
    assertThat(s.clockUncertaintyMs()).isCloseTo(1.0, within(0.001));
  }

  @Test
  void aDateWithoutNanosecondsGivesWholeSecondsAndASecondOfUncertainty() {
    long t = 1_700_000_000_000_000L;
    double[] c = StatusProbe.clockOffset(List.of(new ProbeSession.Sample(t, t + 2000, "1700000000%N")));
    assertThat(c[0]).isCloseTo(500 - 1, within(0.001)); // middle of [1700000000, +1 s) - our 1 ms
    assertThat(c[1]).isCloseTo(501, within(0.001));
    assertThat(StatusProbe.remoteMicros("1700000000N")).containsExactly(1_700_000_000_000_000L,
        1_000_000L);
    assertThat(StatusProbe.remoteMicros("")).isNull();
    assertThat(StatusProbe.remoteMicros("%s%N")).isNull();
  }

  @Test
  void theLoginShellsChatterAndLinesWithoutKeysAreIgnored() {
    Map<String, String> v = StatusProbe.keyValues("hello=world\n" + StatusProbe.BEGIN
        + "\nnoise\narch=x86_64\na=b=c\n" + StatusProbe.END + "\nafter=1\n");
    assertThat(v).containsOnly(Map.entry("arch", "x86_64"), Map.entry("a", "b=c"));
  }

  @Test
  void aProbeThatDidNotFinishIsDownWithTheLastErrorLine() {
    NodeStatus refused = StatusProbe.parse(NODE, new NodeShell.Result(NODE, 255, "",
        "ssh: connect to host 10.0.0.2 port 22: Connection refused\n", false), 0, 1, DEADLINE);
    assertThat(refused.up()).isFalse();
    assertThat(refused.error()).isEqualTo("ssh: connect to host 10.0.0.2 port 22: Connection refused");
    assertThat(refused.hostname()).isNull();

    NodeStatus slow = StatusProbe.parse(NODE, new NodeShell.Result(NODE, -1,
        StatusProbe.BEGIN + "\nhostname=node2\n", "", true), 0, 1, DEADLINE);
    assertThat(slow.up()).isFalse();
    assertThat(slow.error()).isEqualTo("no answer within 5 s");

    NodeStatus cut = StatusProbe.parse(NODE, new NodeShell.Result(NODE, 0,
        "motd\n", "", false), 0, 1, DEADLINE);
    assertThat(cut.up()).isFalse();
    assertThat(cut.error()).startsWith("the status probe did not run there");

    NodeStatus noShell = StatusProbe.parse(NODE, new NodeShell.Result(NODE, 127,
        "", "bash: sh: command not found\n", false), 0, 1, DEADLINE);
    assertThat(noShell.error()).isEqualTo("bash: sh: command not found");
  }

  @Test
  void missingValuesAreUnknownAndOldKernelsMemoryIsFreePlusBuffersPlusCached() {
    String out = StatusProbe.BEGIN + "\nhostname=old\nmem_MemTotal=1000000\nmem_MemFree=100000\n"
        + "mem_Buffers=50000\nmem_Cached=250000\ndisk_root=1000 500\ntemp_millic=oops\n"
        + "throttled_sysfs=0\n" + StatusProbe.END + "\n";
    NodeStatus s = StatusProbe.parse(NODE, result(out), 0, 1, DEADLINE);

    assertThat(s.up()).isTrue();
    assertThat(s.memUsedMib()).isEqualTo((1000000 - 400000) / 1024);
    assertThat(s.homeFreeKib()).isEqualTo(500); // no home line: the root's
    assertThat(s.temperatureC()).isNull();
    assertThat(s.throttled()).isZero();
    assertThat(s.throttleSource()).isEqualTo("sysfs");
    assertThat(s.javaPath()).isNull();
    assertThat(s.javaVersion()).isNull();
    assertThat(s.javaMajor()).isZero();
    assertThat(s.piclusterVersion()).isNull();
    assertThat(s.clockOffsetMs()).isNull();
    assertThat(s.load1()).isNull();
    assertThat(s.uptimeSeconds()).isNull();
  }

  @Test
  void vcgencmdThatFailsLeavesTheSysfsValue() {
    String out = StatusProbe.BEGIN + "\nthrottled_vcgencmd=VCHI init failed\nthrottled_sysfs=80008\n"
        + StatusProbe.END + "\n";
    NodeStatus s = StatusProbe.parse(NODE, result(out), 0, 1, DEADLINE);
    assertThat(s.throttled()).isEqualTo(0x80008);
    assertThat(s.throttleSource()).isEqualTo("sysfs");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "JAVA_VERSION=\"17.0.15\"|17.0.15|17",
    "openjdk version \"17.0.2\" 2022-01-18|17.0.2|17",
    "openjdk version \"21\" 2023-09-19|21|21",
    "java version \"1.8.0_292\"|1.8.0_292|8",
    "openjdk version \"11.0.21\" 2023-10-17 LTS|11.0.21|11",
    "openjdk version \"25-ea\" 2025-09-16|25-ea|25",
    "Error: could not find libjava.so|unknown|0",
  })
  void javaVersionsFromTheReleaseFileOrJavaVersion(String line, String version, int major) {
    assertThat(StatusProbe.javaVersion(line)).isEqualTo(version);
    assertThat(NodeStatus.javaMajor(StatusProbe.javaVersion(line))).isEqualTo(major);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "\"Debian GNU/Linux 12 (bookworm)\"|Debian GNU/Linux 12 (bookworm)",
    "'Ubuntu 24.04 LTS'|Ubuntu 24.04 LTS",
    "Raspbian|Raspbian",
    "\"say \\\"hi\\\"\"|say \"hi\"",
  })
  void osReleaseValuesAreUnquoted(String value, String name) {
    assertThat(StatusProbe.osName(value)).isEqualTo(name);
  }

  // ---- the real script, run here with sh

  /** Runs the probe with sh here, HOME being the temp folder; stdin empty (no clock rounds). */
  private NodeStatus runHere(String mode) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", StatusProbe.SCRIPT, "picluster", mode)
        .redirectInput(Redirect.from(new File("/dev/null")));
    pb.environment().put("HOME", home.toString());
    pb.environment().remove("XDG_CONFIG_HOME");
    pb.environment().remove("XDG_DATA_HOME");
    long start = StatusProbe.nowMicros();
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long end = StatusProbe.nowMicros();
    assertThat(p.exitValue()).as(out + err).isZero();
    assertThat(err).as("the probe writes nothing to stderr").isEmpty();
    return StatusProbe.parse(NODE, new NodeShell.Result(NODE, 0, out, err, false), start, end,
        DEADLINE);
  }

  private Path fake(String path, String content) throws IOException {
    Path f = home.resolve("root" + path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content);
    return f;
  }

  @Test
  void theScriptRunsHereAndGivesSaneValues() throws Exception {
    NodeStatus s = runHere("status");

    assertThat(s.up()).isTrue();
    assertThat(s.hostname()).isNotBlank();
    assertThat(s.arch()).isEqualTo(run("uname", "-m"));
    assertThat(s.os()).isNotBlank();
    assertThat(s.load1()).isNotNull().isGreaterThanOrEqualTo(0.0);
    assertThat(s.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(s.memTotalMib()).isPositive();
    assertThat(s.memUsedMib()).isBetween(0L, s.memTotalMib());
    assertThat(s.rootFreeGib()).isNotNull().isGreaterThanOrEqualTo(0.0);
    assertThat(s.uptimeSeconds()).isPositive();
    assertThat(s.javaMajor()).isGreaterThanOrEqualTo(17); // the java on PATH runs these tests
    assertThat(s.piclusterVersion()).isNull();
    // no round trips here: the interval from the script's start and end, around 0
    assertThat(Math.abs(s.clockOffsetMs())).isLessThanOrEqualTo(s.clockUncertaintyMs() + 1);
  }

  @Test
  void theFakeRootTestHookReplacesProcAndSysFilesItHasAndItsVcgencmd() throws Exception {
    Path config = home.resolve(".config/picluster/fake-root");
    Files.createDirectories(config.getParent());
    Files.writeString(config, home.resolve("root") + "/\n");
    fake("/proc/loadavg", "3.25 2.00 1.00 2/345 6789\n");
    fake("/proc/meminfo", "MemTotal:        3884332 kB\nMemFree:          100000 kB\n"
        + "MemAvailable:    1884332 kB\n");
    fake("/proc/uptime", "90061.5 12345.6\n");
    fake("/proc/device-tree/model", "Raspberry Pi 4 Model B Rev 1.4\0");
    fake("/sys/class/thermal/thermal_zone0/temp", "81234\n");
    fake("/sys/devices/platform/soc/soc:firmware/get_throttled", "50000\n");

    NodeStatus s = runHere("status");
    assertThat(s.load1()).isEqualTo(3.25);
    assertThat(s.memTotalMib()).isEqualTo(3793);
    assertThat(s.memUsedMib()).isEqualTo(1953);
    assertThat(s.uptimeSeconds()).isEqualTo(90061.5);
    assertThat(s.model()).isEqualTo("Raspberry Pi 4 Model B Rev 1.4");
    assertThat(s.temperatureC()).isEqualTo(81.234);
    assertThat(s.throttled()).isEqualTo(0x50000);
    assertThat(s.throttleSource()).isEqualTo("sysfs");

    // a vcgencmd in the fake root wins over the sysfs file
    Path vcgencmd = fake("/usr/bin/vcgencmd",
        "#!/bin/sh\n[ \"$1\" = get_throttled ] && echo throttled=0x50005\n");
    Files.setPosixFilePermissions(vcgencmd, PosixFilePermissions.fromString("rwxr-xr-x"));
    s = runHere("status");
    assertThat(s.throttled()).isEqualTo(0x50005);
    assertThat(s.throttleSource()).isEqualTo("vcgencmd");
    assertThat(StatusTable.render(List.of(s), true))
        .contains("under-voltage now, throttled now").contains("81.2°C");

    // one that fails (no video group) leaves the sysfs file
    Files.writeString(vcgencmd, "#!/bin/sh\necho 'VCHI initialization failed' >&2; exit 1\n");
    s = runHere("status");
    assertThat(s.throttled()).isEqualTo(0x50000);
    assertThat(s.throttleSource()).isEqualTo("sysfs");
  }

  @Test
  void theScriptReadsTheInstalledVersionAndInInstallModeHashesTheJar() throws Exception {
    Path dir = home.resolve(".local/share/picluster");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("picluster.jar"), "not really a jar");
    Files.writeString(dir.resolve("VERSION"), "version=0.1.0\nsha256=" + "c".repeat(64)); // no \n

    NodeStatus status = runHere("status");
    assertThat(status.piclusterVersion()).isEqualTo("0.1.0");
    assertThat(status.piclusterSha256()).isEqualTo("c".repeat(64));
    assertThat(status.jarSha256()).isNull();

    NodeStatus install = runHere("install");
    assertThat(install.jarSha256()).isEqualTo(sha256("not really a jar"));
  }

  private static String sha256(String s) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor();
    return out;
  }
}
