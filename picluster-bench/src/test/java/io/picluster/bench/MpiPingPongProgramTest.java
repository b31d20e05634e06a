package io.picluster.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
}
