package io.picluster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picluster.launch.JobSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a parsed request becomes the job the launcher runs. */
class LaunchActionTest {

  @Test
  void runStartsEachRankAsAJvmOnJobMainWithTheSameJava() {
    JobSpec spec =
        LaunchAction.jobSpec(
            new LaunchRequest("run", 4, true, Map.of(), "hostname", List.of()));

    assertThat(spec.ranks()).isEqualTo(4);
    assertThat(spec.tagOutput()).isTrue();
    List<String> c = spec.command();
    assertThat(c.get(0)).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
    // hostname computes nothing: its ranks ask for the quick-starting compiler
    assertThat(c.subList(1, 5))
        .containsExactly("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", RankJvm.classpath());
    assertThat(c.subList(5, c.size())).containsExactly("io.picluster.jobs.JobMain", "hostname");
  }

  @Test
  void builtInJobsRunAsThreadsByDefaultAndAsProcessesOnRequest() {
    JobSpec threads = LaunchAction.jobSpec(new LaunchRequest("run", 4, false, Map.of(), "hostname", List.of()));
    assertThat(threads.threads()).containsExactly(
        ProcessHandle.current().info().command().orElseThrow(), "-cp", RankJvm.classpath(),
        "io.picluster.jobs.JobMain", "hostname");
    JobSpec processes = LaunchAction.jobSpec(new LaunchRequest("run", 4, false, Map.of(), "hostname",
        List.of(), HostOptions.NONE, null, false));
    assertThat(processes.threads()).isNull();
  }

  @Test
  void execRunsJavaAsThreadsOnlyWithTheFlag() {
    assertThat(LaunchAction.jobSpec(new LaunchRequest("exec", 2, false, Map.of(), "java",
        List.of("-cp", "app.jar", "Main"))).threads()).isNull();
    JobSpec spec = LaunchAction.jobSpec(new LaunchRequest("exec", 2, false, Map.of(), "java",
        List.of("-cp", "app.jar", "-Dx=1", "Main", "a"), HostOptions.NONE, null, true));
    assertThat(spec.threads()).isEqualTo(spec.command());
  }

