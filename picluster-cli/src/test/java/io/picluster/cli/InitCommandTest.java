package io.picluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.ClusterFile;
import io.picluster.setup.cluster.Node;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** picluster init writes a cluster file every command can read, and never one they would refuse. */
class InitCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = PicocliMain.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void writesFourNodesOnTheTutorialsBackboneByDefault() {
    Path file = dir.resolve("sub/cluster.conf");

    assertThat(run("init", "--cluster", file.toString(), "--user", "pi", "--iface", "eth0")).isZero();

    Cluster c = ClusterFile.read(file);
    assertThat(c.nodes()).containsExactly(new Node("node1", "10.0.0.1", "pi"),
        new Node("node2", "10.0.0.2", "pi"), new Node("node3", "10.0.0.3", "pi"),
        new Node("node4", "10.0.0.4", "pi"));
    assertThat(c.master()).isEqualTo("node1");
    assertThat(c.iface()).contains("eth0");
    assertThat(out.toString()).isEqualTo("wrote " + file + ": 4 nodes on 10.0.0.0/24, master"
        + " node1, user pi\n");
  }

  @Test
  void namedNodesAndAnotherMaster() {
    Path file = dir.resolve("cluster.conf");

    assertThat(run("init", "--cluster", file.toString(), "--network", "192.168.7.0/24",
        "--node", "alpha=192.168.7.10", "--node", "beta=192.168.7.11", "--master", "beta",
        "--user", "pi")).isZero();

    Cluster c = ClusterFile.read(file);
    assertThat(c.master()).isEqualTo("beta");
    assertThat(c.workers()).extracting(Node::name).containsExactly("alpha");
  }

  @Test
  void neverOverwritesWithoutForce() throws IOException {
    Path file = dir.resolve("cluster.conf");
    Files.writeString(file, "mine");

    assertThat(run("init", "--cluster", file.toString())).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("picluster: " + file + " already exists; add"
        + " --force to replace it, or --print to see the new one (see 'picluster init --help')");
    assertThat(Files.readString(file)).isEqualTo("mine");

    assertThat(run("init", "--cluster", file.toString(), "--force")).isZero();
    assertThat(ClusterFile.read(file).nodes()).hasSize(4);
  }

  @Test
  void badInputIsOneLineAndExitTwo() {
    assertThat(run("init", "--cluster", dir.resolve("c").toString(), "--network", "10.0.0.0/33"))
        .isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("picluster: --network 10.0.0.0/33: not a network;"
        + " write it like 10.0.0.0/24 (an IPv4 network address, /8 to /30) (see 'picluster init"
        + " --help')");
    err.getBuffer().setLength(0);

    Path file = dir.resolve("cluster.conf");

    assertThat(run("init", "--cluster", file.toString(), "--node", "a=10.0.0.0")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("picluster: 10.0.0.0 is the network's own"
        + " address of 10.0.0.0/24; nodes need 10.0.0.1 to 10.0.0.254 (see 'picluster init"
        + " --help')");
    assertThat(file).doesNotExist();
  }
}
