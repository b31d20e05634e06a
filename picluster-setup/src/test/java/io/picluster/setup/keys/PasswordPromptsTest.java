package io.picluster.setup.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picluster.setup.cluster.Node;
import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class PasswordPromptsTest {
  private static final Node N2 = new Node("node2", "10.0.0.2", "pi");
  private static final Node N3 = new Node("node3", "10.0.0.3", "pi");
  private static final Node N4 = new Node("node4", "10.0.0.4", "pi");

  @Test
  void standardInputGivesOneLinePerNodeAndBlankOrEndMeansTheSameAgain() throws Exception {
    PasswordPrompt p = PasswordPrompts.lines(new BufferedReader(new StringReader("one\n\ntwo\n")));
    assertThat(p.passwordFor(N2)).containsExactly("one".toCharArray());
    assertThat(p.passwordFor(N3)).containsExactly("one".toCharArray());
    assertThat(p.passwordFor(N4)).containsExactly("two".toCharArray());
    assertThat(p.passwordFor(N2)).containsExactly("two".toCharArray()); // end of input
  }

  @Test
  void nothingOnStandardInputIsNoPassword() {
    PasswordPrompt p = PasswordPrompts.lines(new BufferedReader(new StringReader("")));
    assertThatThrownBy(() -> p.passwordFor(N2)).isInstanceOf(PasswordPrompt.Unavailable.class)
        .hasMessageContaining("standard input ended before a password for node2");
    PasswordPrompt blank = PasswordPrompts.lines(new BufferedReader(new StringReader("\n")));
    assertThatThrownBy(() -> blank.passwordFor(N2)).isInstanceOf(PasswordPrompt.Unavailable.class)
        .hasMessage("no password given for node2");
    assertThatThrownBy(() -> PasswordPrompts.none("there is no terminal").passwordFor(N2))
        .hasMessage("there is no terminal");
  }

  @Test
  void theCallerMayWipeWhatItGotWithoutLosingTheRememberedPassword() throws Exception {
    PasswordPrompt p = PasswordPrompts.lines(new BufferedReader(new StringReader("one\n")));
    char[] first = p.passwordFor(N2);
    java.util.Arrays.fill(first, '\0');
    assertThat(p.passwordFor(N3)).containsExactly("one".toCharArray());
  }
}
