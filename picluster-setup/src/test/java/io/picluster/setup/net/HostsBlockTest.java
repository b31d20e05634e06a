package io.picluster.setup.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.cluster.Cluster;
import org.junit.jupiter.api.Test;

class HostsBlockTest {
  private final Cluster cluster = NetFixtures.cluster(
      "network 10.0.0.0/24\nmaster a\nnode a 10.0.0.1\nnode b 10.0.0.2\n");

  @Test
  void theBlockNamesEveryNodeInFileOrder() {
    assertThat(HostsBlock.render(cluster)).isEqualTo("10.0.0.1 a\n10.0.0.2 b\n");
  }

  @Test
  void theDebianSelfLineIsFoundOutsideTheBlockOnly() {
    String text = "127.0.0.1 localhost\n127.0.1.1\tb b.local # Debian\n"
        + MarkedBlock.BEGIN + "\n127.0.1.1 b\n" + MarkedBlock.END + "\n";
    assertThat(HostsBlock.loopbackLines(text, "b"))
        .containsExactly(new HostsBlock.LoopbackLine(2, "127.0.1.1\tb b.local # Debian"));
    assertThat(HostsBlock.loopbackLines(text, "a")).isEmpty();
    assertThat(HostsBlock.loopbackLines("#127.0.1.1 b\n127.0.1.10 b\n", "b")).isEmpty();
  }

  @Test
  void withoutFixOtherLinesStayAsTheyAre() {
    String text = "127.0.0.1 localhost\n127.0.1.1 b\n10.9.9.9 b\n";
    assertThat(HostsBlock.apply(text, cluster, "b", false)).isEqualTo(text + "\n"
        + MarkedBlock.BEGIN + "\n10.0.0.1 a\n10.0.0.2 b\n" + MarkedBlock.END + "\n");
  }

  @Test
  void fixHostsCommentsOutThatLineAlone() {
    String text = "127.0.0.1 localhost\n127.0.1.1 b\n127.0.1.1 other\n";
    assertThat(HostsBlock.apply(text, cluster, "b", true)).isEqualTo("127.0.0.1 localhost\n"
        + "# picluster net --fix-hosts: 127.0.1.1 b\n127.0.1.1 other\n\n"
        + MarkedBlock.BEGIN + "\n10.0.0.1 a\n10.0.0.2 b\n" + MarkedBlock.END + "\n");
  }
}
