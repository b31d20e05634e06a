package io.picluster.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The smallest Java program an MPI launcher could start: prints the host name and exits. Compiled
 * with this JDK's javac into a scratch directory, so the anchor "mpiexec + 4 JVMs" pays exactly the
 * JVM start-up and nothing of ours.
 */
final class HelloProgram {
  // Reads the kernel's name like our hostname job does: same answer, no DNS look-up.
  private static final String SOURCE = """
      public class Hello {
        public static void main(String[] args) throws Exception {
          System.out.println(new String(java.nio.file.Files.readAllBytes(
              java.nio.file.Path.of("/proc/sys/kernel/hostname"))).trim());
        }
      }
      """;

  private HelloProgram() {}

  /** Writes and compiles Hello.java into {@code dir}; the class is then {@code Hello} on {@code -cp dir}. */
  static void compileInto(Path dir) throws RunFailed {
    try {
      Files.writeString(dir.resolve("Hello.java"), SOURCE, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RunFailed("cannot write Hello.java: " + e.getMessage());
    }
    Command.run(List.of(Jdk.tool("javac"), "-d", dir.toString(), "Hello.java"),
        dir, Map.of(), Duration.ofSeconds(120)).requireSuccess();
  }
}
