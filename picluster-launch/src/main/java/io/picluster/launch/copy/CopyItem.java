package io.picluster.launch.copy;

import java.nio.file.Path;

/**
 * One file to copy and where it goes on every host.
 *
 * @param source the file on this machine (absolute)
 * @param destination the absolute path it gets on every host
 * @param size its length in bytes when it was planned
 * @param sha256 its content's SHA-256 (hex) when it was planned
 * @param mode its permission bits (0777 at most), which the copies get too
 */
public record CopyItem(Path source, String destination, long size, String sha256, int mode) {
  /** The mode as chmod and {@code stat -c %a} write it, e.g. {@code 755}. */
  public String modeOctal() {
    return Integer.toOctalString(mode);
  }

  /** Big enough for a progress bar (and, off a terminal, a line when done). */
  public boolean large() {
    return size > ProgressBar.LARGE_FILE;
  }

  /** The file's own name, for the progress bar. */
  public String name() {
    return source.getFileName().toString();
  }

  /** Whether it goes somewhere else than its own path (with --to). */
  boolean moved() {
    return !source.toString().equals(destination);
  }
}
