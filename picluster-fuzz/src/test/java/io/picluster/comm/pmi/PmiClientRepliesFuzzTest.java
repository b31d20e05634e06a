package io.picluster.comm.pmi;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.picluster.comm.CommException;
import io.picluster.fuzz.OneLineErrors;
import java.util.HashMap;
import java.util.Map;

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
    Map<String, String> expected = splitAsMpichDoes(line);
    if (!reply.fields().equals(expected)) {
      throw new AssertionError("'" + line + "' split into " + reply.fields() + ", expected " + expected);
    }
    try {
      PmiClient.parseHostPort(hostPort);
    } catch (CommException e) {
      OneLineErrors.check(e, CommException.class);
    }
  }

  /** The split PmiReply does by hand, written the short (slower) way as its oracle. */
  private static Map<String, String> splitAsMpichDoes(String line) {
    Map<String, String> fields = new HashMap<>();
    String rest = line;
    int valueAt = line.startsWith("value=") ? 0 : line.indexOf(" value=");
    if (valueAt >= 0) {
      int start = valueAt == 0 ? 0 : valueAt + 1;
      fields.put("value", line.substring(start + "value=".length()));
      rest = line.substring(0, valueAt);
    }
    for (String token : rest.trim().split(" +")) {
      int eq = token.indexOf('=');
      if (eq > 0) {
        fields.put(token.substring(0, eq), token.substring(eq + 1));
      }
    }
    return fields;
  }
}
