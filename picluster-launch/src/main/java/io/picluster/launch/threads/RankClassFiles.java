package io.picluster.launch.threads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.channels.spi.SelectorProvider;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The class files that one job's threads-mode ranks on this host load, each read from the class
 * path and rewritten ({@link ExitCalls}) once for all of them. Every rank still defines its own
 * classes from these bytes (its own statics), except those it shares ({@link RankSharedClasses});
 * only the reading, inflating and rewriting, the same for every rank, is shared. A class is looked
 * up by its name and the class path that loads it.
 */
public final class RankClassFiles {
  /** A class's bytes, ready to define, and the class path entry (jar or folder) they came from. */
  record ClassFile(byte[] bytes, URL origin) {}

  /** Reads one class file; null when the class path has no such class. */
  interface Reader {
    ClassFile read(String className) throws IOException;
  }

  /**
   * By class path (as text: URL's own equals may ask DNS), then by class name. Plain maps of
   * strings: a record key's hashCode would cost its first caller the method-handle set-up, tens of
   * milliseconds of the job's start.
   */
  private final ConcurrentMap<String, Map<String, ClassFile>> files = new ConcurrentHashMap<>();
  /**
   * By class path: its reader, so that each jar is opened once for all the ranks rather than once
   * by each rank's loader (a few ms per open of the picluster jar).
   */
  private final ConcurrentMap<String, ClassPathReader> readers = new ConcurrentHashMap<>();
  /** By class path, then by class name: whether it comes from this JVM's own picluster-comm. */
  private final ConcurrentMap<String, Map<String, Boolean>> fromThisJvm = new ConcurrentHashMap<>();

  /**
   * Reads the job's main class ahead, on a thread of its own, while the launcher or agent still
   * sets the job up, and makes what every rank's start waits for once per JVM: the first class
   * read opens the job's jar (4 to 10 ms for picluster's), the JDK's package list, the JDK's
   * selector provider (each rank's mesh opens a selector). A failure is left for the rank's own
   * read to report.
   */
  public void readAhead(List<URL> classpath, String mainClass) {
    URL[] urls = classpath.toArray(new URL[0]);
    String key = key(urls);
    Reader rewriting = new Reader() { // no lambda on the launch path: LaunchPathTest
      @Override
      public ClassFile read(String className) throws IOException {
        return readRewritten(key, urls, className);
      }
    };
    Thread ahead = new Thread(new Runnable() {
      @Override
      public void run() {
        JdkPackages.has(mainClass);
        try {
          get(key, mainClass, rewriting);
        } catch (IOException | RuntimeException e) {
          // the rank reads it again and says why it cannot
        }
        SelectorProvider.provider();
      }
    }, "rank-classes-ahead");
    ahead.setDaemon(true);
    ahead.start();
  }

  /** How a class path is named here: ranks with the same one share their class files. */
  static String key(URL[] classpath) {
    return Arrays.toString(classpath);
  }

  /** The class file of {@code className} on {@code urls}, exit calls rewritten; null if none. */
  ClassFile readRewritten(String classpath, URL[] urls, String className) throws IOException {
    ClassPathReader.Found found = read(classpath, urls, className.replace('.', '/') + ".class");
    return found == null ? null : new ClassFile(ExitCalls.rewrite(found.bytes()), found.origin());
  }

  /**
   * Whether {@code classpath} gives {@code className} from where this JVM's own picluster-comm
   * comes ({@link RankSharedClasses}); asked once per class for all the ranks, as a jar lookup
   * costs ~10 us, and every rank asks for each shared class it uses at its start.
   */
  boolean isThisJvmsCopy(String classpath, URL[] urls, String className) throws IOException {
    Map<String, Boolean> onPath = byClassPath(fromThisJvm, classpath);
    Boolean known = onPath.get(className);
    if (known == null) {
      URL origin = reader(classpath, urls).origin(className.replace('.', '/') + ".class");
      known = RankSharedClasses.isThisJvmsCopy(origin);
      onPath.put(className, known);
    }
    return known;
  }

  /** The class file at {@code path} on the class path {@code urls} ({@code classpath} as text); null if none. */
  ClassPathReader.Found read(String classpath, URL[] urls, String path) throws IOException {
    return reader(classpath, urls).read(path);
  }

  private ClassPathReader reader(String classpath, URL[] urls) {
    ClassPathReader reader = readers.get(classpath);
    if (reader == null) {
      synchronized (readers) { // one reader, so one opening of each jar, for all the ranks
        reader = readers.get(classpath);
        if (reader == null) {
          reader = new ClassPathReader(urls);
          readers.put(classpath, reader);
        }
      }
    }
    return reader;
  }

  /** The map of {@code classpath} in {@code maps}, made empty by the first to ask. */
  private static <V> Map<String, V> byClassPath(ConcurrentMap<String, Map<String, V>> maps,
      String classpath) {
    Map<String, V> map = maps.get(classpath); // no lambda on the launch path: LaunchPathTest
    if (map == null) {
      Map<String, V> made = new ConcurrentHashMap<>();
      map = maps.putIfAbsent(classpath, made);
      if (map == null) {
        map = made;
      }
    }
    return map;
  }

  /**
   * The class file of {@code className} on {@code classpath}, read by {@code reader} if no rank has
   * read it yet (ranks asking at the same time wait for the one read); null when there is none.
   */
  ClassFile get(String classpath, String className, Reader reader) throws IOException {
    Map<String, ClassFile> onPath = byClassPath(files, classpath);
    try {
      return onPath.computeIfAbsent(className, new Reading(reader));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** {@code reader} as the function that {@code computeIfAbsent} calls (a class, not a lambda). */
  private static final class Reading implements Function<String, ClassFile> {
    private final Reader reader;

    Reading(Reader reader) {
      this.reader = reader;
    }

    @Override
    public ClassFile apply(String className) {
      try {
        return reader.read(className);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
