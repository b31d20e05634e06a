package io.picluster.launch.openmpi;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What Open MPI 4 ranks leave on a host when they do not finish (MPI_Abort, a failed rank, the job
 * stopped): their shared-memory segments, {@code /dev/shm/vader_segment.HOST.UID.JOBHEX.LOCALRANK},
 * and their session folder, {@code $TMPDIR/ompi.HOST.UID/jf.FAMILY/LOCALJOB} (with its parents once empty). A rank that finishes
 * removes its own. Removed after the job's ranks on the host are gone, by the job id that only this
 * job has ({@link OpenMpiBridge#newJobId}), and only files of this user.
 */
public final class OpenMpiLeftovers {
  private static final Path SHM = Path.of("/dev/shm");

  private OpenMpiLeftovers() {}

  /** Globs of what a job leaves: files and folders to remove, then folders to remove if empty. */
  public record Globs(List<String> removed, List<String> removedIfEmpty) {}

  /**
   * For a watchdog, should the launcher or agent die before {@link #remove} runs: the same names,
   * as globs, without its owner checks (the id is this job's alone); none for no job id.
   */
  public static Globs globs(String jobId, Map<String, String> env) {
    long id;
    try {
      id = Long.parseLong(jobId);
    } catch (NumberFormatException | NullPointerException e) {
      return new Globs(List.of(), List.of());
    }
    String tmp = env.getOrDefault("TMPDIR", "");
    String tmpDir = tmp.isEmpty() ? "/tmp" : tmp;
    String family = tmpDir + "/ompi.*/jf." + (id >>> 16);
    return new Globs(List.of(SHM + "/vader_segment.*." + Long.toHexString(id) + ".[0-9]*", family + "/" + (id & 0xffff)),
        List.of(family, tmpDir + "/ompi.*"));
  }

  /** Removes job {@code jobId}'s leftovers on this host; never throws. */
  public static void remove(String jobId, Map<String, String> env) {
    long id;
    try {
      id = Long.parseLong(jobId);
    } catch (NumberFormatException e) {
      return;
    }
    UserPrincipal me;
    try {
      // Who this process is: the owner of a file it creates.
      Path probe = Files.createTempFile("picluster-owner", ".tmp");
      try {
        me = Files.getOwner(probe);
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException | RuntimeException e) {
      return;
    }
    String segmentEnd = "." + Long.toHexString(id);
    for (Path p : list(SHM, "vader_segment.*")) {
      String name = p.getFileName().toString();
      int dot = name.lastIndexOf('.');
      if (dot > 0 && name.substring(0, dot).endsWith(segmentEnd) && name.substring(dot + 1).matches("[0-9]+")
          && ownedBy(p, me)) {
        delete(p);
      }
    }
    String tmp = env.getOrDefault("TMPDIR", "");
    Path tmpDir = Path.of(tmp.isEmpty() ? "/tmp" : tmp);
    for (Path session : list(tmpDir, "ompi.*")) {
      Path job = session.resolve("jf." + (id >>> 16)).resolve(Long.toString(id & 0xffff));
      if (Files.isDirectory(job, LinkOption.NOFOLLOW_LINKS) && ownedBy(session, me) && ownedBy(job, me)) {
        deleteTree(job);
        // The family's and the session's folders too, if no other job uses them.
        for (Path dir : List.of(job.getParent(), session)) {
          try {
            Files.deleteIfExists(dir);
          } catch (IOException notEmpty) {
            break; // another job still uses it
          }
        }
      }
    }
  }

  private static List<Path> list(Path dir, String glob) {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
      s.forEach(found::add);
    } catch (IOException | RuntimeException e) {
      // no such folder: nothing left there
    }
    return found;
  }

  private static boolean ownedBy(Path p, UserPrincipal me) {
    try {
      return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).equals(me);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        delete(p);
      }
    } catch (IOException | RuntimeException e) {
      // what is left stays
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException | RuntimeException e) {
      // someone else's, or already gone
    }
  }
}
