package io.picluster.setup.net;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A node's files in a folder here: {@code --root DIR} (a test folder, a mounted SD card image), or
 * / on this machine. Writes go to a hidden temporary file beside the target and replace it in one
 * rename, so a crash leaves the old file or the new one, never half of it; the previous version is
 * copied to its backup first.
 *
 * <p>The node's Wi-Fi subnets: on / from {@code ip -4 -o addr show}; in another folder from the
 * fixture file {@value #WIFI_FIXTURE} (the same output, saved), if there is one.
 */
public final class RootFolder implements NodeAccess {
  /** In a root folder other than /: {@code ip -4 -o addr show} output standing for the node's. */
  public static final String WIFI_FIXTURE = "run/picluster/wifi-addresses";

  private final Path root;

  public RootFolder(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** Whether this is the running system's own root. */
  public boolean isSystemRoot() {
    try {
      return root.toRealPath().equals(Path.of("/"));
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public String where() {
    return root.toString();
  }

  @Override
  public String show(String path) {
    return root.resolve(path).toString();
  }

  @Override
  public NodeState read() {
    Map<String, FileProbe.Kind> probes = new HashMap<>();
    for (String p : StackDetector.PROBES) {
      Path f = root.resolve(p);
      probes.put(p, Files.isDirectory(f) ? FileProbe.Kind.DIRECTORY
          : Files.exists(f, LinkOption.NOFOLLOW_LINKS) ? FileProbe.Kind.FILE
          : FileProbe.Kind.MISSING);
    }
    Map<String, NodeState.Content> files = new HashMap<>();
    Set<String> unreadable = new HashSet<>();
    for (String p : NetPlanner.READS) {
      Path f = root.resolve(p);
      try {
        files.put(p, new NodeState.Content(Files.readString(f, StandardCharsets.UTF_8), mode(f)));
      } catch (NoSuchFileException e) {
        // not there: it will be created
      } catch (AccessDeniedException e) {
        unreadable.add(p);
      } catch (IOException e) {
        throw new NetFileException("cannot read " + f + ": " + e.getMessage());
      }
    }
    return new NodeState(probes, files, unreadable,
        "permission denied; run picluster net as root (or with sudo)", wifi());
  }

  private Optional<List<WifiSubnet>> wifi() {
    if (isSystemRoot()) {
      return ipAddresses().map(out -> WifiSubnet.parse(out, wirelessInterfaces(Path.of("/"))));
    }
    Path fixture = root.resolve(WIFI_FIXTURE);
    try {
      return Optional.of(WifiSubnet.parse(Files.readString(fixture, StandardCharsets.UTF_8),
          wirelessInterfaces(root)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new NetFileException("cannot read " + fixture + ": " + e.getMessage());
    }
  }

  /** Interfaces {@code ROOT/sys/class/net} marks as wireless. */
  static Set<String> wirelessInterfaces(Path root) {
    Set<String> names = new HashSet<>();
    Path net = root.resolve("sys/class/net");
    try (var list = Files.list(net)) {
      list.filter(d -> Files.exists(d.resolve("wireless")) || Files.exists(d.resolve("phy80211")))
          .forEach(d -> names.add(d.getFileName().toString()));
    } catch (IOException | SecurityException none) {
      // no such folder: only the wlan* names count
    }
    return names;
  }

  /** This machine's {@code ip -4 -o addr show}; empty if there is no ip command. */
  private static Optional<String> ipAddresses() {
    for (String ip : List.of("ip", "/usr/sbin/ip", "/sbin/ip")) {
      try {
        Process p = new ProcessBuilder(ip, "-4", "-o", "addr", "show")
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return Optional.of(out);
        }
      } catch (IOException e) {
        // try the next place
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  @Override
  public void write(List<FileChange> changes) {
    for (FileChange c : changes) {
      Path target = root.resolve(c.path());
      try {
        Files.createDirectories(target.getParent());
        if (c.before() != null && Files.exists(target)) {
          Path backup = root.resolve(c.backupPath());
          Path tmp = root.resolve(FileChange.temporaryPath(c.backupPath()));
          Files.copy(target, tmp, StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.COPY_ATTRIBUTES);
          move(tmp, backup);
        }
        Path tmp = root.resolve(FileChange.temporaryPath(c.path()));
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(permissions(0600)));
        Files.writeString(tmp, c.after(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tmp, permissions(c.afterMode()));
        if (Files.exists(target)) {
          try {
            Files.setOwner(tmp, Files.getOwner(target));
          } catch (IOException | UnsupportedOperationException notPermitted) {
            // not root: the file is ours either way
          }
        }
        move(tmp, target);
      } catch (IOException e) {
        throw new NetFileException("cannot write " + target + ": " + reason(e));
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String reason(IOException e) {
    return e instanceof AccessDeniedException
        ? "permission denied; run picluster net as root (or with sudo)"
        : e.getMessage();
  }

  /** The file's permission bits, e.g. 0644. */
  static int mode(Path f) throws IOException {
    int mode = 0;
    for (PosixFilePermission p : Files.getPosixFilePermissions(f)) {
      mode |= 1 << (8 - p.ordinal());
    }
    return mode;
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = new HashSet<>();
    for (PosixFilePermission p : PosixFilePermission.values()) {
      if ((mode & (1 << (8 - p.ordinal()))) != 0) {
        set.add(p);
      }
    }
    return set;
  }
}
