package io.picluster.launch.threads;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.security.PermissionCollection;
import java.security.Permissions;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * One threads-mode rank's classes: the job's class path loaded by this loader alone (package
 * {@code mpi} and picluster-comm's classes that hold a rank's state included, when the class path
 * has them), so every rank has its own statics, its own {@code Comm.world()} and
 * {@code MPI.COMM_WORLD}. Its parent is the platform loader: the JDK is shared, the launcher's
 * classes are not visible, except this package, which the rewritten exit calls reach, and the
 * classes of picluster-comm that hold nothing of a rank ({@link RankSharedClasses}). It is also
 * the rank's host in the sense of picluster-comm's
 * {@code RankHost}: a {@code BiFunction} that answers the library's questions.
 */
final class RankLoader extends URLClassLoader
    implements BiFunction<String, Object, Object>, RankClassFiles.Reader {
  private static final String HOST_PACKAGE = RankLoader.class.getPackageName() + ".";

  static {
    registerAsParallelCapable();
  }

  private final ThreadRank rank;
  private final RankClassFiles classFiles;
  private final URL[] classpath;
  private final String classpathText;

  /** {@code classFiles}: shared with the job's other ranks in this JVM. */
  RankLoader(URL[] classpath, ThreadRank rank, RankClassFiles classFiles) {
    super("rank-" + rank.rank(), classpath, ClassLoader.getPlatformClassLoader());
    this.rank = rank;
    this.classFiles = classFiles;
    this.classpath = classpath.clone();
    this.classpathText = RankClassFiles.key(classpath);
  }

  ThreadRank rank() {
    return rank;
  }

  /**
   * The JDK's classes from the parent; every other class from this rank's class path first, then
   * from the parent (which, in a JVM started without a boot class path of its own, has none of
   * them). Asked first, the parent would answer "not found" with an exception for each of them.
   */
  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(HOST_PACKAGE)) {
      return RankLoader.class.getClassLoader().loadClass(name);
    }
    if (JdkPackages.has(name)) {
      return super.loadClass(name, resolve);
    }
    if (RankSharedClasses.NAMES.contains(name) && isThisJvmsCopy(name)) {
      return RankSharedClasses.loader().loadClass(name);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        c = defineFromClassPath(name);
      }
      if (c == null) {
        c = getParent().loadClass(name);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  /** Whether this rank's class path gives {@code name} from where this JVM's own copy comes. */
  private boolean isThisJvmsCopy(String name) throws ClassNotFoundException {
    try {
      return classFiles.isThisJvmsCopy(classpathText, classpath, name);
    } catch (IOException e) {
      throw new ClassNotFoundException(name + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    Class<?> c = defineFromClassPath(name);
    if (c == null) {
      throw new ClassNotFoundException(name);
    }
    return c;
  }

  /** Defines {@code name} from this rank's class path; null if the class path has no such class. */
  private Class<?> defineFromClassPath(String name) throws ClassNotFoundException {
    RankClassFiles.ClassFile file;
    try {
      file = classFiles.get(classpathText, name, this);
    } catch (IOException e) {
      throw new ClassNotFoundException(name + ": " + e.getMessage(), e);
    }
    if (file == null) {
      return null;
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
    byte[] bytes = file.bytes();
    return defineClass(name, bytes, 0, bytes.length, new CodeSource(file.origin(), (CodeSigner[]) null));
  }

  /**
   * None while no security manager runs (Java 17 deprecates them), as then nothing asks a code
   * source's permissions. URLClassLoader's own open a URLConnection per class path entry and load
   * the JDK's security configuration, in the first rank's start.
   */
  @Override
  @SuppressWarnings("removal")
  protected PermissionCollection getPermissions(CodeSource codesource) {
    return System.getSecurityManager() == null ? new Permissions() : super.getPermissions(codesource);
  }

  /** The class file from this loader's class path, exit calls rewritten; null if it has none. */
  @Override
  public RankClassFiles.ClassFile read(String name) throws IOException {
    return classFiles.readRewritten(classpathText, classpath, name);
  }

  @Override
  public Object apply(String question, Object argument) {
    switch (question) {
      case "environment":
        return rank.environment();
      case "exchange":
        return rank.exchange().objects();
      case "pmi":
        @SuppressWarnings("unchecked")
        Consumer<String> replies = (Consumer<String>) argument;
        return rank.connectPmi(replies);
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
