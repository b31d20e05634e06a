package io.picluster.setup.status;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.time.Duration;

/** What a node's status probe prints (anything a login shell or a broken node may add). */
class StatusOutputFuzzTest {
  private static final Node NODE = new Node("node1", "10.0.0.1", "pi");

  @FuzzTest(maxDuration = "10m")
  void fuzz(FuzzedDataProvider data) {
    int exit = data.consumeInt(-1, 255);
    boolean framed = data.consumeBoolean();
    String stderr = data.consumeString(200);
    String body = data.consumeRemainingAsString();
    String stdout = framed ? "login noise\n" + StatusProbe.BEGIN + "\n" + body + "\n" + StatusProbe.END
        + "\n" : body;
    NodeShell.Result r = new NodeShell.Result(NODE, exit, stdout, stderr, false);
    NodeStatus status = StatusProbe.parse(NODE, r, 1_000_000L, 1_200_000L, Duration.ofSeconds(5));
    if (status == null) {
      throw new AssertionError("no status for " + stdout);
    }
    status.toString();
  }
}
