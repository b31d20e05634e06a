package io.picluster.setup.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.cluster.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackboneAddressCheckTest {
  private static final String LO = "1: lo    inet 127.0.0.1/8 scope host lo";
  private static final String WLAN = "3: wlan0    inet 192.168.50.3/24 brd 192.168.50.255 scope"
      + " global wlan0";

  private static Check one(DoctorScope scope, Canned.Facts f) {
    List<Check> c = BackboneAddressCheck.check(scope, List.of(f.parse()), Canned.backbone(4));
    assertThat(c).hasSize(1);
    return c.get(0);
  }

  @Test
  void theBackboneAddressOnTheBackboneInterfaceIsOk() {
    List<Check> c = BackboneAddressCheck.check(Canned.scope(3), Canned.healthyFacts(3),
        Canned.backbone(3));
    assertThat(c).extracting(Check::verdict).containsOnly(Verdict.OK);
    assertThat(c.get(2).finding()).isEqualTo("10.0.0.3/24 on eth0");
  }

  @Test
  void noAddressInTheBackboneSaysWhatItHasAndPointsAtPiclusterNet() {
    Check c = one(Canned.scope(4), Canned.facts(3, 4).addr(LO, WLAN));
    assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(c.finding()).isEqualTo("it has no address in the backbone 10.0.0.0/24 on eth0 (it"
        + " has wlan0 192.168.50.3/24)");
    assertThat(c.fix()).startsWith("picluster net node3 writes its static backbone address"
        + " (10.0.0.3/24 on eth0)");
  }

  @Test
  void anotherAddressInTheBackboneIsNamed() {
    Check c = one(Canned.scope(4), Canned.facts(3, 4).addr(LO,
        "2: eth0    inet 10.0.0.9/24 brd 10.0.0.255 scope global eth0", WLAN));
    assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(c.finding()).isEqualTo("it has eth0 10.0.0.9/24 in the backbone 10.0.0.0/24, not"
        + " its address 10.0.0.3 from the cluster file");
  }

  @Test
  void theBackboneAddressOnTheWrongInterfaceFails() {
    Check c = one(Canned.scope(4), Canned.facts(3, 4).addr(LO,
        "3: wlan0    inet 10.0.0.3/24 brd 10.0.0.255 scope global wlan0"));
    assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(c.finding()).isEqualTo("its backbone address 10.0.0.3/24 is on wlan0, not on the"
        + " backbone interface eth0");
    assertThat(c.fix()).startsWith("put it on eth0: picluster net node3");
    // without an interface in the cluster file, any interface will do
    DoctorScope noIface = new DoctorScope(Canned.nodes(4), Optional.of("node1"),
        Optional.of(Canned.NET), Optional.empty(), Optional.empty(), true);
    assertThat(one(noIface, Canned.facts(3, 4).addr(LO,
        "3: wlan0    inet 10.0.0.3/24 brd 10.0.0.255 scope global wlan0")).verdict())
        .isEqualTo(Verdict.OK);
  }

  @Test
  void aDifferentNetmaskIsAWarning() {
    Check c = one(Canned.scope(4), Canned.facts(3, 4).addr(LO,
        "2: eth0    inet 10.0.0.3/16 brd 10.0.255.255 scope global eth0"));
    assertThat(c.verdict()).isEqualTo(Verdict.WARN);
    assertThat(c.finding()).contains("10.0.0.3/16").contains("10.0.0.0/24");
  }

  @Test
  void noIpCommandIsAWarning() {
    Canned.Facts f = Canned.facts(2, 4);
    f.ipTool = false;
    Check c = one(Canned.scope(4), f);
    assertThat(c.verdict()).isEqualTo(Verdict.WARN);
    assertThat(c.fix()).contains("iproute2");
  }

  @Test
  void withHostsTheAddressSshReachesMustBeTheNodesOwn() {
    Node n = new Node("10.0.0.3", "10.0.0.3", "pi");
    DoctorScope hosts = DoctorScope.ofHosts(List.of(n), Optional.empty());
    Canned.Facts f = Canned.facts(3, 4);
    NodeFacts own = FactsProbe.parse(n, Canned.ok(n, f.stdout()));
    Check ok = BackboneAddressCheck.check(hosts, List.of(own), Map.of("10.0.0.3", "10.0.0.3"))
        .get(0);
    assertThat(ok.verdict()).isEqualTo(Verdict.OK);
    f.addr(LO, WLAN);
    NodeFacts natted = FactsProbe.parse(n, Canned.ok(n, f.stdout()));
    Check warn = BackboneAddressCheck.check(hosts, List.of(natted), Map.of("10.0.0.3", "10.0.0.3"))
        .get(0);
    assertThat(warn.verdict()).isEqualTo(Verdict.WARN);
    assertThat(warn.finding()).contains("not one of its own addresses");
  }

  @Test
  void nodesSshCouldNotReachAreLeftToTheSshCheck() {
    assertThat(BackboneAddressCheck.check(Canned.scope(2), List.of(Canned.sshFailed(2,
        "Connection refused")), Canned.backbone(2))).isEmpty();
  }
}
