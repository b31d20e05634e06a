package io.picluster.setup.net;

import java.util.Objects;

/**
 * One file that {@code picluster net} writes on a node: its path relative to the node's root,
 * what it holds now (null: no such file) and what it should hold, with the file mode.
 *
 * @param path e.g. {@code etc/hosts}
 * @param before the current text, null if the file does not exist
 * @param beforeMode the current mode (e.g. 0644), -1 if the file does not exist
 * @param after the text to write
 * @param afterMode the mode to write it with
 */
public record FileChange(String path, String before, int beforeMode, String after, int afterMode) {
  /** What a backup's name ends with. */
  public static final String BACKUP_SUFFIX = ".picluster-backup";

  /** Whether anything is to be written: other text, or another mode. */
  public boolean changes() {
    return !Objects.equals(before, after) || beforeMode != afterMode;
  }

  /** Whether the file is new. */
  public boolean creates() {
    return before == null;
  }

  /**
   * Where the previous version is kept: {@code FILE.picluster-backup} beside it. In
   * NetworkManager's folder the name starts with a dot, because NetworkManager loads every other
   * file in {@code /etc/NetworkManager/system-connections} as a profile, whatever its name ends in
   * (hidden files and names ending in {@code ~} are the ones it skips).
   */
  public String backupPath() {
    return backupPath(path);
  }

  public static String backupPath(String path) {
    int slash = path.lastIndexOf('/');
    String dir = path.substring(0, slash + 1);
    String name = path.substring(slash + 1);
    return dir.equals(StackDetector.NM_CONNECTIONS + "/")
        ? dir + "." + name + BACKUP_SUFFIX
        : path + BACKUP_SUFFIX;
  }

  /** The temporary file the new version is written to before it replaces the file: hidden, and
   * with no extension any of the network stacks reads. */
  public static String temporaryPath(String path) {
    int slash = path.lastIndexOf('/');
    return path.substring(0, slash + 1) + "." + path.substring(slash + 1) + ".picluster-new";
  }

  /** {@code 0600} as text. */
  public static String octal(int mode) {
    return String.format("%04o", mode);
  }
}
