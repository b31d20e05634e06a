package io.picluster.setup.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AskpassTest {
  @TempDir Path base;

  @Test
  void theHelperPrintsThePasswordFromItsEnvironmentAndHoldsNoSecretItself() throws Exception {
    char[] password = "s3cret 'with' \"quotes\" $HOME".toCharArray();
    Path dir;
    try (Askpass a = Askpass.create(base.resolve("cache"))) {
      Path helper = a.helper();
      dir = helper.getParent();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
          .isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(helper)))
          .isEqualTo("rwx------");
      Map<String, String> env = a.environment(password);
      assertThat(env).containsEntry("SSH_ASKPASS", helper.toString())
          .containsEntry("SSH_ASKPASS_REQUIRE", "force");
      assertThat(Files.readString(helper)).doesNotContain("s3cret");

      // As ssh runs it: the prompt as its argument, the answer on its standard output.
      ProcessBuilder b = new ProcessBuilder(helper.toString(), "pi@10.0.0.2's password: ")
          .redirectInput(Redirect.from(new File("/dev/null")));
      b.environment().putAll(env);
      Process p = b.start();
      String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).isZero();
      assertThat(printed).isEqualTo(new String(password) + "\n");
    }
    assertThat(dir).doesNotExist();
    // The secret's name is not one SendEnv usually forwards.
    assertThat(Askpass.SECRET_VARIABLE).doesNotStartWith("LC_").doesNotStartWith("LANG")
        .doesNotStartWith("PICLUSTER_");
  }
}
