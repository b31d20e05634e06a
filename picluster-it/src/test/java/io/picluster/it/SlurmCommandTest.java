package io.picluster.it;

import static io.picluster.it.OnTheTestbed.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import io.picluster.testkit.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code picluster slurm} from scratch on four namespace "Pis" with no Slurm set up (testbed/up
 * with PICLUSTER_TESTBED_SLURM=1: each node has empty Slurm and munge folders of its own, no
 * systemd, and pi may use sudo -n), run as pi on node1 with the cluster file: a node whose Slurm
 * version differs stops it before anything is written, --dry-run shows slurm.conf with the nodes'
 * own CPUs and memory and writes nothing, the set-up gives every node the same munge key (munge,
 * 0400) and slurm.conf and proves itself with srun on all four, srun then works for pi from any
 * node, and a second run changes nothing.
 *
 * <p>The other version is faked on node3 without touching the shared file system: pi's ~/.bashrc
 * there (node-private; Debian's bash reads it for ssh commands) puts first on PATH a slurmd that
 * says 21.08.5 for -V and is the real one otherwise.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class SlurmCommandTest {
  private static final String USER = Testbed.USER;
  private static final int NODES = 4;
  private static final String MARK = "# picluster-it: other slurm";

  private Testbed testbed;
  private Path jar;

  @BeforeAll
  void up() throws IOException {
    Testbed.assumeUsable();
    for (String tool : List.of("slurmctld", "slurmd", "srun", "munged", "sudo")) {
      assumeTrue(Stream.of("/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/")
              .anyMatch(d -> Files.isExecutable(Path.of(d + tool))),
          tool + " is not installed (apt-get install slurmctld slurmd slurm-client munge sudo)");
    }
    jar = PiclusterJar.stableCopy("slurm-setup");
    testbed = Testbed.upForSlurm(NODES);
    OnTheTestbed.writeClusterFile(testbed, 1);
  }

  @AfterAll
  void down() throws IOException {
    if (testbed != null) {
      testbed.close();
    }
    if (jar != null) {
      PiclusterJar.deleteStableCopy(jar);
    }
  }

  private Result slurm(String... args) {
    return PiclusterJar.onMaster(testbed, jar, "slurm", args);
  }

  private String onNode(int k, String script) {
    return ok(testbed.runAs(USER, k, "sh", "-c", script));
  }

  /** {@code status --json}: each node's "slurm" object by name, after checking slurm_error is null. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> slurmInJson() {
    Result r = PiclusterJar.onMaster(testbed, jar, "status", "--json");
    assertThat(r.exitCode()).as(r.output()).isZero();
    Map<String, Object> top = (Map<String, Object>) Json.parse(r.stdout().strip());
    assertThat(top).as(r.stdout()).containsEntry("slurm_error", null);
    Map<String, Object> byName = new HashMap<>();
    for (Object n : (List<Object>) top.get("nodes")) {
      byName.put((String) ((Map<String, Object>) n).get("name"), ((Map<String, Object>) n).get("slurm"));
    }
    return byName;
  }

  private static Map<String, Object> slurm(String state, String reason) {
    Map<String, Object> m = new HashMap<>();
    m.put("state", state);
    m.put("reason", reason);
    return m;
  }

  private void assertNothingWritten() {
    for (int k = 1; k <= NODES; k++) {
      assertThat(onNode(k, "ls -A /etc/slurm /etc/munge")).as("node" + k)
          .isEqualTo("/etc/munge:\n\n/etc/slurm:\n");
    }
  }

  @Test
  @Order(1)
  void aNodeWithAnotherSlurmVersionStopsItNamedWithTheFix() {
    onNode(3, "mkdir -p ~/otherslurm && printf '%s\\n' '#!/bin/sh'"
        + " 'if [ \"$1\" = -V ]; then echo \"slurm-wlm 21.08.5\"; exit 0; fi'"
        + " 'exec /usr/sbin/slurmd \"$@\"' >~/otherslurm/slurmd && chmod 755 ~/otherslurm/slurmd"
        + " && sed -i '1i PATH=$HOME/otherslurm:$PATH; export PATH " + MARK + "' ~/.bashrc");
    try {
      Result r = slurm();
      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      assertThat(r.stdout()).as(r.output()).isEmpty();
      assertThat(r.stderr()).as(r.output()).matches("(?s)picluster: node3 \\(10\\.0\\.0\\.3\\) has"
          + " Slurm 21\\.08\\.5 but the controller node1 has [0-9.]+; install Slurm [0-9.]+ on"
          + " node3 .*\npicluster: Slurm was not set up: fix the node as said above and run"
          + " picluster slurm again\n");
      assertNothingWritten();
    } finally {
      onNode(3, "sed -i '/" + MARK + "$/d' ~/.bashrc");
    }
  }

  @Test
  @Order(2)
  void dryRunShowsSlurmConfWithTheNodesOwnHardwareAndWritesNothing() {
    Result r = slurm("--dry-run");
    assertThat(r.exitCode()).as(r.output()).isZero();
    // What slurmd -C says on each node is what the file gives it.
    for (int k = 1; k <= NODES; k++) {
      String own = onNode(k, "/usr/sbin/slurmd -C | head -n 1").strip()
          .replaceFirst("^NodeName=\\S+ ", "");
      assertThat(r.stdout()).as(r.output())
          .contains("    NodeName=node" + k + " NodeAddr=10.0.0." + k + " " + own + " State=UNKNOWN\n");
    }
    assertThat(r.stdout()).as(r.output()).contains("    SlurmctldHost=node1(10.0.0.1)\n",
        "    PartitionName=picluster Nodes=ALL Default=YES MaxTime=INFINITE State=UP\n",
        "then on node1 (10.0.0.1), the controller, as pi through sudo -n (no systemd:",
        "    daemon slurmctld /run/slurmctld.pid slurmctld\n",
        "then on node4 (10.0.0.4), as pi through sudo -n",
        "srun --immediate=30 -N \"$n\" --ntasks-per-node=1 hostname");
    assertNothingWritten();
  }

  @Test
  @Order(3)
  void setsSlurmUpFromScratchAndProvesItWithSrunOnEveryNode() {
    Result r = slurm();
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).isEqualTo(
        "node1: wrote /etc/slurm/slurm.conf, started munged, started slurmctld, started slurmd\n"
        + "node2: wrote /etc/munge/munge.key, wrote /etc/slurm/slurm.conf, started munged, started slurmd\n"
        + "node3: wrote /etc/munge/munge.key, wrote /etc/slurm/slurm.conf, started munged, started slurmd\n"
        + "node4: wrote /etc/munge/munge.key, wrote /etc/slurm/slurm.conf, started munged, started slurmd\n"
        + "Slurm is up: srun -N 4 hostname ran on node1 node2 node3 node4 (partition picluster,"
        + " controller node1)\n");
    String key = null;
    String conf = null;
    for (int k = 1; k <= NODES; k++) {
      String keyHere = ok(testbed.run(k, "sh", "-c",
          "stat -c '%U %a %s' /etc/munge/munge.key && sha256sum </etc/munge/munge.key"));
      assertThat(keyHere).as("node" + k + "'s munge key").startsWith("munge 400 1024\n");
      String confHere = onNode(k, "stat -c '%U %a' /etc/slurm/slurm.conf && cat /etc/slurm/slurm.conf");
      assertThat(confHere).as("node" + k).startsWith("root 644\n");
      if (k == 1) {
        key = keyHere;
        conf = confHere;
      }
      assertThat(keyHere).as("node" + k + ": the same key everywhere").isEqualTo(key);
      assertThat(confHere).as("node" + k + ": the same slurm.conf everywhere").isEqualTo(conf);
    }
    // Slurm works for pi from another node too: 8 tasks, 2 on each node.
    String hosts = onNode(3, "timeout 60 srun -N 4 -n 8 hostname | sort | uniq -c | tr -s ' '");
    assertThat(hosts).isEqualTo(" 2 node1\n 2 node2\n 2 node3\n 2 node4\n");
  }

  @Test
  @Order(4)
  void aSecondRunChangesNothingAndStillProvesIt() {
    String pids = onNode(1, "cat /run/slurmctld.pid /run/slurmd.pid /run/munge/munged.pid");
    Result r = slurm();
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).isEqualTo(
        "node1: unchanged, daemons running\nnode2: unchanged, daemons running\n"
        + "node3: unchanged, daemons running\nnode4: unchanged, daemons running\n"
        + "Slurm is up: srun -N 4 hostname ran on node1 node2 node3 node4 (partition picluster,"
        + " controller node1)\n");
    assertThat(onNode(1, "cat /run/slurmctld.pid /run/slurmd.pid /run/munge/munged.pid"))
        .as("no daemon was restarted").isEqualTo(pids);
  }

  @Test
  @Order(5)
  void statusItsJsonAndDoctorShowEachNodesSlurmStateAndADrainedNodesReason() {
    Result status = PiclusterJar.onMaster(testbed, jar, "status");
    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.stdout()).as(status.output()).endsWith("\nSLURM  STATE  REASON\n"
        + "node1  idle   -\nnode2  idle   -\nnode3  idle   -\nnode4  idle   -\n");
    Result doctor = PiclusterJar.onMaster(testbed, jar, "doctor");
    for (int k = 1; k <= NODES; k++) {
      assertThat(doctor.stdout()).as(doctor.output())
          .containsPattern("(?m)^OK +slurm +node" + k + " +Slurm: idle$");
    }
    assertThat(slurmInJson()).containsExactlyInAnyOrderEntriesOf(Map.of("node1", slurm("idle", null),
        "node2", slurm("idle", null), "node3", slurm("idle", null), "node4", slurm("idle", null)));
    ok(testbed.run(1, "scontrol", "update", "nodename=node2", "state=drain",
        "reason=picluster-it maintenance"));
    try {
      status = PiclusterJar.onMaster(testbed, jar, "status");
      assertThat(status.stdout()).as(status.output())
          .contains("\nnode2  drained  picluster-it maintenance\n");
      assertThat(slurmInJson()).containsEntry("node2", slurm("drained", "picluster-it maintenance"))
          .containsEntry("node1", slurm("idle", null));
      doctor = PiclusterJar.onMaster(testbed, jar, "doctor");
      assertThat(doctor.exitCode()).as(doctor.output()).isEqualTo(1);
      assertThat(doctor.stdout()).as(doctor.output()).containsPattern("(?m)^FAIL +slurm +node2 +Slurm:"
          + " drained \\(picluster-it maintenance\\) +-> fix: find the cause in"
          + " /var/log/slurm/slurmd.log on node2 .* sudo scontrol update nodename=node2"
          + " state=resume$");
    } finally {
      ok(testbed.run(1, "scontrol", "update", "nodename=node2", "state=resume"));
    }
  }
}
