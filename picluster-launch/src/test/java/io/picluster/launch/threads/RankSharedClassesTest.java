package io.picluster.launch.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.comm.internal.Engine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.ByteOrder;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks {@link RankSharedClasses#NAMES} against picluster-comm's class files, with the JDK's
 * {@code jdeps} and {@code javap}: it must list every class the rule allows and no other. The rule:
 * a class is a rank's own when it holds a rank's state (a static field that is not final, or
 * {@code RankHost}, whose final field is the loader that defined it), uses a class that is a rank's
 * own, or has a member that one of those uses without its being public (a class of another loader
 * is another runtime package: the JVM would refuse the access). Every other class is shared.
 */
class RankSharedClassesTest {
  /** Rank state in a final field: RankHost keeps the class loader that defined it. */
  private static final Set<String> RANK_STATE_BY_HAND = Set.of("io.picluster.comm.internal.RankHost");
  /** Static final objects of shared classes that hold nothing, each with why. */
  private static final Map<String, String> STATELESS_OBJECTS = Map.of(
      "io.picluster.comm.internal.Matcher.EMPTY", "Collections.emptyIterator()",
      "io.picluster.comm.internal.Frame.TYPES", "ElementType.values(), only read");
  private static final Pattern CLASS_HEADER =
      Pattern.compile("^(?:[a-z]+ )*(?:class|interface|enum) ([\\w.$]+)");
  private static final Pattern MEMBER_USE = Pattern.compile(
      "// (Method|InterfaceMethod|Field) ([\\w/$]+)\\.(\"?[\\w<>$]+\"?):(\\S+)");
  private static final Pattern CLASS_USE = Pattern.compile("// class ([\\w/$]+)");

  /** picluster-comm's jar or folder, as this JVM loaded it. */
  private static Path library;
  /** Its root: the folder, or the jar's root as a file system. */
  private static Path root;
  private static Set<String> classes;

  @BeforeAll
  static void findTheLibrary() throws Exception {
    library = Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    root = Files.isDirectory(library) ? library : FileSystems.newFileSystem(library).getPath("/");
    classes = classNames(root);
    assertThat(classes).as("picluster-comm's classes in %s", library).contains(Engine.class.getName());
  }

  @Test
  void theListIsExactlyWhatTheRuleAllows() throws Exception {
    Map<String, Set<String>> uses = uses();
    Map<String, Set<String>> nonPublicUses = nonPublicUses();
    Set<String> own = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>(RANK_STATE_BY_HAND);
    for (String name : classes) {
      if (hasStaticState(Class.forName(name, false, getClass().getClassLoader()))) {
        todo.add(name);
      }
    }
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (!own.add(name)) {
        continue;
      }
      for (String other : classes) {
        if (uses.getOrDefault(other, Set.of()).contains(name) || sameNest(name, other)) {
          todo.add(other);
        }
      }
      todo.addAll(nonPublicUses.getOrDefault(name, Set.of()));
    }
    Set<String> shared = new TreeSet<>(classes);
    shared.removeAll(own);
    assertThat(new TreeSet<>(RankSharedClasses.NAMES))
        .as("RankSharedClasses.NAMES must list exactly the classes that hold no rank state; "
            + "each rank defines its own copy of: %s", own)
        .isEqualTo(shared);
  }

  @Test
  void sharedClassesHoldNothingOfARank() throws Exception {
    for (String name : RankSharedClasses.NAMES) {
      Class<?> c = Class.forName(name, false, getClass().getClassLoader());
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        String field = name + "." + f.getName();
        assertThat(Modifier.isFinal(f.getModifiers())).as("%s is not final", field).isTrue();
        assertThat(f.isSynthetic() || STATELESS_OBJECTS.containsKey(field) || isConstant(f.getType()))
            .as("%s (a %s) is shared by every rank of a JVM: it must hold nothing of a rank "
                + "(then add it to STATELESS_OBJECTS with why)", field, f.getType().getName())
            .isTrue();
      }
    }
  }

  /** The launcher's own copies are not rewritten: a shared class must not end the JVM itself. */
  @Test
  void sharedClassesCallNoExitOrHalt() throws IOException {
    for (String name : RankSharedClasses.NAMES) {
      byte[] bytes = Files.readAllBytes(root.resolve(name.replace('.', '/') + ".class"));
      assertThat(ExitCalls.namesExitOrHalt(bytes)).as(name).isFalse();
    }
  }

  @Test
  void aRankGetsTheSharedClassWhereItsClassPathHasThisJvmsCopy() throws Exception {
    try (RankLoader one = rankLoader(library); RankLoader two = rankLoader(library)) {
      Class<?> engine = one.loadClass(Engine.class.getName());
      assertThat(engine).isSameAs(Engine.class).isSameAs(two.loadClass(Engine.class.getName()));
      Class<?> world = one.loadClass("io.picluster.comm.internal.World");
      assertThat(world.getClassLoader()).isSameAs(one);
      assertThat(two.loadClass(world.getName())).isNotSameAs(world);
    }
  }

  @Test
  void aClassPathWithItsOwnCopyOfTheLibraryKeepsAllOfIt(@TempDir Path copy) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path to = copy.resolve(root.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else if (!file.toString().endsWith(".class")) {
          continue;
        } else {
          Files.copy(file, to);
        }
      }
    }
    try (RankLoader own = rankLoader(copy)) {
      assertThat(own.loadClass(Engine.class.getName()).getClassLoader()).isSameAs(own);
    }
  }

  /** A rank's loader alone: the rank is never started. */
  private static RankLoader rankLoader(Path classpath) throws IOException {
    RankClassFiles files = new RankClassFiles();
    JavaCommand program = JavaCommand.parse(List.of("java", "-cp", classpath.toString(), "Main"),
        classpath.getParent(), Map.of());
    ThreadRank rank = new ThreadRank(0, program, Map.of(), false, null, files, null, null);
    return new RankLoader(program.classpath().toArray(new URL[0]), rank, files);
  }

  private static boolean hasStaticState(Class<?> c) {
    for (Field f : c.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isStatic(m) && !Modifier.isFinal(m)) {
        return true;
      }
    }
    return false;
  }

  /** Types whose values cannot carry a rank's state: primitives, strings, enums, shared classes. */
  private static boolean isConstant(Class<?> type) {
    return type.isPrimitive() || type == String.class || type.isEnum() || type == VarHandle.class
        || type == Path.class || type == ByteOrder.class || RankSharedClasses.NAMES.contains(type.getName());
  }

  private static boolean sameNest(String a, String b) {
    return a.split("\\$")[0].equals(b.split("\\$")[0]);
  }

  /** By class: the library's classes it uses (jdeps: its constant pool and signatures). */
  private static Map<String, Set<String>> uses() {
    Map<String, Set<String>> uses = new HashMap<>();
    for (String line : run("jdeps", "-verbose:class", "-filter:none", library.toString()).split("\n")) {
      String[] words = line.trim().split("\\s+");
      if (words.length >= 3 && words[1].equals("->") && classes.contains(words[0]) && classes.contains(words[2])) {
        uses.computeIfAbsent(words[0], k -> new HashSet<>()).add(words[2]);
      }
    }
    return uses;
  }

  /** By class: the library's classes whose members (or selves) it uses although not public. */
  private static Map<String, Set<String>> nonPublicUses() throws ClassNotFoundException {
    List<String> args = new ArrayList<>(List.of("-c", "-p", "-cp", library.toString()));
    args.addAll(classes);
    Map<String, Set<String>> nonPublic = new HashMap<>();
    String current = null;
    for (String line : run("javap", args.toArray(new String[0])).split("\n")) {
      Matcher header = CLASS_HEADER.matcher(line);
      if (header.find()) {
        current = header.group(1);
        continue;
      }
      Matcher member = MEMBER_USE.matcher(line);
      Matcher type = CLASS_USE.matcher(line);
      boolean usesMember = member.find();
      if (current == null || !usesMember && !type.find()) {
        continue;
      }
      String owner = (usesMember ? member.group(2) : type.group(1)).replace('/', '.');
      if (!classes.contains(owner) || sameNest(current, owner)) {
        continue;
      }
      Class<?> ownerClass = Class.forName(owner, false, RankSharedClassesTest.class.getClassLoader());
      boolean accessible = Modifier.isPublic(ownerClass.getModifiers());
      if (accessible && usesMember) {
        Member used = find(ownerClass, member.group(1), member.group(3).replace("\"", ""), member.group(4));
        accessible = used == null // inherited from the JDK, whose members used here are public
            || Modifier.isPublic(used.getModifiers()) && Modifier.isPublic(used.getDeclaringClass().getModifiers());
      }
      if (!accessible) {
        nonPublic.computeIfAbsent(current, k -> new HashSet<>()).add(owner);
      }
    }
    return nonPublic;
  }

  /** The member a reference resolves to in the library (searching superclasses), or null. */
  private static Member find(Class<?> owner, String kind, String name, String descriptor) {
    for (Class<?> c = owner; c != null && classes.contains(c.getName()); c = c.getSuperclass()) {
      if (kind.equals("Field")) {
        for (Field f : c.getDeclaredFields()) {
          if (f.getName().equals(name) && f.getType().descriptorString().equals(descriptor)) {
            return f;
          }
        }
      } else if (name.equals("<init>")) {
        for (Constructor<?> k : c.getDeclaredConstructors()) {
          if (MethodType.methodType(void.class, k.getParameterTypes()).toMethodDescriptorString().equals(descriptor)) {
            return k;
          }
        }
      } else {
        for (Method m : c.getDeclaredMethods()) {
          if (m.getName().equals(name) && MethodType.methodType(m.getReturnType(), m.getParameterTypes())
              .toMethodDescriptorString().equals(descriptor)) {
            return m;
          }
        }
      }
    }
    return null;
  }

  private static Set<String> classNames(Path root) throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("package-info.class")
              && !f.toString().contains("META-INF"))
          .forEach(f -> {
            String relative = root.relativize(f).toString();
            names.add(relative.substring(0, relative.length() - ".class".length()).replace('/', '.'));
          });
    }
    return names;
  }

  private static String run(String tool, String... args) {
    ToolProvider provider = ToolProvider.findFirst(tool).orElseThrow(() -> new AssertionError("no " + tool + " in this JDK"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = provider.run(new PrintWriter(out), new PrintWriter(err), args);
    assertThat(code).as("%s %s: %s", tool, String.join(" ", args), err).isZero();
    return out.toString();
  }
}
