package io.picluster.launch.pmi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PmiCommandTest {

  @Test
  void valueRunsToTheEndOfTheLineVerbatim() {
    PmiCommand c = PmiCommand.parse("cmd=put kvsname=kvs_1_0 key=k-1 value=a=b  c d  ");

    assertThat(c.name()).isEqualTo("put");
    assertThat(c.arg("kvsname")).isEqualTo("kvs_1_0");
    assertThat(c.arg("key")).isEqualTo("k-1");
    assertThat(c.arg("value")).isEqualTo("a=b  c d  ");
  }

  @Test
  void tokensSplitAtTheirFirstEquals() {
    PmiCommand c = PmiCommand.parse("cmd=init pmi_version=1 pmi_subversion=1=x");

    assertThat(c.arg("pmi_version")).isEqualTo("1");
    assertThat(c.arg("pmi_subversion")).isEqualTo("1=x");
  }

  @Test
  void aLineWithoutCmdIsNotACommand() {
    assertThat(PmiCommand.parse("hello")).isNull();
    assertThat(PmiCommand.parse("cmd=barrier_in").name()).isEqualTo("barrier_in");
  }
}
