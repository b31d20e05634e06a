package io.picluster.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MpiPingPongProgramTest {
  @Test
  void theProgramPrintsTheLineTheBenchLooksFor() throws IOException {
    try (InputStream in = MpiPingPongProgram.class.getResourceAsStream(MpiPingPongProgram.RESOURCE)) {
      assertThat(in).isNotNull();
      String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(source).contains("\"" + MpiPingPongProgram.CHECKED + "\"")
          .contains("public class " + MpiPingPongProgram.MAIN_CLASS + " ");
    }
  }

  /** The MPJ Express side is compiled (and run) in MpjExpressTest when libmpj-java is installed. */
  @Test
  void theUnchangedProgramCompilesAgainstPiclustersPackageMpi() throws RunFailed {
    try (TempDir dir = new TempDir("mpi-pingpong-test")) {
      // This module's class path holds picluster-mpi (through picluster-cli), as picluster.jar does.
      Path classes = MpiPingPongProgram.compile(dir.path(), "picluster",
          System.getProperty("java.class.path"));
      assertThat(Files.isRegularFile(classes.resolve(MpiPingPongProgram.MAIN_CLASS + ".class"))).isTrue();
    }
  }
}
