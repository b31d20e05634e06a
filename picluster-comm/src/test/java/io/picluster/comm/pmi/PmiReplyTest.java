package io.picluster.comm.pmi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PmiReplyTest {
  @Test
  void fieldsSplitAtSpacesAndTheirFirstEquals() {
    PmiReply reply = new PmiReply("cmd=maxes kvsname_max=256 keylen_max=64 vallen_max=1024");
    assertThat(reply.command()).isEqualTo("maxes");
    assertThat(reply.get("vallen_max")).isEqualTo("1024");
    assertThat(reply.rc()).isZero();
  }

  @Test
  void aValueRunsToTheEndOfTheLine() {
    PmiReply reply = new PmiReply("cmd=get_result rc=0 msg=success value=a=b c  d");
    assertThat(reply.get("value")).isEqualTo("a=b c  d");
    assertThat(reply.get("msg")).isEqualTo("success");
  }

  @Test
  void aFailedGetHasANegativeRc() {
    assertThat(new PmiReply("cmd=get_result rc=-1 msg=key_x_not_found value=unknown").rc()).isEqualTo(-1);
  }
}
