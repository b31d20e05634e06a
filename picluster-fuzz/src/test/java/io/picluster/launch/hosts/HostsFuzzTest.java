package io.picluster.launch.hosts;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.picluster.fuzz.OneLineErrors;
import java.util.OptionalInt;

/** {@code --hosts} values and hostfiles (MPICH and Open MPI forms), then placing ranks on them. */
class HostsFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void fuzz(FuzzedDataProvider data) {
    boolean hostfile = data.consumeBoolean();
    int ranks = data.consumeInt(1, 64);
    String text = data.consumeRemainingAsString();
    HostList hosts;
    try {
      hosts = hostfile ? HostList.parseHostfile("hosts.txt", text) : HostList.parseHostsOption(text);
    } catch (IllegalArgumentException e) {
      OneLineErrors.check(e, IllegalArgumentException.class);
      return;
    }
    for (Host h : hosts.hosts()) {
      if (h.name().isEmpty()) {
        throw new AssertionError("a host without a name from '" + text + "'");
      }
    }
    try {
      Placement.of(hosts, OptionalInt.of(ranks), OptionalInt.empty());
    } catch (IllegalArgumentException e) {
      OneLineErrors.check(e, IllegalArgumentException.class);
    }
  }
}
