package io.picluster.setup.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.launch.detect.MpiLibrary;
import io.picluster.launch.detect.MpiUse;
import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class MpiCheckTest {
  private static final ProgramFile PROGRAM = new ProgramFile("/home/pi/ring", "ab".repeat(32), true);

  private static NodeFacts node(String name, ProgramMpi mpi) {
    Node n = new Node(name, "10.0.0." + name.charAt(name.length() - 1), "pi");
    return new NodeFacts(n, new NodeShell.Result(n, 0, "", "", false), true, name, null, null,
        "file", PROGRAM.sha256(), true, mpi, null);
  }

  private static ProgramMpi mpich(String build) {
    return new ProgramMpi(new MpiUse(MpiLibrary.MPICH, "libmpich.so.12", Path.of("/home/pi/ring"), null), build);
  }

  private static List<Check> check(NodeFacts... facts) {
    List<Node> nodes = new ArrayList<>();
    for (NodeFacts f : facts) {
      nodes.add(f.node());
    }
    return MpiCheck.check(DoctorScope.ofHosts(nodes, Optional.of(PROGRAM)), List.of(facts));
  }

  @Test
  void theSameMpichEverywhereIsFine() {
    List<Check> checks = check(node("node1", mpich("libmpich.so.12.2.0")), node("node2", mpich("libmpich.so.12.2.0")));

    assertThat(checks).extracting(Check::verdict).containsOnly(Verdict.OK);
    assertThat(checks.get(0).finding()).isEqualTo("/home/pi/ring uses MPICH (libmpich.so.12.2.0)");
  }

  @Test
  void differentMpisOrBuildsBetweenNodesFail() {
    ProgramMpi ompi = new ProgramMpi(new MpiUse(MpiLibrary.OPEN_MPI_4, "libmpi.so.40", Path.of("/home/pi/ring"), null),
        "libmpi.so.40.30.4");
    List<Check> checks = check(node("node1", mpich("libmpich.so.12.2.0")), node("node2", ompi),
        node("node3", mpich("libmpich.so.12.3.1")));

    assertThat(checks).filteredOn(c -> c.subject().equals("node2")).singleElement().satisfies(c -> {
      assertThat(c.verdict()).isEqualTo(Verdict.OK);
      assertThat(c.finding()).isEqualTo("/home/pi/ring uses Open MPI 4.x (libmpi.so.40.30.4), which joins"
          + " picluster's jobs through its PMI-1 library");
    });
    assertThat(checks).filteredOn(c -> c.subject().equals(MpiCheck.ALL)).singleElement().satisfies(c -> {
      assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
      assertThat(c.finding()).isEqualTo("the nodes have different MPI builds for /home/pi/ring: node1 MPICH"
          + " libmpich.so.12.2.0, node2 Open MPI 4.x libmpi.so.40.30.4, node3 MPICH libmpich.so.12.3.1");
    });
  }

  @Test
  void openMpi5JoinsThroughPmixAndAnUntoldReleaseFails() {
    ProgramMpi ompi5 = new ProgramMpi(new MpiUse(MpiLibrary.OPEN_MPI_5, "libmpi.so.40", Path.of("/home/pi/ring"), null),
        "libmpi.so.40.40.7");
    assertThat(check(node("node1", ompi5))).singleElement().satisfies(c -> {
      assertThat(c.verdict()).isEqualTo(Verdict.OK);
      assertThat(c.finding()).isEqualTo("/home/pi/ring uses Open MPI 5.x (libmpi.so.40.40.7), which joins"
          + " picluster's jobs through a PMIx server per node (Open MPI's libpmix.so.2)");
    });
    ProgramMpi untold = new ProgramMpi(new MpiUse(MpiLibrary.OPEN_MPI, "libmpi.so.40", Path.of("/home/pi/ring"), null),
        "libmpi.so.40.99.0");
    assertThat(check(node("node1", untold))).singleElement().satisfies(c -> {
      assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
      assertThat(c.finding()).isEqualTo("/home/pi/ring uses Open MPI (libmpi.so.40, needed by /home/pi/ring),"
          + " whose release its libmpi.so.40 does not tell: picluster runs MPICH, Open MPI 4 and Open MPI 5"
          + " programs only, so with more than one rank each would run alone");
      assertThat(c.fix()).contains("mpicc.mpich");
    });
  }

  @Test
  void aLibraryTheLoaderCannotFindFails() {
    List<Check> checks = check(node("node1", mpich("missing")));
    assertThat(checks).singleElement().satisfies(c -> {
      assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
      assertThat(c.finding()).isEqualTo("/home/pi/ring needs libmpich.so.12, which is not installed there");
    });
  }

  /** The probe script itself, run by this machine's sh, on real programs. */
  @Test
  void theProbeFindsEachProgramsMpi(@TempDir Path dir) throws Exception {
    assertThat(probe(Path.of("/bin/sh")).use().library()).isEqualTo(MpiLibrary.NONE);
    Path sh = dir.resolve("job.sh");
    Files.writeString(sh, "#!/bin/sh\n./a.out\n");
    assertThat(probe(sh).use().library()).isEqualTo(MpiLibrary.UNKNOWN);
    Path plain = dir.resolve("hello.py");
    Files.writeString(plain, "print('hello')\n");
    assertThat(probe(plain).use().library()).isEqualTo(MpiLibrary.NONE);

    assumeTrue(Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/mpi4py")), "python3-mpi4py is not installed");
    Path prime = dir.resolve("prime.py");
    Files.writeString(prime, "#!/usr/bin/python3\nfrom mpi4py import MPI\n");
    ProgramMpi m = probe(prime);
    assertThat(m.use().library()).isEqualTo(MpiLibrary.OPEN_MPI_4);
    assertThat(m.use().via().toString()).contains("/mpi4py/MPI.");
    assertThat(m.build()).startsWith("libmpi.so.40.");
  }

  private static ProgramMpi probe(Path program) throws Exception {
    Node here = new Node("here", "127.0.0.1", System.getProperty("user.name"));
    NodeShell.Result r = NodeShell.runCommand(here,
        List.of("sh", "-c", FactsProbe.SCRIPT, "picluster", program.toString()), Duration.ofSeconds(30));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    NodeFacts f = FactsProbe.parse(here, r);
    assertThat(f.answered()).as(r.stdout()).isTrue();
    return f.programMpi();
  }
}
