package io.picluster.launch;

import java.nio.file.Path;
import java.util.Map;

/**
 * What ranks on other hosts need from the launcher's host, and how their command changes there.
 * Every file is copied into each host's per-user cache (when its content is not there yet) and the
 * command's arguments that name it are pointed at the copy: an argument equal to the key, ending
 * in {@code =} and the key ({@code -XX:SharedArchiveFile=...}), or a {@code :}-separated list with
 * the key as one of its elements (a class path, {@code app.jar:lib/dep.jar}).
 *
 * @param files argument text to the file it names, e.g. {@code "target/app.jar"}
 * @param jvmProgram the command's program is this launcher's java: elsewhere use the host's java
 */
public record Staging(Map<String, Path> files, boolean jvmProgram) {
  public static final Staging NONE = new Staging(Map.of(), false);

  public Staging {
    files = Map.copyOf(files);
  }
}
