package io.picluster.comm.pmi;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.picluster.comm.CommException;
import io.picluster.fuzz.OneLineErrors;

/** What a rank reads from its PMI server (reply lines) and from its environment (PMI_PORT). */
class PmiClientRepliesFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void fuzz(FuzzedDataProvider data) {
    String hostPort = data.consumeString(64);
    String line = data.consumeRemainingAsString();
    PmiReply reply = new PmiReply(line);
    reply.command();
    reply.rc();
    reply.get("value");
    reply.get("kvsname");
    reply.toString();
    try {
      PmiClient.parseHostPort(hostPort);
    } catch (CommException e) {
      OneLineErrors.check(e, CommException.class);
    }
  }
}
