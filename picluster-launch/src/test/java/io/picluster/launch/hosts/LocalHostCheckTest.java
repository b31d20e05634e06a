package io.picluster.launch.hosts;

import io.picluster.comm.internal.HostName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalHostCheckTest {

  private final List<String> lookedUp = new ArrayList<>();

  private static InetAddress ip(String literal) {
    return Host.of(literal, 1).literalAddress().orElseThrow();
  }

  /** A check for a machine "pi1" with 10.0.0.1 and fd00::1, whose resolver answers from a map. */
  private LocalHostCheck check(Map<String, List<String>> names) {
    return new LocalHostCheck("pi1", List.of(ip("10.0.0.1"), ip("fd00::1")), name -> {
      lookedUp.add(name);
      List<String> addresses = names.get(name);
      if (addresses == null) {
        throw new UnknownHostException(name);
      }
      return addresses.stream().map(LocalHostCheckTest::ip).toArray(InetAddress[]::new);
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "localhost", "LOCALHOST", "web.localhost", "127.0.0.1", "127.0.1.1", "127.255.0.9", "::1",
    "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "pi1", "PI1", "10.0.0.1", "fd00::1", "fd00:0::1%eth0"
  })
  void loopbackOwnNameAndOwnAddressesAreLocalWithoutAnyLookUp(String host) {
    assertThat(check(Map.of()).isLocal(host)).isTrue();
    assertThat(lookedUp).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.2", "fd00::2", "192.0.2.1"})
  void otherAddressesAreRemoteWithoutAnyLookUp(String host) {
    assertThat(check(Map.of()).isLocal(host)).isFalse();
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void otherNamesAreResolvedOnceAndLocalOnlyWhenEveryAddressIsLocal() {
    LocalHostCheck c = check(Map.of(
        "pi1.cluster", List.of("10.0.0.1"),
        "debian-name", List.of("127.0.1.1"),
        "pi2", List.of("10.0.0.2"),
        "both", List.of("127.0.1.1", "10.0.0.2")));

    assertThat(c.isLocal("pi1.cluster")).isTrue();
    assertThat(c.isLocal("debian-name")).isTrue(); // the Debian /etc/hosts caveat
    assertThat(c.isLocal("pi2")).isFalse();
    assertThat(c.isLocal("both")).isFalse(); // unsure: SSH, which works either way
    assertThat(c.isLocal("nowhere")).isFalse(); // does not resolve: SSH will say so
    assertThat(c.isLocal("PI2")).isFalse();
    assertThat(c.isLocal("pi2")).isFalse();

    assertThat(lookedUp).containsExactly("pi1.cluster", "debian-name", "pi2", "both", "nowhere");
  }

  @Test
  void thisMachinesRealNameAndInterfaceAddressesAreLocal() {
    LocalHostCheck c = LocalHostCheck.forThisMachine();
    String own = HostName.fromKernel();
    assumeFalse(own.isEmpty(), "no /proc/sys/kernel/hostname here");

    assertThat(c.ownName()).isEqualTo(own);
    assertThat(c.isLocal(Host.of(own, 1))).isTrue(); // by name: no resolution, no DNS
    assertThat(c.isLocal("localhost")).isTrue();
    assertThat(c.isLocal("127.0.0.1")).isTrue();
    assertThat(c.isLocal("::1")).isTrue();
    List<InetAddress> mine = LocalHostCheck.interfaceAddresses();
    assertThat(mine).isNotEmpty();
    for (InetAddress a : mine) {
      // getHostAddress writes IPv6 with its zone, e.g. fe80:0:0:0:fc:ff:fe00:1%eth0
      assertThat(c.isLocal(a.getHostAddress())).as(a.getHostAddress()).isTrue();
    }
    // TEST-NET-3 (RFC 5737) is never configured on a real interface.
    assumeFalse(mine.contains(ip("203.0.113.7")));
    assertThat(c.isLocal("203.0.113.7")).isFalse();
  }
}