  @Test
  void execWithThreadsRefusesWhatOneJvmCannotDoInOneLine() {
    assertThatThrownBy(() -> LaunchAction.jobSpec(new LaunchRequest("exec", 2, false, Map.of(), "java",
        List.of("-Xmx1g", "-XX:+UseSerialGC", "-cp", "app.jar", "Main"), HostOptions.NONE, null, true)))
        .isInstanceOf(UsageError.class)
        .hasMessageContaining("-Xmx1g -XX:+UseSerialGC").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> LaunchAction.jobSpec(new LaunchRequest("exec", 2, false, Map.of(), "ls",
        List.of(), HostOptions.NONE, null, true)))
        .isInstanceOf(UsageError.class)
        .hasMessageContaining("Java programs only");
  }

  @Test
  void execRunsTheProgramWithItsArgumentsAndEnvironment() {
    JobSpec spec =
        LaunchAction.jobSpec(
            new LaunchRequest("exec", 2, false, Map.of("A", "1"), "ls", List.of("-la", "/")));

    assertThat(spec.command()).containsExactly("ls", "-la", "/");
    assertThat(spec.env()).containsExactlyEntriesOf(Map.of("A", "1"));
  }

  @Test
  void badJobArgumentsAreRejectedBeforeAnythingStarts() {
    assertThatThrownBy(
            () ->
                LaunchAction.jobSpec(
                    new LaunchRequest("run", 2, false, Map.of(), "hostname", List.of("x"))))
        .isInstanceOf(UsageError.class)
        .hasMessage("hostname takes no arguments, got 'x'");
  }

  @Test
  void theClusterFileGivesHostsLoginsAndInterfaceWhenNoneAreGiven(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("cluster.conf");
    Files.writeString(file, String.join("\n",
        "network 10.0.0.0/24", "interface lo", "user pi", "master node1",
        "node node1 10.0.0.1", "node node2 10.0.0.2 user=alice", ""));
    HostOptions hosts = new HostOptions(null, null, null, List.of(), file.toString());

    JobSpec spec = LaunchAction.jobSpec(
        new LaunchRequest("exec", null, false, Map.of(), "ls", List.of(), hosts));

    assertThat(spec.ranks()).isEqualTo(2);
    assertThat(spec.placement().hostOf(1).name()).isEqualTo("10.0.0.2");
    assertThat(spec.logins()).containsEntry("10.0.0.1", "pi").containsEntry("10.0.0.2", "alice");
    assertThat(spec.env()).containsEntry("PICLUSTER_IFACE", "lo");
  }

  @Test
  void anInterfaceThisMachineLacksIsAUsageErrorBeforeAnythingStarts() {
    assertThatThrownBy(() -> LaunchAction.jobSpec(new LaunchRequest("run", 2, false,
            Map.of("PICLUSTER_IFACE", "nosuch0"), "primes", List.of("100"))))
        .isInstanceOf(UsageError.class)
        .hasMessageStartingWith("--iface nosuch0: no such interface on this host (it has ")
        .hasMessageContaining("lo");
  }

  @Test
  void aNetworkNoAddressHereIsInIsAUsageErrorBeforeAnythingStarts() throws SocketException {
    String network = aNetworkNotHere();
    assertThatThrownBy(() -> LaunchAction.jobSpec(new LaunchRequest("exec", 1, false,
            Map.of("PICLUSTER_NETWORK", network), "true", List.of())))
        .isInstanceOf(UsageError.class)
        .hasMessageStartingWith("--network " + network + ": no address of this host lies in it")
        .hasMessageContaining("127.0.0.1");
  }

  /** One of RFC 5737's documentation networks that this machine has no address in. */
  static String aNetworkNotHere() throws SocketException {
    List<String> here = NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses).map(InetAddress::getHostAddress).toList();
    for (String prefix : List.of("198.51.100.", "203.0.113.", "192.0.2.")) {
      if (here.stream().noneMatch(a -> a.startsWith(prefix))) {
        return prefix + "0/24";
      }
    }
    throw new AssertionError("this machine has addresses in all three documentation networks");
  }

  @Test
  void theAddressChoiceWorksWhenThisMachineHasIt() {
    JobSpec spec = LaunchAction.jobSpec(new LaunchRequest("exec", 1, false,
        Map.of("PICLUSTER_NETWORK", "127.0.0.0/8"), "true", List.of()));

    assertThat(spec.env()).containsEntry("PICLUSTER_NETWORK", "127.0.0.0/8");
  }

  @Test
  void theClusterFilesInterfaceMissingHereNamesTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("cluster.conf");
    Files.writeString(file, String.join("\n",
        "network 10.0.0.0/24", "interface nosuch0", "master node1", "node node1 10.0.0.1", ""));
    HostOptions hosts = new HostOptions(null, null, null, List.of(), file.toString());

    assertThatThrownBy(() -> LaunchAction.jobSpec(
            new LaunchRequest("exec", null, false, Map.of(), "true", List.of(), hosts)))
        .isInstanceOf(UsageError.class)
        .hasMessageStartingWith(file + ": interface nosuch0: no such interface on this host (it has ")
        .hasMessageEndingWith("; correct its interface line, or choose with --iface or --network");
  }

  @Test
  void aBrokenClusterFileIsOneLineNamingFileAndLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("cluster.conf");
    Files.writeString(file, "network 10.0.0.0/24\nmaster node1\nnode node1 10.0.1.1\n");
    HostOptions hosts = new HostOptions(null, null, null, List.of(), file.toString());

    assertThatThrownBy(() -> LaunchAction.jobSpec(
            new LaunchRequest("exec", 1, false, Map.of(), "ls", List.of(), hosts)))
        .isInstanceOf(UsageError.class)
        .hasMessage(file + ":3: node1's address 10.0.1.1 is outside the backbone 10.0.0.0/24;"
            + " give it an address in that network");
  }

  @Test
  void hostsOnTheCommandLineWinOverTheClusterFile(@TempDir Path dir) {
    HostOptions hosts = new HostOptions("localhost:3", null, null, List.of(),
        dir.resolve("missing.conf").toString());

    JobSpec spec = LaunchAction.jobSpec(
        new LaunchRequest("exec", null, false, Map.of(), "ls", List.of(), hosts));

    assertThat(spec.ranks()).isEqualTo(3);
    assertThat(spec.logins()).isEmpty();
  }
}
