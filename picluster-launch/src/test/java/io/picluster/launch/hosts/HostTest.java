package io.picluster.launch.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostTest {

  @Test
  void namesAndLiteralsAreTold() {
    assertThat(Host.of("node1", 4).kind()).isEqualTo(Host.Kind.NAME);
    assertThat(Host.of("pi-3.cluster.local", 1).kind()).isEqualTo(Host.Kind.NAME);
    assertThat(Host.of("10.0.0.1", 1).kind()).isEqualTo(Host.Kind.IPV4);
    assertThat(Host.of("fe80::1", 1).kind()).isEqualTo(Host.Kind.IPV6);
    assertThat(Host.of("fe80::1%eth0", 1).kind()).isEqualTo(Host.Kind.IPV6);
    assertThat(Host.of("::ffff:10.0.0.1", 1).kind()).isEqualTo(Host.Kind.IPV6);
    // RFC 1123 allows a label to start with a digit, as long as the last one is not all digits.
    assertThat(Host.of("3com.example", 1).kind()).isEqualTo(Host.Kind.NAME);
  }

  @Test
  void literalAddressesAreBuiltFromTheTextWithoutResolving() throws Exception {
    assertThat(Host.of("10.0.0.7", 1).literalAddress())
        .contains(InetAddress.getByAddress(new byte[] {10, 0, 0, 7}));
    byte[] v6 = new byte[16];
    v6[0] = (byte) 0xfe;
    v6[1] = (byte) 0x80;
    v6[15] = 1;
    assertThat(Host.of("fe80::1%eth0", 1).literalAddress())
        .contains(InetAddress.getByAddress(v6));
    assertThat(Host.of("node1", 1).literalAddress()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "::1, 00000000000000000000000000000001",
    "1::, 00010000000000000000000000000000",
    "1:2:3:4:5:6:7:8, 00010002000300040005000600070008",
    "1:2:3:4:5:6::8, 00010002000300040005000600000008",
    "::ffff:10.0.0.1, 00000000000000000000ffff0a000001",
    "FE80:0:0::ABCD, fe80000000000000000000000000abcd",
  })
  void ipv6LiteralsParse(String text, String hex) {
    byte[] bytes = Ipv6Literal.parse(text);
    StringBuilder got = new StringBuilder();
    for (byte b : bytes) {
      got.append(String.format("%02x", b));
    }
    assertThat(got.toString()).isEqualTo(hex);
  }

  @Test
  void identityIgnoresCaseOfNamesAndSpellingOfIpv6() {
    assertThat(Host.of("Node1", 1).identity()).isEqualTo(Host.of("node1", 2).identity());
    assertThat(Host.of("fe80::1", 1).identity()).isEqualTo(Host.of("FE80:0:0::0001", 1).identity());
    assertThat(Host.of("fe80::1%eth0", 1).identity()).isNotEqualTo(Host.of("fe80::1", 1).identity());
    assertThat(Host.of("10.0.0.1", 1).identity()).isNotEqualTo(Host.of("node1", 1).identity());
  }

  @Test
  void toStringIsAnMpichEntry() {
    assertThat(Host.of("node1", 4)).hasToString("node1:4");
    assertThat(Host.of("fe80::1", 2)).hasToString("[fe80::1]:2");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "node_1|'node_1' is not a valid host name: '_' is not allowed (use only letters, digits, '-' and '.')",
        "-node|'-node' is not a valid host name: the part '-node' starts or ends with '-' (put '-' only between letters or digits)",
        "node-.lan|'node-.lan' is not a valid host name: the part 'node-' starts or ends with '-' (put '-' only between letters or digits)",
        "a..b|'a..b' is not a valid host name: it has an empty part between dots (remove the extra dot)",
        "node1.|'node1.' is not a valid host name: it ends in a dot (drop the trailing dot)",
        "pi@node1|'pi@node1' is not a valid host name: it contains a user name (set the user in ~/.ssh/config: 'Host node1' / 'User pi')",
        "nöde|'nöde' is not a valid host name: 'ö' is not ASCII (write the ASCII (punycode) form of the name)",
        "10.0.0.256|'10.0.0.256' is not a valid IPv4 address: 256 is above 255 (write e.g. '10.0.0.1')",
        "10.0.1|'10.0.1' is not a valid IPv4 address: it needs four numbers separated by dots (write e.g. '10.0.0.1')",
        "010.0.0.1|'010.0.0.1' is not a valid IPv4 address: '010' has a leading zero, which some tools read as octal (write e.g. '10.0.0.1')",
        "10.0.x.1|'10.0.x.1' is not a valid IPv4 address: 'x' is not a number from 0 to 255 (write e.g. '10.0.0.1')",
        "0.0.0.0|'0.0.0.0' is not the address of one machine (write the machine's own address)",
        "224.0.0.1|'224.0.0.1' is not the address of one machine (write the machine's own address)",
        "::|':: ' is not the address of one machine (write the machine's own address)",
        "fe80::1::2|'fe80::1::2' is not a valid IPv6 address: '::' may appear only once (write e.g. 'fe80::1')",
        "fe80:1|'fe80:1' is not a valid IPv6 address: it needs eight groups of hex digits, or '::' for a run of zeros (write e.g. 'fe80::1')",
        "fe80::12345|'fe80::12345' is not a valid IPv6 address: '12345' is not a group of one to four hex digits (write e.g. 'fe80::1')",
        "fe80::g|'fe80::g' is not a valid IPv6 address: 'g' is not a group of one to four hex digits (write e.g. 'fe80::1')",
        "1:2:3:4:5:6:7:8:9|'1:2:3:4:5:6:7:8:9' is not a valid IPv6 address: more than eight groups (write e.g. 'fe80::1')",
        "1:2:3:4::5:6:7:8|'1:2:3:4::5:6:7:8' is not a valid IPv6 address: too many groups for an address with '::' (write e.g. 'fe80::1')",
        "fe80:::1|'fe80:::1' is not a valid IPv6 address: ':::' is not allowed, '::' alone stands for a run of zeros (write e.g. 'fe80::1')",
        ":1::2|':1::2' is not a valid IPv6 address: a group between colons is empty (only '::' may stand for zeros) (write e.g. 'fe80::1')",
        "1:2:3:4:5:6:7:|'1:2:3:4:5:6:7:' is not a valid IPv6 address: a group between colons is empty (only '::' may stand for zeros) (write e.g. 'fe80::1')",
        "fe80::1%|'fe80::1%' is not a valid IPv6 address: the zone after '%' must be an interface name such as 'eth0' (write e.g. 'fe80::1')",
        "::ffff:10.0.0.300|'10.0.0.300' is not a valid IPv4 address: 300 is above 255 (write e.g. '10.0.0.1')",
      })
  void badHostsAreRefusedWithAReasonAndAFix(String text, String message) {
    assertThatThrownBy(() -> Host.of(text, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message.replace(":: '", "::'"));
  }

  @Test
  void longNamesAndLabelsAreRefused() {
    String label64 = "a".repeat(64);
    assertThatThrownBy(() -> Host.of(label64 + ".lan", 1))
        .hasMessage("'" + label64 + ".lan' is not a valid host name: the part '" + label64
            + "' is longer than 63 characters (use a shorter name)");
    String name254 = ("a".repeat(62) + ".").repeat(4) + "ab";
    assertThat(name254).hasSize(254);
    assertThatThrownBy(() -> Host.of(name254, 1))
        .hasMessage("'" + name254
            + "' is not a valid host name: it is longer than 253 characters (use a shorter name)");
    assertThat(Host.of("a".repeat(63), 1).name()).hasSize(63);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Host.MAX_SLOTS + 1})
  void slotsOutsideTheRangeAreRefused(int slots) {
    assertThatThrownBy(() -> Host.of("node1", slots))
        .hasMessage("slots must be from 1 to 1000000, got " + slots + " (give each host 1 or more)");
  }

  @Test
  void emptyNameIsRefused() {
    assertThatThrownBy(() -> Host.of("", 1))
        .hasMessage("empty host name (write a name such as 'node1')");
  }
}
