package io.picluster.it;

import static io.picluster.it.MpichUnderPiclusterTest.bounded;
import static io.picluster.it.OnTheTestbed.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Raspberry Pi cluster tutorial end to end, as its reader does it, on a testbed of four
 * namespace "Pis" with password logins and no keys: as pi on node1, {@code picluster init} (the
 * cluster file), {@code net --dry-run} (the backbone; the testbed's eth0 already has it, and
 * writing would change this machine's shared /etc), {@code keys} with pi's password, {@code install},
 * {@code copy} of the programs (the tutorial's scp step), then the tutorial's own {@code python3
 * prime.py 100000} on {@code --hosts 10.0.0.1,10.0.0.2,10.0.0.3,10.0.0.4} (Debian's mpi4py, on Open
 * MPI 4), its Java equivalent {@code picluster run primes}, and an MPICH C program: each finds 9592
 * primes on four nodes. From install on, picluster is the installed jar. The steps share the
 * testbed, in order.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class TutorialTest {
  private static final String USER = Testbed.USER;
  private static final int NODES = 4;
  private static final String PASSWORD = "raspberry pi 4";
  private static final String HOSTS = "10.0.0.1,10.0.0.2,10.0.0.3,10.0.0.4";
  private static final String INSTALLED = "/home/pi/.local/share/picluster/picluster.jar";
  private static final String FOLDER = "/home/pi/cluster";
  private static final Path MPICC_MPICH = Path.of("/usr/bin/mpicc.mpich");
  private static final Path MPI4PY = Path.of("/usr/lib/python3/dist-packages/mpi4py");

  private Testbed testbed;
  private Path jar;

  @BeforeAll
  void up() throws IOException, URISyntaxException {
    Testbed.assumeUsable();
    jar = PiclusterJar.stableCopy("tutorial");
    Path files = jar.getParent();
    try (InputStream in = TutorialTest.class.getResourceAsStream("/openmpi/prime.py")) {
      Files.write(files.resolve("prime.py"), in.readAllBytes());
    }
    if (Files.isExecutable(MPICC_MPICH)) {
      Path source = Path.of(TutorialTest.class.getResource("/mpich/primes.c").toURI());
      Result cc = bounded(Duration.ofSeconds(120), files, List.of(MPICC_MPICH.toString(), "-Wall", "-o",
          files.resolve("primes").toString(), source.toString()));
      assertThat(cc.exitCode()).as("mpicc.mpich primes.c\n" + cc.output()).isZero();
    }
    testbed = Testbed.upWithPassword(NODES, PASSWORD);
    for (int k = 1; k <= NODES; k++) {
      // A fresh Pi: no keys of any kind for pi, only the password.
      ok(testbed.run(k, "rm", "-f", "/home/pi/.ssh/authorized_keys", "/home/pi/.ssh/id_ed25519",
          "/home/pi/.ssh/id_ed25519.pub", "/home/pi/.ssh/known_hosts"));
    }
    // The programs in pi's folder on node1 only; the password for standard input (0600).
    ok(testbed.runAs(USER, 1, "sh", "-c", "umask 077; mkdir -p \"$1\" && cp \"$2\"/prime.py \"$1\"/"
        + " && if [ -e \"$2\"/primes ]; then cp \"$2\"/primes \"$1\"/; fi && printf '%s\\n' \"$3\" >~/password",
        "copy", FOLDER, files.toString(), PASSWORD));
  }

  @AfterAll
  void down() throws IOException {
    if (testbed != null) {
      testbed.close();
    }
    if (jar != null) {
      Files.deleteIfExists(jar.getParent().resolve("prime.py"));
      Files.deleteIfExists(jar.getParent().resolve("primes"));
    }
    PiclusterJar.deleteStableCopy(jar);
  }

  @Test
  @Order(1)
  void initWritesTheClusterFile() {
    Result r = picluster(jar.toString(), "init", "--nodes", "4", "--user", "pi", "--iface", "eth0");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(ok(testbed.runAs(USER, 1, "cat", "/home/pi/.config/picluster/cluster.conf")))
        .contains("node1").contains("10.0.0.4");
  }

  @Test
  @Order(2)
  void netShowsTheBackboneOfThisNode() {
    // Before keys, as in the tutorial: this node only (--all would need the logins keys makes).
    Result r = picluster(jar.toString(), "net", "--dry-run");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).contains("node1");
  }

  @Test
  @Order(3)
  void keysWorkBothWaysAfterOnePassword() {
    Result r = testbed.exec(Testbed.COMMAND_TIMEOUT, USER, 1, List.of("sh", "-c",
        "exec \"$0\" -jar \"$1\" keys --password-stdin <~/password", PiclusterJar.java(), jar.toString()));
    assertThat(r.exitCode()).as(r.output()).isZero();
    // node1 -> node1 among them: install reaches the master over ssh too (pi@10.0.0.1).
    assertThat(r.stdout()).as(r.output()).contains("  node1 -> node1  ok\n")
        .contains("All 7 logins work, to and from node1.");
  }

  @Test
  @Order(4)
  void installPutsPiclusterOnEveryNode() {
    Result r = picluster(jar.toString(), "install");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).contains("is installed on 4 nodes");
    for (int k = 1; k <= NODES; k++) {
      ok(testbed.runAs(USER, k, "test", "-f", INSTALLED));
    }
  }

  @Test
  @Order(5)
  void copyPutsTheProgramsOnEveryNode() {
    List<String> files = new ArrayList<>(List.of("prime.py"));
    if (Files.isExecutable(MPICC_MPICH)) {
      files.add("primes");
    }
    List<String> args = new ArrayList<>(List.of("copy"));
    args.addAll(files);
    args.addAll(List.of("--hosts", HOSTS));
    Result r = picluster(INSTALLED, args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.output()).isZero();
    for (int k = 2; k <= NODES; k++) {
      for (String f : files) {
        ok(testbed.runAs(USER, k, "test", "-f", FOLDER + "/" + f));
      }
    }
  }

  /** The tutorial's own command: Debian's python3-mpi4py, built on Open MPI 4.1. */
  @Test
  @Order(6)
  void theTutorialsPrimePyFinds9592PrimesOnFourNodes() {
    assumeTrue(Files.isDirectory(MPI4PY), "python3-mpi4py is not installed (apt-get install python3-mpi4py)");
    Result r = picluster(INSTALLED, "exec", "-n", "4", "--hosts", HOSTS, "python3", "prime.py", "100000");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout().lines().filter(l -> !l.startsWith("Time elasped: ")))
        .as(r.output()).containsExactly("Find all primes up to: 100000", "Nodes: 4", "Primes discovered: 9592");
  }

  @Test
  @Order(7)
  void itsJavaEquivalentFindsTheSame() {
    Result r = picluster(INSTALLED, "run", "-n", "4", "--hosts", HOSTS, "primes", "100000");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).contains("Find all primes up to: 100000\n", "Nodes: 4\n",
        "Primes discovered: 9592\n");
  }

  @Test
  @Order(8)
  void anMpichCProgramFindsTheSame() {
    assumeTrue(Files.isExecutable(MPICC_MPICH), "MPICH is not installed (apt-get install mpich libmpich-dev)");
    Result r = picluster(INSTALLED, "exec", "-n", "4", "--hosts", HOSTS, "./primes", "100000");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout().lines())
        .as(r.output()).containsExactly("Find all primes up to: 100000", "Nodes: 4", "Primes discovered: 9592");
  }

  /** {@code java -jar JAR ARGS...} as pi on node1, in the programs' folder. */
  private Result picluster(String jarPath, String... args) {
    List<String> line = new ArrayList<>(List.of("env", "--chdir=" + FOLDER, PiclusterJar.java(), "-jar", jarPath));
    line.addAll(List.of(args));
    return PiclusterJar.timed(testbed, 1, "picluster " + String.join(" ", args), line);
  }
}
