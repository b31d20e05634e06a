package io.picluster.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole PMI-1 conversations between real rank processes and the launcher's server. */
@Timeout(120)
class LauncherConversationTest {

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 4, 7})
  void everyRankCompletesTheConversationWithThreeBarriers(int n) {
    LaunchResult r = LaunchResult.run(JobSpec.of(n, TestRanks.command(null, "conversation", "3")));

    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode()).isZero();
    for (int rank = 0; rank < n; rank++) {
      assertThat(r.outLines())
          .contains("rank " + rank + " of " + n + ": conversation ok after 3 barriers");
    }
    assertThat(r.outLines()).hasSize(n);
  }

  @Test
  void strangersOnThePmiPortAreRefusedWhileTheJobCompletes() {
    LaunchResult r = LaunchResult.run(JobSpec.of(3, TestRanks.command(null, "intruders", "2")));

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.outLines()).containsExactlyInAnyOrder("rank 0: done", "rank 1: done", "rank 2: done");
    List<String> fromRankHost = r.launcherLines().stream()
        .filter(l -> l.startsWith("picluster: refused a PMI connection from 127.0.0.1:")).toList();
    assertThat(fromRankHost)
        .hasSize(7)
        .anyMatch(l -> l.endsWith("sent binary data instead of cmd=initack"))
        .anyMatch(l -> l.endsWith("sent 'hello there' instead of cmd=initack pmiid=<id>"))
        .anyMatch(l -> l.endsWith("pmiid 0 is no rank's id"))
        .anyMatch(l -> l.endsWith("pmiid 8 is no rank's id"))
        .anyMatch(l -> l.endsWith("pmiid 1 is no rank's id"))
        .anyMatch(l -> l.endsWith("the pmiid of rank 0 is already connected"))
        .anyMatch(l -> l.endsWith("sent a line longer than 1048576 bytes before initack"));
    assertThat(r.launcherLines().stream()
        .filter(l -> l.startsWith("picluster: refused a PMI connection from 127.0.0.2:")))
        .hasSize(16);
    assertThat(r.launcherLines())
        .contains("picluster: 16 failed PMI handshakes from 127.0.0.2: "
            + "no further connections are taken from it")
        .hasSize(7 + 16 + 1);
  }
}
