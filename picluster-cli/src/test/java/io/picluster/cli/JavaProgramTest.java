package io.picluster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The program part of a {@code picluster java} line, read as java and mpjrun.sh read it. */
class JavaProgramTest {
  private static JavaProgram parse(String... rest) {
    return JavaProgram.parse(List.of(rest), null, null, null);
  }

  @Test
  void jvmOptionsThenClassPathThenMainThenItsArguments() {
    JavaProgram p = parse("-Xmx256m", "-Dk=v", "-ea:app...", "-XX:+UseSerialGC", "-cp", "a.jar:b",
        "--add-opens", "java.base/java.io=ALL-UNNAMED", "app.Main", "-cp", "x", "-Xmx1g");

    assertThat(p.jvmOptions()).containsExactly("-Xmx256m", "-Dk=v", "-ea:app...",
        "-XX:+UseSerialGC", "--add-opens", "java.base/java.io=ALL-UNNAMED");
    assertThat(p.classpath()).isEqualTo("a.jar:b");
    assertThat(p.main()).isEqualTo("app.Main");
    assertThat(p.jar()).isNull();
    assertThat(p.args()).as("everything after MAIN is the program's").containsExactly("-cp", "x", "-Xmx1g");
    assertThat(p.target()).isEqualTo("app.Main");
    assertThat(p.isSourceFile()).isFalse();
  }

  @Test
  void jarEndsTheOptionsAndNamesTheProgram() {
    JavaProgram p = parse("-Xss1m", "-jar", "app.jar", "-jar", "y");

    assertThat(p.jar()).isEqualTo("app.jar");
    assertThat(p.main()).isNull();
    assertThat(p.args()).containsExactly("-jar", "y");
    assertThat(p.target()).isEqualTo("app.jar");
  }

  @Test
  void aSourceFileIsTheProgram() {
    JavaProgram p = parse("Hello.java", "1");

    assertThat(p.isSourceFile()).isTrue();
    assertThat(p.args()).containsExactly("1");
  }

  @Test
  void anyOptionCanReachTheJvmThroughJ() {
    assertThat(parse("-J-showversion", "-J--enable-native-access=ALL-UNNAMED", "M").jvmOptions())
        .containsExactly("-showversion", "--enable-native-access=ALL-UNNAMED");
  }

  @Test
  void theClassPathMayComeBeforeFromPicocli() {
    JavaProgram p = JavaProgram.parse(List.of("-Xmx1g", "Main"), "app.jar", "/tmp", "multicore");

    assertThat(p.classpath()).isEqualTo("app.jar");
    assertThat(p.workDir()).isEqualTo("/tmp");
    assertThat(p.jvmOptions()).containsExactly("-Xmx1g");
  }

  @Test
  void mistakesAreOneLineSayingWhatToDo() {
    assertThatThrownBy(() -> parse()).hasMessage(
        "missing the program: give its main class, a FILE.java or -jar JAR");
    assertThatThrownBy(() -> parse("-Xmx1g")).hasMessage(
        "missing the program: give its main class, a FILE.java or -jar JAR");
    assertThatThrownBy(() -> parse("-np", "4", "Main")).isInstanceOf(UsageError.class)
        .hasMessageStartingWith("unknown option '-np': picluster's options go first");
    assertThatThrownBy(() -> parse("-cp", "a", "-cp", "b", "M"))
        .hasMessage("give the class path once (-cp b)");
    assertThatThrownBy(() -> JavaProgram.parse(List.of("-jar", "x.jar"), "a", null, null))
        .hasMessageStartingWith("give either -cp or -jar, not both");
    assertThatThrownBy(() -> parse("-jar")).hasMessage("-jar needs a jar file, e.g. -jar app.jar");
    assertThatThrownBy(() -> parse("-cp")).hasMessageStartingWith("-cp needs a class path");
    assertThatThrownBy(() -> parse("-cp", "out", "app/Main.class"))
        .hasMessage("give the main class by its name, without .class: app.Main");
    assertThatThrownBy(() -> JavaProgram.parse(List.of("M"), null, null, "gpu"))
        .hasMessageStartingWith("-dev gpu: not an MPJ Express device");
  }

  @Test
  void whatCountsAsAJvmOption() {
    assertThat(List.of("-Dx=1", "-Xmx1g", "-XX:+UseG1GC", "-ea", "-da:a.b", "-esa", "-verbose:gc",
        "-javaagent:a.jar", "-agentlib:jdwp=transport=dt_socket", "--enable-preview",
        "--add-exports=java.base/x=ALL-UNNAMED"))
        .allMatch(JavaProgram::isJvmOption);
    assertThat(List.of("-D", "-D=x", "-X", "-n", "--hosts", "-eax", "--add-opens", "-jar", "-cp"))
        .noneMatch(JavaProgram::isJvmOption);
  }
}
