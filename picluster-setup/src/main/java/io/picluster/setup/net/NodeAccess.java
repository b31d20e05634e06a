package io.picluster.setup.net;

import java.util.List;

/**
 * How {@code picluster net} reaches a node's files: a folder here ({@link RootFolder}: {@code
 * --root DIR}, or / on this machine as root) or a shell on the node ({@link ShellAccess}: over SSH,
 * or sudo here).
 */
public interface NodeAccess {
  /** Where the files are, for messages: "/", "/mnt/sd", "over ssh pi@10.0.0.2". */
  String where();

  /** How a path of the node ({@code etc/hosts}) is shown in diffs and messages. */
  default String show(String path) {
    return "/" + path;
  }

  /**
   * Reads what planning needs.
   *
   * @throws NetFileException the node cannot be reached or read; the message says why and the fix
   */
  NodeState read();

  /**
   * Writes the changed files, each atomically, keeping each previous version as its backup.
   *
   * @throws NetFileException a file could not be written; earlier ones stay written
   */
  void write(List<FileChange> changes);
}
