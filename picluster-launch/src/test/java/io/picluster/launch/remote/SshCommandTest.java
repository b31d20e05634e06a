package io.picluster.launch.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line the ssh bootstrap gives a host's login shell reaches the program as the same words. */
class SshCommandTest {
  @Test
  void plainWordsStayBareTheOthersAreQuoted() {
    assertThat(SshCommand.line(List.of("sh", "-c", "echo \"$1\"", "picluster-boot",
        "/usr/lib/jvm/java-17/bin/java", "0123abcd-1f/picluster.jar", "it's", "")))
        .isEqualTo("sh -c 'echo \"$1\"' picluster-boot /usr/lib/jvm/java-17/bin/java"
            + " 0123abcd-1f/picluster.jar 'it'\\''s' ''");
  }

  @Test
  void aShellGetsBackEveryWordAsItWas() throws Exception {
    List<String> words = List.of("a b", "$HOME", "`x`", "it's", "", "*", "line\nbreak", "ok");
    List<String> argv = new ArrayList<>(List.of("printf", "<%s>"));
    argv.addAll(words);
    Process p = new ProcessBuilder("sh", "-c", SshCommand.line(argv)).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    StringBuilder want = new StringBuilder();
    for (String w : words) {
      want.append('<').append(w).append('>');
    }
    assertThat(out).isEqualTo(want.toString());
  }
}
