package io.picluster.launch.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostsOptionTest {

  private static List<String> entries(HostList list) {
    return list.hosts().stream().map(Host::toString).toList();
  }

  @Test
  void plainNamesGetOneSlotEach() {
    HostList list = HostList.parseHostsOption("node1,node2,node3");

    assertThat(entries(list)).containsExactly("node1:1", "node2:1", "node3:1");
    assertThat(list.totalSlots()).isEqualTo(3);
    assertThat(list.notes()).isEmpty();
  }

  @Test
  void entriesMayCarrySlotsAsMpichAllows() {
    HostList list = HostList.parseHostsOption("10.0.0.1:4,10.0.0.2,node3:2");

    assertThat(entries(list)).containsExactly("10.0.0.1:4", "10.0.0.2:1", "node3:2");
    assertThat(list.totalSlots()).isEqualTo(7);
  }

  @Test
  void spacesAroundEntriesAreIgnored() {
    assertThat(entries(HostList.parseHostsOption(" node1 , node2:2 ")))
        .containsExactly("node1:1", "node2:2");
  }

  @Test
  void ipv6NeedsBracketsForSlotsAndIsBareOtherwise() {
    HostList list = HostList.parseHostsOption("[fe80::1]:2,::1,[fd00::2],fe80::1:2,[fe80::a%eth0]:3");

    assertThat(list.hosts()).extracting(Host::name)
        .containsExactly("fe80::1", "::1", "fd00::2", "fe80::1:2", "fe80::a%eth0");
    assertThat(list.hosts()).extracting(Host::slots).containsExactly(2, 1, 1, 1, 3);
    assertThat(list.hosts()).extracting(Host::kind).containsOnly(Host.Kind.IPV6);
  }

  @Test
  void aRepeatedHostIsOneHostWithTheSlotsAddedInFirstAppearanceOrder() {
    HostList list = HostList.parseHostsOption("b:2,a,b,c,A:3,[fe80::1],fe80:0::1:2");

    // fe80::1:2 is another address, not fe80::1 with two slots.
    assertThat(entries(list)).containsExactly("b:3", "a:4", "c:1", "[fe80::1]:1", "[fe80:0::1:2]:1");
  }

  @Test
  void aNameAndAnAddressOfOneMachineStayTwoHosts() {
    assertThat(HostList.parseHostsOption("localhost,127.0.0.1").size()).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|--hosts: no hosts given (write e.g. '--hosts node1,node2:4')",
        "'  '|--hosts: no hosts given (write e.g. '--hosts node1,node2:4')",
        "a,,b|--hosts entry 2: empty host name (remove the extra comma in 'a,,b')",
        "a,|--hosts entry 2: empty host name (remove the extra comma in 'a,')",
        "node3:x|--hosts entry 1 'node3:x': slots must be a whole number of at least 1, got 'x' (write 'node3:4')",
        "a,node3:0|--hosts entry 2 'node3:0': slots must be a whole number of at least 1, got '0' (write 'node3:4')",
        "node3:|--hosts entry 1 'node3:': slots must be a whole number of at least 1, got '' (write 'node3:4')",
        "node3:-2|--hosts entry 1 'node3:-2': slots must be a whole number of at least 1, got '-2' (write 'node3:4')",
        "node3:99999999999|--hosts entry 1 'node3:99999999999': slots must be at most 1000000, got '99999999999' (write 'node3:4')",
        "[fe80::1]:x|--hosts entry 1 '[fe80::1]:x': slots must be a whole number of at least 1, got 'x' (write '[fe80::1]:4')",
        ":4|--hosts entry 1: no host name before ':4' (write e.g. 'node1:4')",
        "[fe80::1|--hosts entry 1: '[fe80::1' has no closing ']' (write e.g. '[fe80::1]:2')",
        "[node1]:2|--hosts entry 1: brackets are only for IPv6 addresses, got '[node1]:2' (write 'node1:2')",
        "[fe80::1]2|--hosts entry 1: only ':slots' may follow ']', got '[fe80::1]2' (write e.g. '[fe80::1]:2')",
        "a,node_3|--hosts entry 2: 'node_3' is not a valid host name: '_' is not allowed (use only letters, digits, '-' and '.')",
        "10.0.0.300:2|--hosts entry 1: '10.0.0.300' is not a valid IPv4 address: 300 is above 255 (write e.g. '10.0.0.1')",
      })
  void mistakesAreNamedWithTheirEntryAndAFix(String value, String message) {
    assertThatThrownBy(() -> HostList.parseHostsOption(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void mergedSlotsMayNotPassTheLimit() {
    assertThatThrownBy(() -> HostList.parseHostsOption("a:1000000,b,a:1"))
        .hasMessage("--hosts entry 3: 'a' has 1000001 slots in all, more than 1000000"
            + " (check the repeated entries for it)");
  }

  @Test
  void aListBuiltInCodeMergesTheSameWay() {
    HostList list = HostList.of(List.of(Host.of("a", 1), Host.of("b", 2), Host.of("a", 3)));

    assertThat(list).hasToString("a:4,b:2");
    assertThatThrownBy(() -> HostList.of(List.of()))
        .hasMessage("no hosts given (give at least one host)");
  }
}
