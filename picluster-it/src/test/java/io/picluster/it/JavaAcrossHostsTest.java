package io.picluster.it;

import static io.picluster.it.OnTheTestbed.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.testbed.Testbed.Result;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * {@code picluster java} across the testbed's four nodes, launched as pi on node1 with the program
 * in node1's home folder, which the other nodes do not see: a single source file is compiled once
 * on node1 and its jar staged, a class folder is packed into a jar and staged, and picluster
 * itself goes along; every rank runs on its own node and the ranks talk, through picluster-comm or
 * package mpi.
 */
@TestInstance(Lifecycle.PER_CLASS)
class JavaAcrossHostsTest extends OnFourNodes {
  private static final Pattern SUM_LINE = Pattern.compile("rank (\\d) of 4 on (\\S+) sum 6");

  /** The program in node1's home only; every node's cache empty. */
  @BeforeEach
  void programOnNode1Only() throws URISyntaxException {
    Path source = Path.of(JavaAcrossHostsTest.class.getResource("/java/CommSum.java").toURI());
    ok(testbed.runAs(USER, 1, "sh", "-c", "rm -rf job && mkdir job && cp \"$1\" job/", "sh",
        source.toString()));
    for (int k = 1; k <= NODES; k++) {
      ok(testbed.runAs(USER, k, "rm", "-rf", "/home/pi/.cache/picluster"));
      if (k > 1) {
        assertThat(testbed.runAs(USER, k, "test", "-e", "job").exitCode())
            .as("node" + k + " has no job folder of its own").isNotZero();
      }
    }
  }

  @Test
  void aSourceFileIsCompiledOnceOnTheMasterAndItsJarStagedToEveryHost() {
    Result r = picluster("java", "-n", "4", "--hosts", HOSTS, "job/CommSum.java");

    assertRankROnNodeRPlus1(r);
    assertThat(ok(testbed.runAs(USER, 1, "find", ".cache/picluster/compiled", "-name", "*.jar"))
        .lines()).as("compiled once, on node1").hasSize(1);
    for (int k = 2; k <= NODES; k++) {
      assertThat(cached(k, "CommSum.jar")).as("staged into node" + k + "'s cache: " + r.output()).hasSize(1);
      assertThat(cached(k, "picluster.jar")).as("picluster staged into node" + k).hasSize(1);
      assertThat(cached(k, "*.java")).as("no source reaches node" + k).isEmpty();
    }
  }

  @Test
  void aClassFolderIsPackedAndStaged() {
    String javac = Path.of(System.getProperty("java.home"), "bin", "javac").toString();
    ok(testbed.runAs(USER, 1, javac, "-cp", jar.toString(), "-d", "job/classes", "job/CommSum.java"));

    Result r = picluster("java", "-np", "4", "--hosts", HOSTS, "-cp", "job/classes", "CommSum");

    assertRankROnNodeRPlus1(r);
    for (int k = 2; k <= NODES; k++) {
      assertThat(cached(k, "classes.jar")).as("packed and staged into node" + k + ": " + r.output())
          .hasSize(1);
    }
  }

  @Test
  void anOpenMpiSourceFileRunsOnFourHosts() throws URISyntaxException {
    Path source = Path.of(JavaAcrossHostsTest.class.getResource("/java/OmpiStyle.java").toURI());
    ok(testbed.runAs(USER, 1, "cp", source.toString(), "job/"));

    Result r = picluster("java", "-np", "4", "--hosts", HOSTS, "job/OmpiStyle.java", "a");

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout().lines()).as(r.output()).containsExactlyInAnyOrder(
        "ompi rank 0 of 4 on node1 sum 6 args a", "ompi rank 1 of 4 on node2 sum 6 args a",
        "ompi rank 2 of 4 on node3 sum 6 args a", "ompi rank 3 of 4 on node4 sum 6 args a");
  }

  private void assertRankROnNodeRPlus1(Result r) {
    assertThat(r.exitCode()).as(r.output()).isZero();
    Map<Integer, String> hostByRank = new TreeMap<>();
    Matcher m = SUM_LINE.matcher(r.stdout());
    int lines = 0;
    for (; m.find(); lines++) {
      hostByRank.put(Integer.parseInt(m.group(1)), m.group(2));
    }
    assertThat(lines).as(r.output()).isEqualTo(4);
    assertThat(hostByRank).as(r.output())
        .isEqualTo(Map.of(0, "node1", 1, "node2", 2, "node3", 3, "node4"));
  }

  /**
   * As pi on node1, in pi's home folder, without the CLASSPATH this test's JVM got from surefire
   * (the ranks would take it as the program's class path).
   */
  private Result picluster(String... args) {
    List<String> command = new ArrayList<>(List.of("env", "-u", "CLASSPATH"));
    command.addAll(PiclusterJar.command(jar, args));
    return PiclusterJar.timed(testbed, 1, "picluster " + String.join(" ", args), command);
  }

  private List<String> cached(int node, String name) {
    Result found = testbed.runAs(USER, node, "sh", "-c",
        "[ ! -d .cache/picluster ] || find .cache/picluster -type f -name \"$1\"", "sh", name);
    return ok(found).lines().toList();
  }
}
