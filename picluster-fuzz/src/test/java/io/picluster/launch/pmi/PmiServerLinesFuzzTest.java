package io.picluster.launch.pmi;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.picluster.fuzz.OneLineErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the launcher's PMI server reads from a connection: lines (capped), the first one checked as
 * {@code cmd=initack pmiid=ID} against the job's ids, every later one parsed as a command.
 */
class PmiServerLinesFuzzTest {
  private static final PmiIds IDS = PmiIds.of(7, Integer.MAX_VALUE, 1_000_000_000);
  /** What the server's hand-written check of the first line must accept, and nothing else. */
  private static final Pattern INITACK = Pattern.compile("cmd=initack pmiid=(-?[0-9]{1,10}) *");

  @FuzzTest(maxDuration = "10m")
  void fuzz(byte[] input) {
    // A small cap, so that the fuzzer reaches it; the server's are 1 MiB, then 64 MiB.
    PmiLineReader reader = new PmiLineReader(new ByteArrayInputStream(input), 512);
    try {
      String first = reader.readLine();
      if (first == null) {
        return;
      }
      Matcher m = INITACK.matcher(first);
      String id = PmiConnection.initackId(first);
      if (m.matches() ? !m.group(1).equals(id) : id != null) {
        throw new AssertionError("initack id " + id + " for '" + first + "', the pattern says "
            + (m.matches() ? m.group(1) : "none"));
      }
      if (id != null) {
        int rank = IDS.rankOf(Long.parseLong(id));
        if (rank >= IDS.size()) {
          throw new AssertionError("rank " + rank + " for " + first);
        }
      }
      reader.maxLine(4096);
      for (String line; (line = reader.readLine()) != null; ) {
        PmiCommand c = PmiCommand.parse(line);
        if (c != null) {
          c.arg("key");
          c.arg("value");
          c.arg("exitcode");
          c.arg("pmi_version");
        }
      }
    } catch (PmiProtocolException e) {
      OneLineErrors.check(e, PmiProtocolException.class);
    } catch (IOException e) {
      throw new AssertionError("an in-memory stream failed: " + e, e);
    }
  }
}
