package io.picluster.launch.threads;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.util.function.BiFunction;

/**
 * One threads-mode rank's classes: the job's class path loaded by this loader alone (picluster-comm
 * and package {@code mpi} included, when the class path has them), so every rank has its own
 * statics, its own {@code Comm.world()} and {@code MPI.COMM_WORLD}. Its parent is the platform
 * loader: the JDK is shared, the launcher's classes are not visible, except this package, which the
 * rewritten exit calls reach. It is also the rank's host in the sense of picluster-comm's
 * {@code RankHost}: a {@code BiFunction} that answers the library's questions.
 */
final class RankLoader extends URLClassLoader implements BiFunction<String, Object, Object> {
  private static final String HOST_PACKAGE = RankLoader.class.getPackageName() + ".";

  static {
    registerAsParallelCapable();
  }

  private final ThreadRank rank;

  RankLoader(URL[] classpath, ThreadRank rank) {
    super("rank-" + rank.rank(), classpath, ClassLoader.getPlatformClassLoader());
    this.rank = rank;
  }

  ThreadRank rank() {
    return rank;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(HOST_PACKAGE)) {
      return RankLoader.class.getClassLoader().loadClass(name);
    }
    return super.loadClass(name, resolve);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    String path = name.replace('.', '/') + ".class";
    URL url = findResource(path);
    if (url == null) {
      throw new ClassNotFoundException(name);
    }
    byte[] bytes;
    try (InputStream in = url.openStream()) {
      bytes = ExitCalls.rewrite(in.readAllBytes());
    } catch (IOException e) {
      throw new ClassNotFoundException(name + ": " + e.getMessage(), e);
    }
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      String pkg = name.substring(0, dot);
      if (getDefinedPackage(pkg) == null) {
        try {
          definePackage(pkg, null, null, null, null, null, null, null);
        } catch (IllegalArgumentException definedMeanwhile) {
          // another thread of this rank defined it
        }
      }
    }
    return defineClass(name, bytes, 0, bytes.length, new CodeSource(origin(url, path), (CodeSigner[]) null));
  }

  /** The class path entry a class file came from (its jar or folder), as a JVM reports it. */
  private URL origin(URL classFile, String path) {
    String s = classFile.toString();
    for (URL entry : getURLs()) {
      String e = entry.toString();
      if (s.startsWith("jar:" + e + "!/") || s.startsWith(e)) {
        return entry;
      }
    }
    return classFile;
  }

  @Override
  public Object apply(String question, Object argument) {
    switch (question) {
      case "environment":
        return rank.environment();
      case "atExit":
        rank.atExit((Runnable) argument);
        return null;
      case "onStop":
        rank.onStop((Runnable) argument);
        return null;
      case "halt":
        rank.halt((Integer) argument);
        return null;
      default:
        throw new IllegalArgumentException("unknown question from the rank's library: " + question);
    }
  }
}
