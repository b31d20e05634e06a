package io.picluster.setup.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The status table: aligned columns, down nodes with their reason, each value's format. */
class StatusTableTest {
  @Test
  void rowsAreAlignedAndDownNodesSayWhy() {
    NodeStatus n1 = TestStatuses.node(1).up();
    NodeStatus n2 = TestStatuses.node(2).java(null).picluster(null, null).throttled(0x50005)
        .temp(81.0).up();
    NodeStatus n3 = TestStatuses.node(3).down("no answer within 5 s");
    String table = StatusTable.render(List.of(n1, n2, n3), true);

    assertThat(table).isEqualTo(String.join("\n",
        "NODE   STATE  HOSTNAME  ARCH     OS                              JAVA     PICLUSTER         LOAD        MEMORY  DISK FREE    TEMP  THROTTLING                        CLOCK  UPTIME",
        "node1  up     node1     aarch64  Debian GNU/Linux 12 (bookworm)  17.0.15  0.1.0 (aaaaaaaa)  0.52  812/7812 MiB   21.3 GiB  48.2°C  ok                                +2 ms   3d 4h",
        "node2  up     node2     aarch64  Debian GNU/Linux 12 (bookworm)  none     none              0.52  812/7812 MiB   21.3 GiB  81.0°C  under-voltage now, throttled now  +2 ms   3d 4h",
        "node3  down   -         -        -                               -        -                    -             -          -       -  -                                     -       -",
        "node3 (10.0.0.3) is down: no answer within 5 s",
        ""));
  }

  @Test
  void withoutUnicodeTheTemperatureHasNoDegreeSign() {
    assertThat(StatusTable.temperature(48.24, false)).isEqualTo("48.2 C");
    assertThat(StatusTable.temperature(48.24, true)).isEqualTo("48.2°C");
    assertThat(StatusTable.temperature(null, true)).isEqualTo("-");
    assertThat(StatusTable.render(List.of(TestStatuses.node(1).up()), false)).doesNotContain("°");
  }

  @Test
  void clockOffsets() {
    assertThat(StatusTable.clock(0.4)).isEqualTo("+0 ms");
    assertThat(StatusTable.clock(-0.4)).isEqualTo("+0 ms");
    assertThat(StatusTable.clock(3.6)).isEqualTo("+4 ms");
    assertThat(StatusTable.clock(-250.0)).isEqualTo("-250 ms");
    assertThat(StatusTable.clock(1500.0)).isEqualTo("+1.5 s");
    assertThat(StatusTable.clock(-125_000.0)).isEqualTo("-2 min");
    assertThat(StatusTable.clock(7_200_000.0)).isEqualTo("+2.0 h");
    assertThat(StatusTable.clock(null)).isEqualTo("-");
  }

  @Test
  void uptimes() {
    assertThat(StatusTable.uptime(45.9)).isEqualTo("45s");
    assertThat(StatusTable.uptime(125.0)).isEqualTo("2m");
    assertThat(StatusTable.uptime(4 * 3600 + 12 * 60 + 5.0)).isEqualTo("4h 12m");
    assertThat(StatusTable.uptime(3 * 86400 + 4 * 3600 + 59 * 60.0)).isEqualTo("3d 4h");
    assertThat(StatusTable.uptime(null)).isEqualTo("-");
  }

  @Test
  void aNodeNamedByItsAddressIsNamedOnce() {
    NodeStatus s = NodeStatus.down(new io.picluster.setup.cluster.Node("10.0.0.9", "10.0.0.9",
        "pi"), "x");
    assertThat(StatusTable.who(s)).isEqualTo("10.0.0.9");
    assertThat(StatusTable.who(TestStatuses.node(2).up())).isEqualTo("node2 (10.0.0.2)");
  }

  @Test
  void textTablePadsRightAlignsAndNeverEndsALineWithSpaces() {
    String t = new TextTable("A", ">B", "C").row(List.of("x", "1", ""))
        .row(List.of("long one", "12345", "z")).render();
    assertThat(t).isEqualTo("A             B  C\nx             1  -\nlong one  12345  z\n");
    assertThatThrownBy(() -> new TextTable("A").row(List.of("1", "2")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
