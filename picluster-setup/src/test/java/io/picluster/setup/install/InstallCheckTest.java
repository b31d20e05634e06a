package io.picluster.setup.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.status.NodeStatus;
import io.picluster.setup.status.TestStatuses;
import java.util.List;
import org.junit.jupiter.api.Test;

/** install's checks: one line per problem, naming the node and the fix. */
class InstallCheckTest {
  private static final long JAR = 1 << 20;

  private static List<InstallCheck.Problem> check(NodeStatus reference, boolean mixedArch,
      NodeStatus... nodes) {
    return InstallCheck.check(List.of(nodes), reference, mixedArch, JAR);
  }

  @Test
  void healthyNodesHaveNoProblem() {
    NodeStatus n1 = TestStatuses.node(1).up();
    assertThat(check(n1, false, n1, TestStatuses.node(2).up(), TestStatuses.node(3).java("21.0.2").up()))
        .isEmpty();
  }

  @Test
  void anUnreachableNodeIsNamedWithSshsReasonAndTheFix() {
    NodeStatus n1 = TestStatuses.node(1).up();
    List<InstallCheck.Problem> p = check(n1, false, n1,
        TestStatuses.node(3).down("ssh: connect to host 10.0.0.3 port 22: Connection refused"));
    assertThat(p).singleElement().satisfies(x -> {
      assertThat(x.error()).isTrue();
      assertThat(x.message()).isEqualTo("node3 (10.0.0.3) cannot be reached (ssh: connect to host"
          + " 10.0.0.3 port 22: Connection refused); check that it is on and that 'ssh"
          + " pi@10.0.0.3 true' works without a password ('picluster keys' sets that up)");
    });
  }

  @Test
  void noJavaOldJavaAndAJavaOfUnknownVersionAreErrors() {
    NodeStatus n1 = TestStatuses.node(1).up();
    List<InstallCheck.Problem> p = check(n1, false, n1, TestStatuses.node(2).java(null).up(),
        TestStatuses.node(3).java("11.0.21").up(), TestStatuses.node(4).java("1.8.0_292").up(),
        TestStatuses.node(5).java("unknown").up());
    assertThat(p).allMatch(InstallCheck.Problem::error).extracting(InstallCheck.Problem::message)
        .containsExactly(
            "node2 (10.0.0.2) has no Java (no java on pi's PATH there); install it there: sudo apt"
                + " install openjdk-17-jre-headless",
            "node3 (10.0.0.3) has Java 11.0.21 (/usr/bin/java), picluster needs 17 or later;"
                + " install it there: sudo apt install openjdk-17-jre-headless (then make it the"
                + " default: sudo update-alternatives --config java)",
            "node4 (10.0.0.4) has Java 1.8.0_292 (/usr/bin/java), picluster needs 17 or later;"
                + " install it there: sudo apt install openjdk-17-jre-headless (then make it the"
                + " default: sudo update-alternatives --config java)",
            "node5 (10.0.0.5): cannot tell the version of /usr/bin/java there; check that 'ssh"
                + " pi@10.0.0.5 java -version' works, or install Java: sudo apt install"
                + " openjdk-17-jre-headless");
  }

  @Test
  void anotherArchitectureThanTheMastersIsAnErrorUnlessMixedArchIsGiven() {
    NodeStatus master = TestStatuses.node(1).up();
    NodeStatus armhf = TestStatuses.node(2).arch("armv7l").up();
    assertThat(check(master, false, master, armhf)).singleElement().satisfies(x -> {
      assertThat(x.error()).isTrue();
      assertThat(x.node()).isSameAs(armhf);
      assertThat(x.message()).isEqualTo("node2 (10.0.0.2) is armv7l but node1 is aarch64; put"
          + " the same OS image (the same architecture, e.g. 64-bit Raspberry Pi OS, aarch64) on"
          + " every node, or give --mixed-arch if your jobs are pure Java");
    });
    assertThat(check(master, true, master, armhf)).singleElement().satisfies(x -> {
      assertThat(x.error()).isFalse();
      assertThat(x.message()).isEqualTo("node2 (10.0.0.2) is armv7l but node1 is aarch64; only"
          + " pure-Java jobs will run the same on every node");
    });
  }

  @Test
  void theReferenceIsTheMasterEvenWhenItIsNotFirst() {
    NodeStatus n1 = TestStatuses.node(1).arch("x86_64").up();
    NodeStatus master = TestStatuses.node(2).up();
    assertThat(check(master, false, n1, master)).extracting(InstallCheck.Problem::message)
        .singleElement().asString().startsWith("node1 (10.0.0.1) is x86_64 but node2 is aarch64");
    // without a reference (or with one that is down), the first node that is up
    assertThat(check(null, false, TestStatuses.node(5).down("x"), n1, master))
        .extracting(InstallCheck.Problem::message)
        .contains("node2 (10.0.0.2) is aarch64 but node1 is x86_64; put the same OS image (the"
            + " same architecture, e.g. 64-bit Raspberry Pi OS, aarch64) on every node, or give"
            + " --mixed-arch if your jobs are pure Java");
  }

  @Test
  void anotherOsIsAWarning() {
    NodeStatus master = TestStatuses.node(1).up();
    assertThat(check(master, false, master,
        TestStatuses.node(2).os("Raspbian GNU/Linux 11 (bullseye)").up()))
        .singleElement().satisfies(x -> {
          assertThat(x.error()).isFalse();
          assertThat(x.message()).isEqualTo("node2 (10.0.0.2) runs Raspbian GNU/Linux 11"
              + " (bullseye) but node1 runs Debian GNU/Linux 12 (bookworm); the same OS image on"
              + " every node avoids surprises");
        });
  }

  @Test
  void tooLittleSpaceInTheHomeFolderIsAnError() {
    NodeStatus master = TestStatuses.node(1).up();
    assertThat(check(master, false, master, TestStatuses.node(2).homeFreeKib(50L * 1024).up()))
        .singleElement().satisfies(x -> {
          assertThat(x.error()).isTrue();
          assertThat(x.message()).isEqualTo("node2 (10.0.0.2) has only 50 MiB free in pi's home"
              + " folder, picluster needs 100 MiB; free some space there (see df -h ~ and du -sh"
              + " ~/*; sudo apt clean helps)");
        });
    assertThat(check(master, false, master, TestStatuses.node(2).homeFreeKib(100L * 1024).up()))
        .isEmpty();
    // a huge jar needs twice its size
    assertThat(InstallCheck.check(List.of(TestStatuses.node(2).homeFreeKib(300L * 1024).up()),
        null, false, 200L << 20)).singleElement().extracting(InstallCheck.Problem::message)
        .asString().contains("picluster needs 400 MiB");
  }
}
