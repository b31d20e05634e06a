package io.picluster.setup.install;

/**
 * Where {@code picluster install} puts picluster on every node, the same place on each:
 * {@code ~/.local/share/picluster/picluster.jar} ({@code $XDG_DATA_HOME/picluster} if the login
 * environment sets XDG_DATA_HOME), beside a {@code VERSION} file that says which picluster it is:
 *
 * <pre>
 * version=0.1.0
 * sha256=1a2b3c4d...   (of picluster.jar)
 * </pre>
 *
 * <p>{@code picluster status} reads the VERSION file; install compares the jar's own SHA-256 and
 * copies only when it differs. (Launches do not need the installed jar: they stage the launcher's
 * own jar into {@code ~/.cache/picluster/}; install puts a copy there too, so the first launch
 * copies nothing.)
 */
public final class InstallLocation {
  /** The folder, as a shell expression on the node. */
  public static final String DIR_SHELL = "${XDG_DATA_HOME:-$HOME/.local/share}/picluster";

  /** The folder as people read it. */
  public static final String DIR_DISPLAY = "~/.local/share/picluster";

  public static final String JAR = "picluster.jar";
  public static final String VERSION = "VERSION";

  private InstallLocation() {}

  /** The VERSION file's text. */
  public static String versionFile(String version, String sha256) {
    return "version=" + version + "\nsha256=" + sha256 + "\n";
  }
}
