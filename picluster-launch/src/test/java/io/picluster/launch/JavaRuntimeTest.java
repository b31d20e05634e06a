package io.picluster.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The java the launcher and agents start processes on: the one this process runs. */
class JavaRuntimeTest {
  @Test
  void isTheJavaThisProcessRuns() {
    String java = JavaRuntime.executable();
    assertThat(Path.of(java)).isAbsolute();
    assertThat(Files.isExecutable(Path.of(java))).as(java).isTrue();
    // What ProcessHandle says of this process, which executable() read before (Linux).
    assertThat(java).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
  }
}
