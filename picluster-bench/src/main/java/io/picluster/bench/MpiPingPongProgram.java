package io.picluster.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The mpiJava 1.2 ping-pong program (resource {@code mpi-pingpong/MpiPingPong.java}): one source,
 * compiled separately against each implementation of package {@code mpi} (MPJ Express's mpj.jar,
 * picluster's jar) into a class directory of its own.
 */
final class MpiPingPongProgram {
  static final String MAIN_CLASS = "MpiPingPong";
  static final String RESOURCE = "/mpi-pingpong/MpiPingPong.java";
  /** What rank 0 prints once the untimed echoes (offsets, counts, Status) checked out. */
  static final String CHECKED = "mpi-pingpong: echoes with offsets and Status checked";

  private MpiPingPongProgram() {}

  /**
   * Writes the source into {@code dir}/src (once) and compiles it against {@code mpiClasspath} into
   * {@code dir}/{@code name}; returns that class directory. Fails with javac's first error line.
   */
  static Path compile(Path dir, String name, String mpiClasspath) throws RunFailed {
    Path src = dir.resolve("src");
    Path classes = dir.resolve(name);
    Path source = src.resolve(MAIN_CLASS + ".java");
    try (InputStream in = MpiPingPongProgram.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new RunFailed("resource " + RESOURCE + " is missing from the bench jar; rebuild it");
      }
      Files.createDirectories(src);
      Files.createDirectories(classes);
      if (!Files.exists(source)) {
        Files.copy(in, source);
      }
    } catch (IOException e) {
      throw new RunFailed("cannot write " + source + ": " + e.getMessage());
    }
    Command.run(List.of(Jdk.tool("javac"), "-cp", mpiClasspath, "-d", classes.toString(),
        source.toString()), dir, Map.of(), Duration.ofSeconds(120)).requireSuccess();
    return classes;
  }
}
