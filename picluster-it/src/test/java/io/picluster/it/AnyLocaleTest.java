package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.jobs.Jobs;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command reads right in any locale. Under LANG=C LC_ALL=C (an ssh session without
 * LANG, cron, a minimal image) Java turns every character the locale's ASCII lacks into '?', so
 * each command runs there and under C.UTF-8, and the two outputs must be the same bytes: no '?'
 * stands where a symbol was meant. picluster's own words are plain ASCII there; what it passes on
 * (a rank's output, a name from the cluster file) keeps its UTF-8 bytes.
 */
class AnyLocaleTest {
  private static final List<String> COMMANDS = List.of("exec", "run", "run-rank", "copy", "init",
      "net", "status", "install", "doctor", "keys", "shutdown", "reboot");

  @TempDir Path dir;

  private record Output(int exitCode, byte[] stdout, byte[] stderr) {
    String text() {
      return new String(stdout, StandardCharsets.UTF_8) + new String(stderr, StandardCharsets.UTF_8);
    }
  }

  /** {@code java -jar picluster.jar ARGS} in DIR, in LOCALE alone (every other locale variable unset). */
  private Output picluster(String locale, String... args) throws IOException, InterruptedException {
    ProcessBuilder b = new ProcessBuilder(PiclusterJar.command(ExamplesProject.launcherJar(), args))
        .directory(dir.toFile())
        .redirectInput(Redirect.from(new File("/dev/null")))
        .redirectOutput(dir.resolve("out").toFile())
        .redirectError(dir.resolve("err").toFile());
    Map<String, String> env = b.environment();
    env.keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG") || k.equals("LANGUAGE"));
    env.put("LANG", locale);
    env.put("LC_ALL", locale);
    env.put("PICLUSTER_CLUSTER", dir.resolve("no-cluster.conf").toString());
    Process p = b.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("picluster " + String.join(" ", args) + " did not end within 60 s");
    }
    return new Output(p.exitValue(), Files.readAllBytes(dir.resolve("out")),
        Files.readAllBytes(dir.resolve("err")));
  }

  /** The same bytes under C as under C.UTF-8; returns the C output. */
  private Output sameInBothLocales(String... args) throws IOException, InterruptedException {
    String line = "picluster " + String.join(" ", args);
    Output utf8 = picluster("C.UTF-8", args);
    Output c = picluster("C", args);
    assertThat(c.exitCode()).as(line + "\n" + c.text()).isEqualTo(utf8.exitCode());
    assertThat(withoutTimes(c.stdout())).as(line + ": stdout").isEqualTo(withoutTimes(utf8.stdout()));
    assertThat(new String(c.stderr(), StandardCharsets.ISO_8859_1)).as(line + ": stderr")
        .isEqualTo(new String(utf8.stderr(), StandardCharsets.ISO_8859_1));
    return c;
  }

  /** The output as bytes (one char each), measured times left out: two runs take different times. */
  private static String withoutTimes(byte[] out) {
    return new String(out, StandardCharsets.ISO_8859_1)
        .replaceAll("(?m)^Time elapsed: [0-9.]+ seconds$", "Time elapsed: (measured) seconds");
  }

  private static boolean ascii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  @Test
  void everyHelpTextIsTheSameAsciiInTheCLocale() throws Exception {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"--help"});
    lines.add(new String[] {"--version"});
    for (String c : COMMANDS) {
      lines.add(new String[] {c, "--help"});
    }
    for (String job : Jobs.names()) {
      lines.add(new String[] {"run", job, "--help"});
    }
    for (String[] args : lines) {
      Output c = sameInBothLocales(args);
      String line = String.join(" ", args);
      assertThat(c.exitCode()).as(line + "\n" + c.text()).isZero();
      assertThat(c.stdout()).as(line).isNotEmpty();
      assertThat(ascii(c.stdout()) && ascii(c.stderr())).as(line + ": plain ASCII\n" + c.text())
          .isTrue();
    }
  }

  @Test
  void commandsAndErrorsAreTheSameAsciiInTheCLocale() throws Exception {
    for (String[] args : List.of(
        new String[] {"init", "--print", "--nodes", "3"},
        new String[] {"run", "-n", "2", "primes", "1000"},
        new String[] {"run", "-n", "1", "pingpong", "--help"},
        new String[] {"run", "--iface", "nosuch0", "-n", "2", "primes", "100"},
        new String[] {"exec", "-n", "0", "true"},
        new String[] {"status", "--watch", "0"},
        new String[] {"nosuch"})) {
      Output c = sameInBothLocales(args);
      assertThat(ascii(c.stdout()) && ascii(c.stderr()))
          .as(String.join(" ", args) + ": plain ASCII\n" + c.text()).isTrue();
    }
  }

  /**
   * Where a symbol may appear in what picluster writes: each shown only when the locale's
   * character set has it (ConsoleCharset.canShow), else an ASCII stand-in; or input, not output.
   */
  private static final Map<String, String> ALLOWED = Map.of(
      "StatusTable.java", "\u00b0", // 48.2°C, else "48.2 C"
      "StatusCommand.java", "\u00b0", // the question whether the locale has it
      "Hostfile.java", "\ufeff"); // a byte-order mark at the start of a hostfile, skipped

  @Test
  void noStringInTheSourcesHasASymbolTheCLocaleLacks() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    assertThat(root.resolve("picluster-comm")).as("the repository root above " + Path.of("").toAbsolutePath()).isDirectory();
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root, 8)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")
          && p.toString().contains("/src/main/java/")).toList()) {
        String name = f.getFileName().toString();
        for (String literal : JavaLiterals.of(Files.readString(f, StandardCharsets.UTF_8))) {
          for (char ch : literal.toCharArray()) {
            if (ch > 0x7e && ALLOWED.getOrDefault(name, "").indexOf(ch) < 0) {
              found.add(root.relativize(f) + ": " + String.format("U+%04X", (int) ch) + " in \""
                  + literal + "\"");
            }
          }
        }
      }
    }
    assertThat(found).as("symbols that print as '?' under LANG=C: write them in ASCII (+/-, us,"
        + " ->, ..., x), or show them only where ConsoleCharset.canShow says so").isEmpty();
  }

  @Test
  void theLiteralScannerSeesStringsAndCharsButNotComments() {
    String source = String.join("\n",
        "/** a ± b */ class A { // c → d",
        "  String s = \"x ± y\\\" z\"; char c = '°'; String u = \"\\u00b5s\";",
        "  String t = \"\"\"",
        "      text — block\"\"\";",
        "}");
    assertThat(JavaLiterals.of(source)).containsExactly("x \u00b1 y\" z", "\u00b0", "\u00b5s",
        "      text \u2014 block");
  }

  @Test
  void whatPiclusterPassesOnKeepsItsBytes() throws Exception {
    // A rank's output, byte for byte.
    Output rank = sameInBothLocales("exec", "-n", "1", "printf", "caf\\303\\251 \\342\\234\\223\\n");
    assertThat(new String(rank.stdout(), StandardCharsets.UTF_8)).isEqualTo("café ✓\n");

    // A word of the cluster file's, quoted in an error (read as UTF-8, written as UTF-8).
    Path cluster = dir.resolve("cluster.conf");
    Files.writeString(cluster, "network 10.0.0.0/24\nmaster nöde1\nnode nöde1 10.0.0.1\n",
        StandardCharsets.UTF_8);
    Output error = sameInBothLocales("exec", "--cluster", cluster.toString(), "true");
    assertThat(error.exitCode()).isEqualTo(2);
    assertThat(new String(error.stderr(), StandardCharsets.UTF_8)).contains("nöde1")
        .doesNotContain("?");
  }
}
