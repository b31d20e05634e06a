package io.picluster.launch.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostfileTest {

  private static List<String> entries(HostList list) {
    return list.hosts().stream().map(Host::toString).toList();
  }

  private static HostList parse(String... lines) {
    return HostList.parseHostfile("hosts.txt", String.join("\n", lines));
  }

  @Test
  void mpichFormat() {
    HostList list = parse("node1:4", "node2:2", "node3", "10.0.0.4:1", "[fe80::1]:2", "::1");

    assertThat(entries(list))
        .containsExactly("node1:4", "node2:2", "node3:1", "10.0.0.4:1", "[fe80::1]:2", "[::1]:1");
  }

  @Test
  void openMpiFormat() {
    HostList list = parse("node1 slots=4", "node2", "10.0.0.3   slots=2", "fe80::1 slots=3",
        "[fd00::2] slots=2");

    assertThat(entries(list))
        .containsExactly("node1:4", "node2:1", "10.0.0.3:2", "[fe80::1]:3", "[fd00::2]:2");
    assertThat(list.notes()).isEmpty();
  }

  @Test
  void commentsBlankLinesAndWhitespaceAreIgnored() {
    HostList list = HostList.parseHostfile("hosts.txt",
        "# the cluster\n\n   \n  node1:2   # head node\n\tnode2 slots=2\t#worker\n#node3:4\n"
            + "node4#no space before the comment\r\nnode5\r\n");

    assertThat(entries(list)).containsExactly("node1:2", "node2:2", "node4:1", "node5:1");
  }

  @Test
  void aByteOrderMarkIsSkipped() {
    assertThat(entries(HostList.parseHostfile("h", "\uFEFFnode1:2\n"))).containsExactly("node1:2");
  }

  @Test
  void formatsMayBeMixedAndRepeatsMerge() {
    HostList list = parse("node1:2", "node2 slots=1", "NODE1 slots=3", "node2", "10.0.0.9");

    assertThat(entries(list)).containsExactly("node1:5", "node2:2", "10.0.0.9:1");
  }

  @Test
  void maxSlotsIsCheckedThenIgnoredWithANote() {
    HostList list = parse("node1 slots=2 max_slots=4", "node2 max-slots=1");

    assertThat(entries(list)).containsExactly("node1:2", "node2:1");
    assertThat(list.notes()).containsExactly(
        "hosts.txt:1: max_slots is ignored; like mpiexec, picluster places ranks beyond the slots"
            + " by wrapping around",
        "hosts.txt:2: max-slots is ignored; like mpiexec, picluster places ranks beyond the slots"
            + " by wrapping around");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "node3:x|hosts.txt:3: slots must be a whole number of at least 1, got 'x' (write 'node3:4' or 'node3 slots=4')",
        "node3 slots=x|hosts.txt:3: slots must be a whole number of at least 1, got 'x' (write 'node3:4' or 'node3 slots=4')",
        "node3 slots=0|hosts.txt:3: slots must be a whole number of at least 1, got '0' (write 'node3:4' or 'node3 slots=4')",
        "node3 slots=|hosts.txt:3: slots must be a whole number of at least 1, got '' (write 'node3:4' or 'node3 slots=4')",
        "fe80::3 slots=x|hosts.txt:3: slots must be a whole number of at least 1, got 'x' (write '[fe80::3]:4' or 'fe80::3 slots=4')",
        "node3 slots|hosts.txt:3: 'slots' needs a value (write e.g. 'node3 slots=4')",
        "node3:2 slots=2|hosts.txt:3: slots are given twice, as ':2' and as 'slots=2' (write 'node3:4' or 'node3 slots=4')",
        "node3 slots=2 slots=3|hosts.txt:3: 'slots' is given twice (keep one)",
        "node3 max_slots=2 max-slots=3|hosts.txt:3: 'max_slots' is given twice (keep one)",
        "node3 max_slots=many|hosts.txt:3: max_slots must be a whole number of at least 1, got 'many' (write 'node3 slots=4 max_slots=8')",
        "node3 node4|hosts.txt:3: unexpected 'node4' after the host (one host per line: write 'node3:4' or 'node3 slots=4')",
        "node3 cpus=4|hosts.txt:3: unexpected 'cpus=4' after the host (one host per line: write 'node3:4' or 'node3 slots=4')",
        "node3 username=pi|hosts.txt:3: user names are not taken here (set 'User pi' under 'Host node3' in ~/.ssh/config)",
        "node_3:2|hosts.txt:3: 'node_3' is not a valid host name: '_' is not allowed (use only letters, digits, '-' and '.')",
        "10.0.0.3.4|hosts.txt:3: '10.0.0.3.4' is not a valid IPv4 address: it needs four numbers separated by dots (write e.g. '10.0.0.1')",
        "[10.0.0.3]:2|hosts.txt:3: brackets are only for IPv6 addresses, got '[10.0.0.3]:2' (write '10.0.0.3:2')",
        "fe80::1::3 slots=2|hosts.txt:3: 'fe80::1::3' is not a valid IPv6 address: '::' may appear only once (write e.g. 'fe80::1')",
      })
  void mistakesNameFileAndLineAndSayTheFix(String line3, String message) {
    assertThatThrownBy(() -> parse("node1", "# two", line3, "node4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void theHostIsCheckedBeforeItsSlots() {
    assertThatThrownBy(() -> parse("node_1 slots=x"))
        .hasMessageStartingWith("hosts.txt:1: 'node_1' is not a valid host name");
    assertThatThrownBy(() -> HostList.parseHostsOption("node_1:x"))
        .hasMessageStartingWith("--hosts entry 1: 'node_1' is not a valid host name");
  }

  @Test
  void aFileWithoutHostsIsAnError() {
    assertThatThrownBy(() -> parse("# nothing yet", "", "   # still nothing"))
        .hasMessage("hosts.txt: no hosts in the hostfile (write one per line, e.g. 'node1:4' or"
            + " 'node1 slots=4')");
    assertThatThrownBy(() -> HostList.parseHostfile("empty", ""))
        .hasMessageStartingWith("empty: no hosts in the hostfile");
  }

  @Test
  void readsAFileAndNamesItInMessages(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("hosts.txt");
    Files.writeString(file, "node1 slots=2\nnode2:2\n", StandardCharsets.UTF_8);

    assertThat(entries(HostList.readHostfile(file))).containsExactly("node1:2", "node2:2");

    Files.writeString(file, "node1\nnode2:two\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> HostList.readHostfile(file))
        .hasMessage(file + ":2: slots must be a whole number of at least 1, got 'two'"
            + " (write 'node2:4' or 'node2 slots=4')");
  }

  @Test
  void aMissingOrBinaryFileIsReportedInOneLine(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("nope.txt");
    assertThatThrownBy(() -> HostList.readHostfile(missing))
        .hasMessage(missing + ": no such hostfile (check the path after -f)");

    Path binary = dir.resolve("a.out");
    Files.write(binary, new byte[] {0x7f, 'E', 'L', 'F', (byte) 0xff, (byte) 0xfe, 0});
    assertThatThrownBy(() -> HostList.readHostfile(binary))
        .hasMessage(binary + ": not a text file (a hostfile has one host per line, e.g. 'node1:4')");

    assertThatThrownBy(() -> HostList.readHostfile(dir))
        .hasMessage(dir + ": cannot read the hostfile (IOException; check that it is a readable file)");
  }
}
