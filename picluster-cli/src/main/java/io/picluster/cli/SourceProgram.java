package io.picluster.cli;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * A program given as one source file ({@code Hello.java}), compiled once on the launching machine
 * into a jar in the user's cache, so the ranks (here and, staged, on other hosts) start from class
 * files instead of each compiling it. The jar is keyed by a hash of the source, the class path it
 * was compiled against and the JDK, so an unchanged program is never compiled again. As with
 * {@code java Hello.java}, the program is the first class declared in the file.
 */
final class SourceProgram {
  /** Written into the compiled jar's manifest, where a later launch reads it back. */
  private static final Attributes.Name MAIN_CLASS = Attributes.Name.MAIN_CLASS;
  private static final long FIXED_TIME = 315_532_800_000L + 31L * 86_400_000L;

  /**
   * @param jar the compiled classes
   * @param mainClass the first class of the file, by its binary name
   */
  record Compiled(Path jar, String mainClass) {}

  private SourceProgram() {}

  /**
   * The compiled program: from the cache, or compiled now against {@code classpath}, javac's
   * messages going to {@code err} as javac prints them.
   *
   * @throws UsageError when the file is missing
   * @throws NotStarted when it does not compile, declares no class with main, or there is no javac
   */
  static Compiled compile(Path source, List<Path> classpath, Path cache, PrintStream err) {
    if (!Files.isRegularFile(source)) {
      throw new UsageError("no source file " + source + " here; give the path of a .java file");
    }
    String base = source.getFileName().toString();
    base = base.substring(0, base.length() - ".java".length());
    Path jar = cache.resolve("compiled").resolve(key(source, classpath))
        .resolve(safe(base) + ".jar");
    if (Files.isRegularFile(jar)) {
      String main = ClassPath.mainAttribute(jar, MAIN_CLASS);
      if (main != null) {
        return new Compiled(jar, main);
      }
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new NotStarted("compiling " + source.getFileName() + " needs a JDK, and "
          + System.getProperty("java.home") + " has no compiler; install one (sudo apt install"
          + " openjdk-17-jdk-headless) on this machine, or compile the program yourself and give -cp");
    }
    Path classes = null;
    try {
      Files.createDirectories(jar.getParent());
      classes = Files.createTempDirectory(jar.getParent(), "classes");
      String main = compileInto(javac, source, classpath, classes, err);
      Path part = Files.createTempFile(jar.getParent(), "jar", ".part");
      try {
        writeJar(classes, main, part);
        Files.move(part, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(part);
      }
      return new Compiled(jar, main);
    } catch (IOException e) {
      throw new NotStarted("cannot compile " + source + " into " + jar + ": " + e.getMessage());
    } finally {
      deleteTree(classes);
      if (!Files.exists(jar)) {
        deleteTree(jar.getParent()); // nothing compiled: leave no empty folder behind
      }
    }
  }

  /** Runs javac; returns the main class's binary name. */
  private static String compileInto(JavaCompiler javac, Path source, List<Path> classpath,
      Path classes, PrintStream err) throws IOException {
    PrintWriter messages = new PrintWriter(new NonClosing(err), true);
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      files.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
      // only this file: javac must not compile other sources it finds on the class path
      files.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(List.of(source));
      JavacTask task = (JavacTask) javac.getTask(messages, files, null,
          List.of("-proc:none", "-encoding", "UTF-8", "-Xlint:-options"), null, units);
      FirstClass first = new FirstClass();
      task.addTaskListener(first);
      boolean ok = task.call();
      messages.flush();
      String name = source.getFileName().toString();
      if (!ok) {
        throw new NotStarted(name + " did not compile (javac's messages are above); nothing was started");
      }
      if (first.name == null) {
        throw new NotStarted(name + " declares no class to run; the first class in the file is the program");
      }
      if (!first.hasMain) {
        throw new NotStarted(name + ": the first class, " + first.name + ", has no"
            + " 'public static void main(String[] args)'; put the program's class first");
      }
      return first.name;
    }
  }

  /** Finds, once the file is parsed, its first top-level class and whether it has main. */
  private static final class FirstClass implements TaskListener {
    String name;
    boolean hasMain;

    @Override
    public void finished(TaskEvent e) {
      if (e.getKind() != TaskEvent.Kind.PARSE || name != null) {
        return;
      }
      CompilationUnitTree unit = e.getCompilationUnit();
      for (Tree t : unit.getTypeDecls()) {
        if (t instanceof ClassTree c) {
          String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
          name = pkg + c.getSimpleName();
          hasMain = c.getMembers().stream().anyMatch(SourceProgram::isMain);
          return;
        }
      }
    }
  }

  private static boolean isMain(Tree member) {
    return member instanceof MethodTree m
        && m.getName().contentEquals("main")
        && m.getModifiers().getFlags().contains(Modifier.STATIC)
        && m.getModifiers().getFlags().contains(Modifier.PUBLIC)
        && m.getParameters().size() == 1;
  }

  /**
   * SHA-256 of the source, the JDK, and each class path entry's path, size and time: a change to
   * any gives a new key (and a new compile).
   */
  private static String key(Path source, List<Path> classpath) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Files.readAllBytes(source));
      StringBuilder context = new StringBuilder("\0").append(Runtime.version());
      for (Path p : classpath) {
        context.append('\0').append(p);
        if (Files.isRegularFile(p)) {
          context.append(' ').append(Files.size(p)).append(' ')
              .append(Files.getLastModifiedTime(p).toMillis());
        }
      }
      sha.update(context.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (IOException e) {
      throw new UsageError("cannot read " + source + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The compiled classes as a jar, its manifest naming the main class; sorted, fixed times. */
  private static void writeJar(Path classes, String mainClass, Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(MAIN_CLASS, mainClass);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(classes)) {
      walk.filter(Files::isRegularFile).sorted().forEach(files::add);
    }
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out, manifest)) {
      for (Path f : files) {
        ZipEntry e = new ZipEntry(classes.relativize(f).toString().replace('\\', '/'));
        e.setTime(FIXED_TIME);
        zip.putNextEntry(e);
        Files.copy(f, zip);
        zip.closeEntry();
      }
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temporary folder in the cache is harmless
    }
  }

  private static String safe(String name) {
    String s = name.replaceAll("[^A-Za-z0-9._+-]", "_");
    return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
  }

  /** javac's writer over our stderr; closing it must not close System.err. */
  private static final class NonClosing extends OutputStream {
    private final PrintStream out;

    NonClosing(PrintStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      out.write(b, off, len);
    }

    @Override
    public void flush() {
      out.flush();
    }
  }
}
