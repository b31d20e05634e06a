package io.picluster.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which arguments name staged files, and how they read on another host. */
class StagedArgumentsTest {
  private static final Map<String, String> THERE = Map.of(
      "target/app.jar", "/home/pi/.cache/picluster/0a-1f/app.jar",
      "/opt/p/picluster.jar", "/home/pi/.cache/picluster/2b-3c/picluster.jar",
      "/opt/p/rank.jsa", "/home/pi/.cache/picluster/4d-5e/rank.jsa");

  @Test
  void anArgumentNamingAStagedFileIsItsCopy() {
    assertThat(StagedArguments.rewrite("target/app.jar", THERE))
        .isEqualTo("/home/pi/.cache/picluster/0a-1f/app.jar");
  }

  @Test
  void anOptionEndingInEqualsAndTheFileNamesTheCopy() {
    assertThat(StagedArguments.rewrite("-XX:SharedArchiveFile=/opt/p/rank.jsa", THERE))
        .isEqualTo("-XX:SharedArchiveFile=/home/pi/.cache/picluster/4d-5e/rank.jsa");
  }

  @Test
  void aClassPathHasEveryStagedElementRewrittenAndTheOthersKept() {
    assertThat(StagedArguments.rewrite("target/app.jar:/usr/share/java/x.jar:/opt/p/picluster.jar", THERE))
        .isEqualTo("/home/pi/.cache/picluster/0a-1f/app.jar:/usr/share/java/x.jar:"
            + "/home/pi/.cache/picluster/2b-3c/picluster.jar");
    assertThat(StagedArguments.rewrite(":target/app.jar", THERE))
        .as("an empty element (the working folder) stays")
        .isEqualTo(":/home/pi/.cache/picluster/0a-1f/app.jar");
  }

  @Test
  void otherArgumentsStayAsTheyAre() {
    assertThat(StagedArguments.rewrite("Main", THERE)).isEqualTo("Main");
    assertThat(StagedArguments.rewrite("a:b:c", THERE)).isEqualTo("a:b:c");
    assertThat(StagedArguments.rewrite("x/target/app.jar", THERE)).isEqualTo("x/target/app.jar");
    assertThat(StagedArguments.rewrite("target/app.jar.bak:y", THERE)).isEqualTo("target/app.jar.bak:y");
  }
}
